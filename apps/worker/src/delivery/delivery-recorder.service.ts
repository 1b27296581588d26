import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { IntegrationEntity, isRefusedValue, MessageEntity } from '@app/database';
import { IntegrationStatusRecorder } from '@app/integrations';
import { DeliveryStatusChange, DeliveryStatusWriter } from '@app/messages';
import { messageEvent } from '@app/webhooks';
import { trustedWorkspaceId } from '@app/workspace-id';
import { CircuitBreaker } from './circuit-breaker';
import { DeliveryFailure } from './delivery-failure';
import { leaseUntil } from './delivery-lease';
import { DeliveryOutcome } from './delivery-outcome';
import { retryDelayMs } from './retry-policy';

/**
 * Writes what became of a delivery: sent, failed for good, suppressed, back in the queue for a
 * retry (with backoff, or held until the integration is reconnected), and tells the circuit
 * breaker how the integration's server answered.
 */
@Injectable()
export class DeliveryRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryRecorder.name);
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly statuses: DeliveryStatusWriter,
    private readonly integrationStatus: IntegrationStatusRecorder,
    private readonly breaker: CircuitBreaker,
  ) {}

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  /** Failed before any SMTP attempt: no attempt is counted. */
  failed(message: MessageEntity, failure: DeliveryFailure): Promise<void> {
    return this.statuses.write(this.failedChange(message, failure, 0));
  }

  suppressed(message: MessageEntity): Promise<void> {
    const reason = 'every recipient unsubscribed or is suppressed';
    return this.statuses.write({
      workspaceId: message.workspaceId,
      messageId: message.id,
      messageType: message.type,
      status: 'suppressed',
      event: { type: 'suppressed', detail: reason },
      webhook: messageEvent('message.suppressed', message, { reason }),
    });
  }

  /** Gives a held message back to the queue, so whichever job runs it later finds it queued. */
  release(message: MessageEntity): Promise<void> {
    return this.statuses.write({
      workspaceId: message.workspaceId,
      messageId: message.id,
      messageType: message.type,
      status: 'queued',
      leaseUntil: null,
    });
  }

  /** Shows the message `sending` (under a lease) if the attempt is still running after `delayMs`; the returned function calls that off. */
  sendingAfter(message: MessageEntity, delayMs: number): () => void {
    const timer = setTimeout(() => {
      void this.statuses
        .write({
          workspaceId: message.workspaceId,
          messageId: message.id,
          messageType: message.type,
          status: 'sending',
          leaseUntil: leaseUntil(this.config),
        })
        .catch((error: unknown) => this.logger.warn({ err: error, messageId: message.id }, 'could not record sending'));
    }, delayMs);
    return () => clearTimeout(timer);
  }

  /**
   * The SMTP server has the message: from here on a failure is no reason to send it again. The
   * outcome is written until Postgres takes it; only a shutdown gives up (the job then runs again,
   * the one duplicate an at-least-once delivery allows).
   */
  async sent(message: MessageEntity, integration: IntegrationEntity, response: string): Promise<void> {
    const update: DeliveryStatusChange = {
      workspaceId: message.workspaceId,
      messageId: message.id,
      messageType: message.type,
      status: 'sent',
      attemptsAdded: 1,
      smtpResponse: response,
      sentAt: new Date(),
      leaseUntil: null,
      event: { type: 'sent', detail: response },
      webhook: messageEvent('message.sent', message, { smtpResponse: response, attempts: message.attempts + 1 }),
    };
    for (;;) {
      try {
        await this.statuses.write(update);
        break;
      } catch (error) {
        // A refused value stays refused; the job's failure then says why instead of retrying forever.
        if (this.stopping || isRefusedValue(error)) throw error;
        this.logger.warn(
          { err: error, messageId: message.id },
          'the SMTP server accepted the message but Postgres did not take its outcome; writing it again',
        );
        await new Promise((resolve) => setTimeout(resolve, this.config.OUTCOME_WRITE_RETRY_MS));
      }
    }
    await this.breaker
      .recordSuccess(integration.id)
      .catch((error: unknown) =>
        this.logger.warn({ err: error, integrationId: integration.id }, 'could not record the success with the circuit breaker'),
      );
  }

  /**
   * An SMTP attempt failed: a permanent failure fails the message; an authentication failure holds
   * the integration's messages until someone reconnects it; a transient one comes back with
   * backoff, unless that would pass the message's maximum age.
   */
  async attemptFailed(message: MessageEntity, integration: IntegrationEntity, failure: DeliveryFailure): Promise<DeliveryOutcome> {
    if (failure.kind === 'permanent') {
      await this.statuses.write(this.failedChange(message, failure, 1));
      return null;
    }
    if (failure.kind === 'auth') {
      await this.integrationStatus.record(trustedWorkspaceId(message.workspaceId), integration.id, {
        state: 'needs_reconnect',
        lastError: `${failure.code}: ${failure.message}`,
        hint: failure.hint,
      });
      const held = `held until the integration is reconnected: ${failure.message}`;
      await this.statuses.write(this.retryChange(message, failure, held, this.config.RECONNECT_HOLD_MS));
      return { retryInMs: this.config.RECONNECT_HOLD_MS };
    }
    await this.breaker.recordFailure(integration.id);
    const delay = retryDelayMs(message.attempts + 1, this.config.RETRY_BASE_DELAY_MS, this.config.RETRY_MAX_DELAY_MS);
    if (message.createdAt.getTime() + this.config.MESSAGE_MAX_AGE_MS < Date.now() + delay) {
      await this.statuses.write(
        this.failedChange(message, { ...failure, message: `gave up after ${message.attempts + 1} attempts: ${failure.message}` }, 1),
      );
      return null;
    }
    await this.statuses.write(this.retryChange(message, failure, failure.message, delay));
    return { retryInMs: delay };
  }

  /** Back in the queue after a failed attempt, with the reason of the retry as its event: `message.deferred` for webhooks. */
  private retryChange(message: MessageEntity, failure: DeliveryFailure, detail: string, retryInMs: number): DeliveryStatusChange {
    const error = { code: failure.code, message: failure.message, hint: failure.hint };
    return {
      workspaceId: message.workspaceId,
      messageId: message.id,
      messageType: message.type,
      status: 'queued',
      attemptsAdded: 1,
      leaseUntil: null,
      error: failure,
      event: { type: 'retry', detail },
      webhook: messageEvent('message.deferred', message, {
        reason: detail,
        error,
        attempts: message.attempts + 1,
        nextAttemptAt: new Date(Date.now() + retryInMs),
      }),
    };
  }

  private failedChange(message: MessageEntity, failure: DeliveryFailure, attemptsAdded: number): DeliveryStatusChange {
    const error = { code: failure.code, message: failure.message, hint: failure.hint };
    return {
      workspaceId: message.workspaceId,
      messageId: message.id,
      messageType: message.type,
      status: 'failed',
      attemptsAdded,
      leaseUntil: null,
      error,
      event: { type: 'failed', detail: failure.message },
      webhook: messageEvent('message.failed', message, { error, attempts: message.attempts + attemptsAdded }),
    };
  }
}
