import { Injectable } from '@nestjs/common';
import { SecretBox } from '@app/crypto';
import type { IntegrationEntity } from '@app/database';

export type SecretField = 'password' | 'clientSecret' | 'refreshToken';

const COLUMN: Record<SecretField, 'passwordEncrypted' | 'clientSecretEncrypted' | 'refreshTokenEncrypted'> = {
  password: 'passwordEncrypted',
  clientSecret: 'clientSecretEncrypted',
  refreshToken: 'refreshTokenEncrypted',
};

/**
 * Reads and writes an integration's secret columns. Each ciphertext is bound to the row and the
 * field (associated data), so a ciphertext copied into another row or column does not decrypt.
 */
@Injectable()
export class IntegrationSecrets {
  constructor(private readonly box: SecretBox) {}

  set(integration: IntegrationEntity, field: SecretField, value: string | null): void {
    integration[COLUMN[field]] = value === null ? null : this.box.encrypt(value, this.context(integration, field));
  }

  get(integration: IntegrationEntity, field: SecretField): string | null {
    const ciphertext = integration[COLUMN[field]];
    return ciphertext === null ? null : this.box.decrypt(ciphertext, this.context(integration, field));
  }

  has(integration: IntegrationEntity, field: SecretField): boolean {
    return integration[COLUMN[field]] !== null;
  }

  private context(integration: IntegrationEntity, field: SecretField): string {
    return `integration:${integration.id}:${field}`;
  }
}
