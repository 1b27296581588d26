import { BOUNCE_FIXTURE_NAMES, bounceFixture } from './bounce-fixtures';

describe('bounceFixture', () => {
  const values = { messageId: '<0b6e4c52-8f1d-4c3a-9e57-2d7f0a9b1c34@example.com>', recipient: 'jane.doe@example.net' };

  it.each(BOUNCE_FIXTURE_NAMES)('fills every placeholder of %s and ends every line in CRLF', (name) => {
    const text = bounceFixture(name, values).toString('utf8');
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(text).not.toMatch(/(?<!\r)\n/);
    expect(text).toContain(values.messageId);
    expect(text).toContain(values.recipient);
    expect(text.startsWith('X-Fixture-Note: ')).toBe(true);
  });
});
