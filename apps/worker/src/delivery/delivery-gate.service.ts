import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { IntegrationEntity, MessageEntity } from '@app/database';
import { IntegrationsRepository } from '@app/integrations';
import { SuppressionsRepository } from '@app/marketing';
import { trustedWorkspaceId } from '@app/workspace-id';
import { BroadcastSnapshots, isOnHold, PAUSED_RECHECK_MS } from '../broadcasts/broadcast-snapshots';
import { BouncedAddresses } from './bounced-addresses';
import { CircuitBreaker } from './circuit-breaker';
import { DeliveryFailure } from './delivery-failure';
import { IntegrationRateLimiter } from './integration-rate-limiter';

/**
 * send: go now, through `integration`, to the recipients `message` still has. wait: every
 * message of the integration or broadcast waits this long (a pause, a hold, an open circuit, the
 * rate limit). fail: the message can never go. suppress: nobody is left to send it to.
 */
export type GateDecision =
  | { verdict: 'send'; integration: IntegrationEntity; message: MessageEntity }
  | { verdict: 'wait'; retryInMs: number }
  | { verdict: 'fail'; failure: DeliveryFailure }
  | { verdict: 'suppress' };

const failure = (code: string, message: string, hint: string | null = null): GateDecision => ({
  verdict: 'fail',
  failure: { kind: 'permanent', code, message, hint },
});

/**
 * Decides whether a message may go now, in the order the reasons not to send are looked at: its
 * integration is gone, it is too old, its broadcast is paused, cancelled or failed, every
 * recipient is suppressed, the integration is held or its circuit is open, the rate limit.
 * Letting a message through uses up one of the integration's allowance.
 */
@Injectable()
export class DeliveryGate {
  constructor(
    private readonly config: AppConfig,
    private readonly integrations: IntegrationsRepository,
    private readonly broadcasts: BroadcastSnapshots,
    private readonly suppressions: SuppressionsRepository,
    private readonly bouncedAddresses: BouncedAddresses,
    private readonly breaker: CircuitBreaker,
    private readonly rateLimiter: IntegrationRateLimiter,
  ) {}

  async decide(message: MessageEntity): Promise<GateDecision> {
    const integration = await this.integrations.cachedById(trustedWorkspaceId(message.workspaceId), message.integrationId);
    if (!integration) return failure('integration_deleted', 'The integration this message was accepted for no longer exists');
    if (message.createdAt.getTime() + this.config.MESSAGE_MAX_AGE_MS < Date.now()) {
      const last = message.errorMessage ? `; last error: ${message.errorMessage}` : '';
      return failure('expired', `not delivered within the maximum age${last}`, message.errorHint);
    }
    if (message.broadcastId) {
      const { status } = await this.broadcasts.get(message.workspaceId, message.broadcastId);
      if (isOnHold(status)) return { verdict: 'wait', retryInMs: PAUSED_RECHECK_MS };
      if (status === 'cancelled' || status === null)
        return failure('broadcast_cancelled', 'The broadcast was cancelled before this message was sent');
      // Its template broke a limit: the fan-out dropped the queued messages; a claimed one goes no further either.
      if (status === 'failed') return failure('broadcast_failed', 'The broadcast failed before this message was sent');
    }
    const sendable = await this.withoutSuppressed(message);
    if (!sendable) return { verdict: 'suppress' };
    const holdMs = await this.holdMs(integration);
    if (holdMs > 0) return { verdict: 'wait', retryInMs: holdMs };
    const rateWaitMs = await this.rateLimiter.reserve(integration, message.type);
    if (rateWaitMs > 0) return { verdict: 'wait', retryInMs: rateWaitMs };
    return { verdict: 'send', integration, message: sendable };
  }

  /**
   * How long a broadcast slice has to wait before any of its messages may go, without using up
   * any of the allowance: 0 unless the integration is held, its circuit is open or its rate
   * limit is reached.
   */
  async sliceWaitMs(integration: IntegrationEntity): Promise<number> {
    return Math.max(await this.holdMs(integration), await this.rateLimiter.waitMs(integration));
  }

  /** How long every message of the integration waits, its rate limit aside: it needs reconnecting, or its circuit is open. */
  private async holdMs(integration: IntegrationEntity): Promise<number> {
    if (integration.statusState === 'needs_reconnect') return this.config.RECONNECT_HOLD_MS;
    return this.breaker.openFor(integration.id);
  }

  /**
   * Marketing mail skips suppressed addresses (workspace-wide, or for the message's list);
   * transactional mail skips only hard bounces and complaints, and only when the workspace says so.
   * Answers the message with the recipients left, or null when none is.
   */
  private async withoutSuppressed(message: MessageEntity): Promise<MessageEntity | null> {
    const workspaceId = trustedWorkspaceId(message.workspaceId);
    const emails = [...message.to, ...message.cc, ...message.bcc].map((mailbox) => mailbox.email);
    const suppressed =
      message.type === 'marketing'
        ? await this.suppressions.suppressedAmong(workspaceId, emails, message.listId)
        : await this.bouncedAddresses.among(workspaceId, emails);
    if (suppressed.size === 0) return message;
    const keep = (mailbox: { email: string }) => !suppressed.has(mailbox.email.toLowerCase());
    const left = { ...message, to: message.to.filter(keep), cc: message.cc.filter(keep), bcc: message.bcc.filter(keep) };
    return left.to.length + left.cc.length + left.bcc.length === 0 ? null : left;
  }
}
