import { Webhook } from 'standardwebhooks';
import { SecretBox } from '@app/crypto';
import { generateWebhookSecret, WebhookSecrets } from './webhook-secrets';

const box = new SecretBox(Buffer.alloc(32, 3));
const ROTATED_AT = new Date('2026-12-01T10:00:00Z');
const GRACE_MS = 24 * 3600_000;

describe('webhook signing secrets', () => {
  it('are whsec_ and 32 random bytes in base64, which standardwebhooks accepts as they are', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(() => new Webhook(secret)).not.toThrow();
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('are stored encrypted for their endpoint alone', () => {
    const secrets = new WebhookSecrets(box);
    const stored = secrets.encrypt('endpoint-a', 'current', 'whsec_abc');
    expect(stored).not.toContain('whsec_abc');
    expect(secrets.decrypt('endpoint-a', 'current', stored)).toBe('whsec_abc');
    expect(() => secrets.decrypt('endpoint-b', 'current', stored)).toThrow();
    expect(() => secrets.decrypt('endpoint-a', 'previous', stored)).toThrow();
  });

  it('sign with the previous secret beside the current one until the grace period after a rotation ends', () => {
    const secrets = new WebhookSecrets(box);
    const endpoint = {
      id: 'endpoint-a',
      secretEncrypted: secrets.encrypt('endpoint-a', 'current', 'whsec_new'),
      previousSecretEncrypted: secrets.encrypt('endpoint-a', 'previous', 'whsec_old'),
      previousSecretExpiresAt: new Date(ROTATED_AT.getTime() + GRACE_MS),
    };
    expect(secrets.signingSecrets(endpoint, new Date(ROTATED_AT.getTime() + GRACE_MS - 1))).toEqual(['whsec_new', 'whsec_old']);
    expect(secrets.signingSecrets(endpoint, new Date(ROTATED_AT.getTime() + GRACE_MS))).toEqual(['whsec_new']);
    expect(secrets.signingSecrets({ ...endpoint, previousSecretEncrypted: null, previousSecretExpiresAt: null }, ROTATED_AT)).toEqual([
      'whsec_new',
    ]);
  });
});
