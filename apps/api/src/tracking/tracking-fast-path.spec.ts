import type { IncomingMessage } from 'node:http';
import express from 'express';
import { clientIp, TrustProxyFn } from './tracking-fast-path';

const trusting = (setting: unknown) => express().set('trust proxy', setting).get('trust proxy fn') as TrustProxyFn;
const hit = (remoteAddress: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('the client address of a tracking hit', () => {
  it("is the socket's when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientIp(hit('10.0.0.5', '203.0.113.9'), trusting(false))).toBe('10.0.0.5');
  });

  it('is the last forwarded address behind one trusted hop, not what the client wrote before it', () => {
    expect(clientIp(hit('10.0.0.5', '198.51.100.1, 203.0.113.9'), trusting(1))).toBe('203.0.113.9');
    expect(clientIp(hit('10.0.0.5'), trusting(1))).toBe('10.0.0.5');
  });

  it('walks back through listed proxies only', () => {
    const trust = trusting(['10.0.0.0/8']);
    expect(clientIp(hit('10.0.0.5', '198.51.100.1, 10.0.0.7'), trust)).toBe('198.51.100.1');
    expect(clientIp(hit('192.0.2.1', '198.51.100.1'), trust)).toBe('192.0.2.1');
  });
});
