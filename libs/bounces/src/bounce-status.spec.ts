import { bounceKind, enhancedStatus, failureReply } from './bounce-status';

describe('enhancedStatus', () => {
  it('finds the first RFC 3463 code, three-digit details included', () => {
    expect(enhancedStatus('5.1.1')).toBe('5.1.1');
    expect(enhancedStatus('5.0.0 (permanent failure)')).toBe('5.0.0');
    expect(enhancedStatus('550 5.1.10 RESOLVER.ADR.RecipientNotFound')).toBe('5.1.10');
    expect(enhancedStatus('250 2.0.0 Ok')).toBe('2.0.0');
  });

  it('does not read a piece of an IP address or a version as a code', () => {
    expect(enhancedStatus('rejected by mx.example.net [10.5.1.1]')).toBeUndefined();
    expect(enhancedStatus('Postfix 3.5.1.4 says no')).toBeUndefined();
    expect(enhancedStatus('User unknown')).toBeUndefined();
  });
});

describe('failureReply', () => {
  it('gives the line of the first class 4 or 5 code, from the SMTP reply code on', () => {
    expect(failureReply('The error that the other server returned was:\n550 5.1.1 <a@example.net>: User unknown\nmore')).toEqual({
      status: '5.1.1',
      line: '550 5.1.1 <a@example.net>: User unknown',
    });
    expect(failureReply('Sent 250 2.0.0 Ok, then: 452 4.2.2 Mailbox full.')).toEqual({ status: '4.2.2', line: '452 4.2.2 Mailbox full.' });
  });

  it('is undefined for text without a failure code', () => {
    expect(failureReply('250 2.0.0 Ok: queued as 4Yc1Xq2Hm9z9tRk, host 192.0.2.25')).toBeUndefined();
  });
});

describe('bounceKind', () => {
  it('is hard for permanent (5.x.x) and soft for transient (4.x.x) failures', () => {
    expect(bounceKind('failed', '5.1.1')).toBe('hard');
    expect(bounceKind('failed', '4.2.2')).toBe('soft');
    expect(bounceKind(undefined, '5.0.0')).toBe('hard');
  });

  it('is soft for a delayed recipient whatever its code, since the server keeps trying', () => {
    expect(bounceKind('delayed', '4.4.7')).toBe('soft');
    expect(bounceKind('delayed', '5.0.0')).toBe('soft');
  });

  it('is no bounce for a delivered, relayed or expanded recipient, nor for a success code', () => {
    expect(bounceKind('delivered', '2.0.0')).toBeNull();
    expect(bounceKind('relayed', '5.0.0')).toBeNull();
    expect(bounceKind('expanded', '2.0.0')).toBeNull();
    expect(bounceKind('failed', '2.0.0')).toBeNull();
  });
});
