import { allowedReturnUrl } from './return-url';

const BASE = 'https://mail.example.com/';

describe('allowedReturnUrl', () => {
  it('accepts a URL on the origin of PUBLIC_BASE_URL', () => {
    expect(allowedReturnUrl('https://mail.example.com/integrations/1?tab=auth', BASE)).toBe('https://mail.example.com/integrations/1?tab=auth');
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

  it('gives nothing when no returnUrl was asked for', () => {
    expect(allowedReturnUrl(undefined, BASE)).toBeUndefined();
  });
});
