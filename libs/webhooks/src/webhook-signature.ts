import { Webhook } from 'standardwebhooks';

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Signs requests as the Standard Webhooks specification says, with the reference library
 * itself: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret, space-separated
 * (the specification's way of signing with two secrets while one is being rotated out).
 */
export class WebhookSigner {
  private readonly keys: Webhook[];

  constructor(secrets: string[]) {
    this.keys = secrets.map((secret) => new Webhook(secret));
  }

  headers(id: string, at: Date, body: string): WebhookHeaders {
    return {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': this.keys.map((key) => key.sign(id, at, body)).join(' '),
    };
  }
}
