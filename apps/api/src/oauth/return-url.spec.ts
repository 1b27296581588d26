import { allowedReturnUrl } from './return-url';

const BASE = 'https://mail.example.com/';

describe('allowedReturnUrl', () => {
  it('accepts a URL on the origin of PUBLIC_BASE_URL', () => {
    expect(allowedReturnUrl('https://mail.example.com/integrations/1?tab=auth', BASE)).toBe(
      'https://mail.example.com/integrations/1?tab=auth',
    );
  });

  it('resolves a relative path against PUBLIC_BASE_URL', () => {
    expect(allowedReturnUrl('/integrations', BASE)).toBe('https://mail.example.com/integrations');
  });

  it.each([
    ['another host', 'https://evil.example/steal'],
    ['another scheme', 'http://mail.example.com/integrations'],
    ['another port', 'https://mail.example.com:8443/'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['a backslash that browsers read as a slash', '/\\evil.example/x'],
    ['a tab hidden between the slashes', '/\t/evil.example/x'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['credentials in the URL', 'https://user:pass@mail.example.com/'],
    ['a host that only starts with the allowed one', 'https://mail.example.com.evil.example/'],
  ])('refuses %s', (_, returnUrl) => {
    expect(allowedReturnUrl(returnUrl, BASE)).toBeUndefined();
  });

  it.each([
    ['the dashboard root', '/'],
    ['a dashboard page', '/w/4f6c/integrations/1?tab=auth#top'],
    ['a path that only starts with a reserved name', '/tracking/t/c/x'],
    ['a reserved path in the query', '/integrations?next=/t/c/x'],
    ['a trailing slash', '/integrations/'],
  ])('accepts %s', (_, returnUrl) => {
    expect(allowedReturnUrl(returnUrl, BASE)).toBe(new URL(returnUrl, BASE).href);
  });

  // Each of these answers with a redirect or a page of its own: a chain onward (a click link goes
  // anywhere a message links to), or a page nobody should land on after signing in.
  it.each([
    ['a click-tracking link', 'https://mail.example.com/t/c/eyJtIjoxfQ.sig'],
    ['a relative click-tracking link', '/t/c/eyJtIjoxfQ.sig'],
    ['the open pixel', '/t/o/token'],
    ['the tracking prefix itself', '/t'],
    ['an unsubscribe link', '/u/token'],
    ['the API', '/v1/oauth2/callback?code=x&state=y'],
    ['the API documentation', '/docs'],
    ['the OpenAPI document', '/docs-json'],
    ['the health check', '/health/ready'],
    ['the metrics', '/metrics'],
    ['a reserved path in another case (Express routes ignore case)', '/T/c/token'],
    ['a reserved path in upper case', '/U/token'],
    ['a percent-encoded reserved name', '/%74/c/token'],
    ['an encoded dot-dot segment', '/integrations/%2e%2e/t/c/token'],
    ['an upper-case encoded dot-dot segment', '/integrations/.%2E/t/c/token'],
    ['an encoded slash and dot-dot', '/integrations/..%2ft/c/token'],
    ['an encoded backslash', '/integrations%5c..%5ct/c/token'],
    ['an empty segment', '/integrations//t/c/token'],
    ['a malformed escape', '/integrations/%E0%A4%A'],
  ])('refuses %s', (_, returnUrl) => {
    expect(allowedReturnUrl(returnUrl, BASE)).toBeUndefined();
  });

  describe('when PUBLIC_BASE_URL has a path', () => {
    const PREFIXED = 'https://mail.example.com/mailroom/';

    it('accepts dashboard pages below it', () => {
      expect(allowedReturnUrl('/mailroom/w/1/integrations', PREFIXED)).toBe('https://mail.example.com/mailroom/w/1/integrations');
    });

    it.each([['/mailroom/t/c/token'], ['/mailroom/u/token'], ['/elsewhere/integrations'], ['/mailroomx/integrations']])(
      'refuses %s',
      (returnUrl) => {
        expect(allowedReturnUrl(returnUrl, PREFIXED)).toBeUndefined();
      },
    );
  });

  it('gives nothing when no returnUrl was asked for', () => {
    expect(allowedReturnUrl(undefined, BASE)).toBeUndefined();
  });
});
