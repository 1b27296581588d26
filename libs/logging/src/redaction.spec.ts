import { redactUrl } from './redaction';

describe('redactUrl', () => {
  it('hides the query string, where OAuth codes and state travel', () => {
    expect(redactUrl('/v1/oauth2/callback?code=abc&state=def')).toBe('/v1/oauth2/callback?[query]');
  });

  it('hides tracking and unsubscribe tokens', () => {
    expect(redactUrl('/t/c/AbC123')).toBe('/t/c/[token]');
    expect(redactUrl('/t/o/AbC123')).toBe('/t/o/[token]');
    expect(redactUrl('/u/xyz')).toBe('/u/[token]');
  });

  it('leaves ordinary paths alone', () => {
    expect(redactUrl('/v1/workspaces/1/messages')).toBe('/v1/workspaces/1/messages');
  });
});
