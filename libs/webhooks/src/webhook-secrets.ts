import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { SecretBox } from '@app/crypto';
import type { WebhookEndpointEntity } from '@app/database';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
// Standard Webhooks asks for 24 to 64 random bytes.
const SECRET_BYTES = 32;

export type WebhookSecretSlot = 'current' | 'previous';

/** A new signing secret in the form standardwebhooks reads: `whsec_` and base64. */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/**
 * An endpoint's signing secrets at rest: each ciphertext is bound to its endpoint and slot
 * (associated data), so one copied into another row or slot does not decrypt. Clear secrets
 * exist only in the answer that shows one and, while a request is signed, in memory.
 */
@Injectable()
export class WebhookSecrets {
  constructor(private readonly box: SecretBox) {}

  encrypt(endpointId: string, slot: WebhookSecretSlot, secret: string): string {
    return this.box.encrypt(secret, this.context(endpointId, slot));
  }

  decrypt(endpointId: string, slot: WebhookSecretSlot, ciphertext: string): string {
    return this.box.decrypt(ciphertext, this.context(endpointId, slot));
  }

  /** The secrets a request made at `now` is signed with: the current one, and the previous one while its grace period lasts. */
  signingSecrets(
    endpoint: Pick<WebhookEndpointEntity, 'id' | 'secretEncrypted' | 'previousSecretEncrypted' | 'previousSecretExpiresAt'>,
    now: Date,
  ): string[] {
    const current = this.decrypt(endpoint.id, 'current', endpoint.secretEncrypted);
    const { previousSecretEncrypted: previous, previousSecretExpiresAt: expiresAt } = endpoint;
    if (!previous || !expiresAt || expiresAt.getTime() <= now.getTime()) return [current];
    return [current, this.decrypt(endpoint.id, 'previous', previous)];
  }

  private context(endpointId: string, slot: WebhookSecretSlot): string {
    return `webhook:${endpointId}:${slot}-secret`;
  }
}
