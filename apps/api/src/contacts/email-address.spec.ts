import { normalizeEmail } from './email-address';

describe('normalizeEmail', () => {
  it('trims and lowercases a valid address', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toEqual({ ok: true, email: 'ada.lovelace@example.com' });
  });

  it.each([
    ['', 'email is empty'],
    ['   ', 'email is empty'],
    ['not-an-email', 'not a valid email address'],
    ['a@b', 'not a valid email address'],
    ['a@example.com\r\nBcc: x@example.com', 'not a valid email address'],
    [`${'a'.repeat(320)}@example.com`, 'email is longer than 320 characters'],
  ])('refuses %j because: %s', (raw, reason) => {
    expect(normalizeEmail(raw)).toEqual({ ok: false, reason });
  });
});
