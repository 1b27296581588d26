import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret } from './webhook-secrets';
import { WebhookSigner } from './webhook-signature';

const BODY = JSON.stringify({ type: 'message.sent', timestamp: '2026-12-01T10:00:00.000Z', data: { messageId: 'm' } });

describe('webhook signatures (Standard Webhooks)', () => {
  it('verify with the standardwebhooks package as a receiver checks them', () => {
    const secret = generateWebhookSecret();
    const headers = new WebhookSigner([secret]).headers('evt-1', new Date(), BODY);
    expect(headers['webhook-id']).toBe('evt-1');
    expect(headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(BODY, headers)).toEqual(JSON.parse(BODY));
  });

  it('are byte for byte what the standardwebhooks package signs', () => {
    const secret = generateWebhookSecret();
    const at = new Date();
    const headers = new WebhookSigner([secret]).headers('evt-0', at, BODY);
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('evt-0', at, BODY));
  });

  it('carry one space-separated signature per secret, each verifying on its own', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = new WebhookSigner([current, previous]).headers('evt-2', new Date(), BODY);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(BODY, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(BODY, headers)).not.toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(BODY, headers)).toThrow(/No matching signature/);
  });

  it('fail verification once a byte of the body changes', () => {
    const secret = generateWebhookSecret();
    const headers = new WebhookSigner([secret]).headers('evt-3', new Date(), BODY);
    expect(() => new Webhook(secret).verify(BODY.replace('"m"', '"n"'), headers)).toThrow(/No matching signature/);
  });
});
