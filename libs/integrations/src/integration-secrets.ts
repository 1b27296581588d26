import { Injectable } from '@nestjs/common';
import { SecretBox } from '@app/crypto';
import type { OwnIntegration, ReadonlyIntegration } from './shared-integration';

export type SecretField = 'password' | 'clientSecret' | 'refreshToken' | 'bouncesPassword';

const COLUMN: Record<SecretField, 'passwordEncrypted' | 'clientSecretEncrypted' | 'refreshTokenEncrypted' | 'bouncesPasswordEncrypted'> = {
  password: 'passwordEncrypted',
  clientSecret: 'clientSecretEncrypted',
  refreshToken: 'refreshTokenEncrypted',
  bouncesPassword: 'bouncesPasswordEncrypted',
};

/**
 * Reads and writes an integration's secret columns. Each ciphertext is bound to the row and the
 * field (associated data), so a ciphertext copied into another row or column does not decrypt.
 */
@Injectable()
export class IntegrationSecrets {
  constructor(private readonly box: SecretBox) {}

  set(integration: OwnIntegration, field: SecretField, value: string | null): void {
    integration[COLUMN[field]] = value === null ? null : this.encrypt(integration, field, value);
  }

  /** The ciphertext `set` would store, leaving the integration as it is. */
  encrypt(integration: ReadonlyIntegration, field: SecretField, value: string): string {
    return this.box.encrypt(value, this.context(integration, field));
  }

  get(integration: ReadonlyIntegration, field: SecretField): string | null {
    const ciphertext = integration[COLUMN[field]];
    return ciphertext === null ? null : this.box.decrypt(ciphertext, this.context(integration, field));
  }

  has(integration: ReadonlyIntegration, field: SecretField): boolean {
    return integration[COLUMN[field]] !== null;
  }

  private context(integration: ReadonlyIntegration, field: SecretField): string {
    return `integration:${integration.id}:${field}`;
  }
}
