import { Injectable } from '@nestjs/common';
import { AuditLog } from '@app/audit';
import { WatchedMailboxesRepository, MailboxProbe } from '@app/bounces';
import { AppConfig } from '@app/config';
import type { IntegrationEntity, IntegrationState } from '@app/database';
import { defaultSenderOf, IntegrationStatusRecorder, SmtpCredentialsService } from '@app/integrations';
import { probeSmtp, SmtpProbeResult } from '@app/smtp';
import type { Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { IntegrationTestResponse } from './integration-test.response';
import { IntegrationsService } from './integrations.service';

const STEP_TIMEOUT_MS = 10_000;
// Provider answers that only a new consent (or a new refresh token) can fix.
const RECONNECT_CODES = new Set(['invalid_grant', 'unauthorized_client', 'missing_refresh_token', 'invalid_scope']);

/**
 * Runs a real SMTP session with the integration's settings and records the outcome as its status;
 * with bounce processing on, also logs in to the watched mailbox (the `imap` step) and records that
 * as the bounce status.
 */
@Injectable()
export class IntegrationTestService {
  constructor(
    private readonly integrationsService: IntegrationsService,
    private readonly integrationStatus: IntegrationStatusRecorder,
    private readonly credentials: SmtpCredentialsService,
    private readonly mailboxProbe: MailboxProbe,
    private readonly bounceStatus: WatchedMailboxesRepository,
    private readonly config: AppConfig,
    private readonly audit: AuditLog,
  ) {}

  async test(workspaceId: WorkspaceId, principal: Principal, id: string, to?: string): Promise<IntegrationTestResponse> {
    const integration = await this.integrationsService.find(workspaceId, id);
    const from = defaultSenderOf(integration);
    const result = await probeSmtp({
      host: integration.host,
      port: integration.port,
      security: integration.security,
      ehloHostname: integration.ehloHostname ?? from?.email.split('@')[1],
      allowSelfSignedCertificate: integration.allowSelfSignedCertificate,
      allowPrivateHosts: this.config.SMTP_ALLOW_PRIVATE_HOSTS,
      timeoutMs: STEP_TIMEOUT_MS,
      auth: this.credentials.auth(integration),
      send: to && from ? { from: from.email, to } : undefined,
    });
    await this.integrationStatus.record(workspaceId, integration.id, {
      state: this.stateAfter(integration, result),
      lastError: this.lastError(result),
      hint: result.hint,
    });
    const imap = integration.bouncesEnabled ? await this.mailboxProbe.probe(integration, STEP_TIMEOUT_MS) : null;
    if (imap)
      await this.bounceStatus.record(integration.id, {
        state: imap.ok ? 'ok' : 'failing',
        lastError: imap.ok ? null : imap.detail,
        hint: imap.hint,
      });
    const ok = result.ok && (imap?.ok ?? true);
    const details = { name: integration.name, ok, sent: result.steps.some((step) => step.name === 'send' && step.ok) };
    await this.audit.record(workspaceId, principal, 'integration.tested', `integration:${integration.id}`, details);
    const steps: IntegrationTestResponse['steps'] = [...result.steps];
    if (imap) steps.push({ name: imap.name, ok: imap.ok, ms: imap.ms, detail: imap.detail });
    return { ok, steps, hint: result.hint ?? imap?.hint ?? null };
  }

  private stateAfter(integration: IntegrationEntity, result: SmtpProbeResult): IntegrationState {
    if (result.ok) return 'ok';
    const needsConsent = result.failure?.step === 'token' && RECONNECT_CODES.has(result.failure.code ?? '');
    return integration.authType === 'oauth2' && needsConsent ? 'needs_reconnect' : 'failing';
  }

  private lastError(result: SmtpProbeResult): string | null {
    const failed = result.steps.find((step) => !step.ok);
    return failed ? `${failed.name}: ${failed.detail}` : null;
  }
}
