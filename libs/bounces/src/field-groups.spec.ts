import { fieldGroups, firstField } from './field-groups';

describe('fieldGroups', () => {
  it('splits blocks at blank lines and keys fields by lower-cased name', () => {
    const groups = fieldGroups(
      'Reporting-MTA: dns; mx.example.net\r\n\r\nFinal-Recipient: rfc822; a@example.net\r\nACTION: failed\r\n',
      10,
    );
    expect(groups).toHaveLength(2);
    expect(firstField(groups[0], 'reporting-mta')).toBe('dns; mx.example.net');
    expect(firstField(groups[1], 'final-recipient')).toBe('rfc822; a@example.net');
    expect(firstField(groups[1], 'action')).toBe('failed');
  });

  it('unfolds continuation lines, keeping the whitespace that starts them', () => {
    const [group] = fieldGroups(
      'Diagnostic-Code: smtp; 550 5.1.1 <a@example.net>: Recipient address\n    rejected: User unknown\nStatus: 5.1.1',
      1,
    );
    expect(firstField(group, 'diagnostic-code')).toBe('smtp; 550 5.1.1 <a@example.net>: Recipient address    rejected: User unknown');
    expect(firstField(group, 'status')).toBe('5.1.1');
  });

  it('keeps every value of a repeated field in order', () => {
    const [group] = fieldGroups('Original-Rcpt-To: <a@example.net>\nOriginal-Rcpt-To: b@example.net\n', 1);
    expect(group!.get('original-rcpt-to')).toEqual(['<a@example.net>', 'b@example.net']);
  });

  it('skips leading and repeated blank lines, lines without a field name, and a continuation with nothing to continue', () => {
    const groups = fieldGroups('\n\n  orphan continuation\nnot a field\nA: 1\n\n\n\nB: 2\n', 10);
    expect(groups.map((group) => [...group.keys()])).toEqual([['a'], ['b']]);
  });

  it('stops after the number of blocks asked for', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `Final-Recipient: rfc822; r${i}@example.net`).join('\n\n');
    const groups = fieldGroups(text, 3);
    expect(groups.map((group) => firstField(group, 'final-recipient'))).toEqual([
      'rfc822; r0@example.net',
      'rfc822; r1@example.net',
      'rfc822; r2@example.net',
    ]);
  });

  it('reads a message header section and stops at the blank line before the body', () => {
    const groups = fieldGroups('Message-ID: <x@example.com>\r\nTo: a@example.net\r\n\r\nDear: customer\r\n', 1);
    expect(groups).toHaveLength(1);
    expect([...groups[0]!.keys()]).toEqual(['message-id', 'to']);
  });
});
