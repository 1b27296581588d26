import { randomBytes, randomUUID } from 'node:crypto';
import { SecretBox } from '@app/crypto';
import { IntegrationEntity, SenderEntity } from '@app/database';
import type { AccessTokenService } from '@app/oauth';
import { IntegrationSecrets } from './integration-secrets';
import type { IntegrationsRepository } from './integrations.repository';
import type { SharedIntegration } from './shared-integration';
import { SmtpCredentialsService } from './smtp-credentials.service';

/** Frozen, so that a write the types let through would throw here. */
function sharedCopy(): SharedIntegration {
  const sender = Object.freeze(Object.assign(new SenderEntity(), { email: 'sender@example.com', isDefault: true }));
  const integration = Object.assign(new IntegrationEntity(), {
    id: randomUUID(),
    workspaceId: randomUUID(),
    host: 'smtp.example.com',
    credentialsVersion: 3,
    refreshTokenEncrypted: null,
    senders: Object.freeze([sender]),
  });
  return Object.freeze(integration) as SharedIntegration;
}

describe('a shared integration', () => {
  const secrets = new IntegrationSecrets(new SecretBox(randomBytes(32)));

  it('gets a rotated refresh token stored while it stays as it was', async () => {
    const saveRefreshToken = jest.fn().mockResolvedValue(true);
    const credentials = new SmtpCredentialsService(
      secrets,
      { saveRefreshToken } as unknown as IntegrationsRepository,
      {} as AccessTokenService,
    );
    const integration = sharedCopy();

    await credentials.saveRefreshToken(integration, 'rotated-refresh-token');

    expect(integration.refreshTokenEncrypted).toBeNull();
    const [workspaceId, id, credentialsVersion, ciphertext] = saveRefreshToken.mock.calls[0] as [string, string, number, string];
    expect({ workspaceId, id, credentialsVersion }).toEqual({
      workspaceId: integration.workspaceId,
      id: integration.id,
      credentialsVersion: 3,
    });
    expect(secrets.get({ ...integration, refreshTokenEncrypted: ciphertext }, 'refreshToken')).toBe('rotated-refresh-token');
  });

  it('cannot be written, nor handed to what changes an integration, without a compile error', () => {
    const integration = sharedCopy();
    const writes = [
      // @ts-expect-error every property is read-only
      () => (integration.host = 'elsewhere.example'),
      // @ts-expect-error its senders' properties too
      () => (integration.senders[0]!.email = 'someone@example.com'),
      // @ts-expect-error IntegrationSecrets.set changes the integration it is given
      () => secrets.set(integration, 'refreshToken', 'rotated-refresh-token'),
    ];
    for (const write of writes) expect(write).toThrow(TypeError);
  });
});
