import { isMailroomUrl, trackingUrl } from './tracking-urls';

describe('tracking URLs', () => {
  it('builds the public routes, with or without a trailing slash on the base', () => {
    expect(trackingUrl('https://m.test', 'open', 'T')).toBe('https://m.test/t/o/T');
    expect(trackingUrl('https://m.test/', 'click', 'T')).toBe('https://m.test/t/c/T');
    expect(trackingUrl('https://m.test/mailroom/', 'unsubscribe', 'T')).toBe('https://m.test/mailroom/u/T');
  });

  it("recognises links to Mailroom's own routes, under a base path too, and nothing else", () => {
    const base = new URL('https://m.test/mailroom');
    expect(isMailroomUrl(new URL('https://M.TEST/mailroom/t/c/abc'), base)).toBe(true);
    expect(isMailroomUrl(new URL('https://m.test/mailroom/u/abc'), base)).toBe(true);
    expect(isMailroomUrl(new URL('https://m.test/t/c/abc'), base)).toBe(false);
    expect(isMailroomUrl(new URL('https://other.test/mailroom/t/c/abc'), base)).toBe(false);
    expect(isMailroomUrl(new URL('http://m.test/mailroom/t/c/abc'), base)).toBe(false);
  });
});
