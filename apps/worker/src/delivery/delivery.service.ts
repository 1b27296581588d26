import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { IntegrationEntity, isRefusedValue, MessageEntity, MessageStatus } from '@app/database';
import { IntegrationsRepository, SmtpCredentialsService } from '@app/integrations';
import { SmtpTransportPool } from '@app/smtp';
import { DeliveryStatusWriter, MessagesRepository } from '@app/messages';
import { SuppressionsRepository } from '@app/marketing';
import type { JobPayloads, JobName } from '@app/queue';
import { trustedWorkspaceId } from '@app/workspace-id';
import { CircuitBreaker } from './circuit-breaker';
import { composeMail } from './compose-mail';
import { DeliveryFailure, describeFailure } from './delivery-failure';
import { IntegrationRateLimiter } from './integration-rate-limiter';
import { MessageLoader } from './message-loader';
import { BroadcastSnapshots, isOnHold, PAUSED_RECHECK_MS } from '../broadcasts/broadcast-snapshots';
import { retryDelayMs } from './retry-policy';
import { TrackedContent } from './tracked-content';

/** A delivery holds the message (claimed with a broadcast slice, or an attempt still running) and its lease has not run out. */
function isLeased(message: MessageEntity): boolean {
  return message.status === 'sending' && message.leaseUntil !== null && message.leaseUntil.getTime() > Date.now();
}

/**
 * null: the job is done (delivered, failed for good, or nothing to do); otherwise look again
 * later. `shared`: the wait holds for every message of the integration or broadcast (a rate
 * limit, an open circuit, a pause), not for this message alone.
 */
export type DeliveryOutcome = { retryInMs: number; shared?: boolean } | null;

const FINISHED: ReadonlySet<MessageStatus> = new Set(['sent', 'failed', 'suppressed']);
// Most sends finish well within this; only slower ones are worth a `sending` write of their own.
const SENDING_VISIBLE_AFTER_MS = 250;

/**
 * Delivers one accepted message through its integration's pooled transport, and records what
 * happened. Transient failures come back later with backoff; permanent ones fail at once with
 * the server's reply; an authentication failure retries once with a fresh token, then holds the
 * integration's messages until someone reconnects it.
 */
@Injectable()
export class DeliveryService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryService.name);
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly messages: MessageLoader,
    private readonly claims: MessagesRepository,
    private readonly integrations: IntegrationsRepository,
    private readonly credentials: SmtpCredentialsService,
    private readonly pool: SmtpTransportPool,
    private readonly writer: DeliveryStatusWriter,
    private readonly rateLimiter: IntegrationRateLimiter,
    private readonly breaker: CircuitBreaker,
    private readonly content: TrackedContent,
    private readonly suppressions: SuppressionsRepository,
    private readonly broadcasts: BroadcastSnapshots,
  ) {}

  /**
   * `afterFailedAttempt`: this job ran before and threw (Postgres or Redis went away). A lease on a
   * single message can then only be that attempt's own, which is over, so it does not hold the
   * message back until the lease runs out.
   */
  async deliver({ workspaceId, messageId }: JobPayloads[JobName.DeliverMessage], afterFailedAttempt = false): Promise<DeliveryOutcome> {
    const loaded = await this.messages.load(trustedWorkspaceId(workspaceId), messageId);
    if (!loaded || FINISHED.has(loaded.status)) return null;
    // Leased: another delivery holds it; if that one dies, the outbox reconciler queues it again.
    if (isLeased(loaded) && (loaded.broadcastId || !afterFailedAttempt)) return null;
    // A broadcast's slice may reach the same message: only the delivery whose claim wins sends it.
    const message = loaded.broadcastId ? (await this.claims.claimForDelivery(trustedWorkspaceId(workspaceId), [messageId], this.leaseUntil()))[0] : loaded;
    return message ? this.deliverHeld(message) : null;
  }

  /** The lease a claim takes: long enough for any send, short enough to recover from a dead worker. */
  leaseUntil(): Date {
    return new Date(Date.now() + this.config.SENDING_LEASE_MS);
  }

  /**
   * Delivers a message this delivery holds (loaded for its own job, or claimed). One that has to
   * wait is released first, so whichever job runs it later finds it queued.
   */
  async deliverHeld(message: MessageEntity): Promise<DeliveryOutcome> {
    const outcome = await this.attempt(message);
    if (outcome && isLeased(message)) {
      await this.writer.write({ workspaceId: message.workspaceId, messageId: message.id, status: 'queued', leaseUntil: null });
    }
    return outcome;
  }

  /**
   * How long every message of the integration has to wait before any may go, its rate limit
   * aside: 0 unless it needs reconnecting or its circuit is open.
   */
  async holdMs(integration: IntegrationEntity): Promise<number> {
    if (integration.statusState === 'needs_reconnect') return this.config.RECONNECT_HOLD_MS;
    return this.breaker.openFor(integration.id);
  }

  private async attempt(message: MessageEntity): Promise<DeliveryOutcome> {
    const { workspaceId, id: messageId } = message;
    const workspace = trustedWorkspaceId(workspaceId);
    const integration = await this.integrations.cachedById(workspace, message.integrationId);
    if (!integration) {
      await this.fail(message, { kind: 'permanent', code: 'integration_deleted', message: 'The integration this message was accepted for no longer exists', hint: null });
      return null;
    }
    if (message.createdAt.getTime() + this.config.MESSAGE_MAX_AGE_MS < Date.now()) {
      const last = message.errorMessage ? `; last error: ${message.errorMessage}` : '';
      await this.fail(message, { kind: 'permanent', code: 'expired', message: `not delivered within the maximum age${last}`, hint: message.errorHint });
      return null;
    }
    if (message.broadcastId) {
      const { status } = await this.broadcasts.get(workspaceId, message.broadcastId);
      if (isOnHold(status)) return { retryInMs: PAUSED_RECHECK_MS, shared: true };
      if (status === 'cancelled' || status === null) {
        await this.fail(message, { kind: 'permanent', code: 'broadcast_cancelled', message: 'The broadcast was cancelled before this message was sent', hint: null });
        return null;
      }
      // Its template broke a limit: the fan-out dropped the queued messages; a claimed one goes no further either.
      if (status === 'failed') {
        await this.fail(message, { kind: 'permanent', code: 'broadcast_failed', message: 'The broadcast failed before this message was sent', hint: null });
        return null;
      }
    }
    if (message.type === 'marketing' && (await this.allRecipientsSuppressed(message))) {
      await this.writer.write({ workspaceId, messageId, status: 'suppressed', event: { type: 'suppressed', detail: 'every recipient unsubscribed or is suppressed' } });
      return null;
    }
    const holdMs = await this.holdMs(integration);
    if (holdMs > 0) return { retryInMs: holdMs, shared: true };
    const rateWaitMs = await this.rateLimiter.reserve(integration, message.type);
    if (rateWaitMs > 0) return { retryInMs: rateWaitMs, shared: true };

    // A claimed message is `sending` under a lease already.
    const markSending = isLeased(message) ? undefined : setTimeout(() => {
      void this.writer
        .write({ workspaceId, messageId, status: 'sending', leaseUntil: this.leaseUntil() })
        .catch((error: unknown) => this.logger.warn({ err: error, messageId }, 'could not record sending'));
    }, SENDING_VISIBLE_AFTER_MS);
    let response: string;
    try {
      response = (await this.sendWithFreshTokenOnAuthFailure(integration, message).finally(() => clearTimeout(markSending))).response;
    } catch (error) {
      return this.handleFailure(message, integration, describeFailure(error, integration, this.credentials.mailbox(integration), message.fromEmail));
    }
    await this.recordSent(message, response);
    await this.breaker.recordSuccess(integration.id).catch((error: unknown) => this.logger.warn({ err: error, integrationId: integration.id }, 'could not record the success with the circuit breaker'));
    return null;
  }

  /**
   * The SMTP server has the message: from here on a failure is no reason to send it again. The
   * outcome is written until Postgres takes it; only a shutdown gives up (the job then runs again,
   * the one duplicate an at-least-once delivery allows).
   */
  private async recordSent(message: MessageEntity, response: string): Promise<void> {
    const update = {
      workspaceId: message.workspaceId,
      messageId: message.id,
      status: 'sent' as const,
      attemptsAdded: 1,
      smtpResponse: response,
      sentAt: new Date(),
      leaseUntil: null,
      event: { type: 'sent' as const, detail: response },
    };
    for (;;) {
      try {
        return await this.writer.write(update);
      } catch (error) {
        // A refused value stays refused; the job's failure then says why instead of retrying forever.
        if (this.stopping || isRefusedValue(error)) throw error;
        this.logger.warn({ err: error, messageId: message.id }, 'the SMTP server accepted the message but Postgres did not take its outcome; writing it again');
        await new Promise((resolve) => setTimeout(resolve, this.config.OUTCOME_WRITE_RETRY_MS));
      }
    }
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  private async send(integration: IntegrationEntity, message: MessageEntity) {
    const transport = await this.pool.get(
      integration.id,
      `${integration.credentialsVersion}:${integration.updatedAt.getTime()}`,
      {
        host: integration.host,
        port: integration.port,
        security: integration.security,
        ehloHostname: integration.ehloHostname ?? message.fromEmail.split('@')[1]!,
        allowSelfSignedCertificate: integration.allowSelfSignedCertificate,
        maxConnections: integration.maxConnections,
        allowPrivateHosts: this.config.SMTP_ALLOW_PRIVATE_HOSTS,
      },
      this.credentials.auth(integration),
    );
    return transport.sendMail(composeMail(message, await this.content.build(message)));
  }

  /**
   * Marketing mail skips suppressed addresses (workspace-wide, or for the message's list);
   * when none is left the message is not sent at all. Transactional mail is never suppressed.
   */
  private async allRecipientsSuppressed(message: MessageEntity): Promise<boolean> {
    const recipients = [...message.to, ...message.cc, ...message.bcc];
    const suppressed = await this.suppressions.suppressedAmong(
      trustedWorkspaceId(message.workspaceId),
      recipients.map((mailbox) => mailbox.email),
      message.listId,
    );
    if (suppressed.size === 0) return false;
    const keep = (mailbox: { email: string }) => !suppressed.has(mailbox.email.toLowerCase());
    message.to = message.to.filter(keep);
    message.cc = message.cc.filter(keep);
    message.bcc = message.bcc.filter(keep);
    return message.to.length + message.cc.length + message.bcc.length === 0;
  }

  /**
   * nodemailer only asks for a new token after a 334 challenge; Exchange answers 535 5.7.3 at
   * once, so on an OAuth2 authentication failure the token and the pool are dropped and the
   * send is tried once more here.
   */
  private async sendWithFreshTokenOnAuthFailure(integration: IntegrationEntity, message: MessageEntity) {
    try {
      return await this.send(integration, message);
    } catch (error) {
      const failure = describeFailure(error, integration, this.credentials.mailbox(integration), message.fromEmail);
      if (failure.kind !== 'auth' || integration.authType !== 'oauth2') throw error;
      await this.credentials.invalidateAccessToken(integration);
      this.pool.discard(integration.id);
      return this.send(integration, message);
    }
  }

  private async handleFailure(message: MessageEntity, integration: IntegrationEntity, failure: DeliveryFailure): Promise<DeliveryOutcome> {
    const { workspaceId, id: messageId } = message;
    if (failure.kind === 'permanent') {
      await this.fail(message, failure, 1);
      return null;
    }
    if (failure.kind === 'auth') {
      this.pool.discard(integration.id);
      await this.integrations.updateStatus(trustedWorkspaceId(workspaceId), integration.id, {
        state: 'needs_reconnect',
        lastError: `${failure.code}: ${failure.message}`,
        hint: failure.hint,
      });
      await this.writer.write({
        workspaceId,
        messageId,
        status: 'queued',
        attemptsAdded: 1,
        leaseUntil: null,
        error: failure,
        event: { type: 'retry', detail: `held until the integration is reconnected: ${failure.message}` },
      });
      return { retryInMs: this.config.RECONNECT_HOLD_MS };
    }
    await this.breaker.recordFailure(integration.id);
    const delay = retryDelayMs(message.attempts + 1, this.config.RETRY_BASE_DELAY_MS, this.config.RETRY_MAX_DELAY_MS);
    if (message.createdAt.getTime() + this.config.MESSAGE_MAX_AGE_MS < Date.now() + delay) {
      await this.fail(message, { ...failure, message: `gave up after ${message.attempts + 1} attempts: ${failure.message}` }, 1);
      return null;
    }
    await this.writer.write({ workspaceId, messageId, status: 'queued', attemptsAdded: 1, leaseUntil: null, error: failure, event: { type: 'retry', detail: failure.message } });
    return { retryInMs: delay };
  }

  /** `attemptsAdded` is 1 when the failure was an SMTP attempt, 0 when the message never got that far. */
  private fail(message: MessageEntity, failure: DeliveryFailure, attemptsAdded = 0): Promise<void> {
    return this.writer.write({
      workspaceId: message.workspaceId,
      messageId: message.id,
      status: 'failed',
      attemptsAdded,
      leaseUntil: null,
      error: { code: failure.code, message: failure.message, hint: failure.hint },
      event: { type: 'failed', detail: failure.message },
    });
  }
}
