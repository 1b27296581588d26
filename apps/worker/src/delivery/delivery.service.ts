import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { MessageEntity, MessageStatus } from '@app/database';
import { MessagesRepository } from '@app/messages';
import type { JobPayloads, JobName } from '@app/queue';
import { trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';
import { ByteBudget } from './byte-budget';
import { DeliveryGate } from './delivery-gate.service';
import { isLeased, leaseUntil } from './delivery-lease';
import { DeliveryOutcome } from './delivery-outcome';
import { DeliveryRecorder } from './delivery-recorder.service';
import { MessageLoader } from './message-loader';
import { MessageSender } from './message-sender.service';

const FINISHED: ReadonlySet<MessageStatus> = new Set(['sent', 'failed', 'suppressed']);
// Most sends finish well within this; only slower ones are worth a `sending` write of their own.
const SENDING_VISIBLE_AFTER_MS = 250;

/** What a send holds while it goes out: its bodies, and its attachments (streamed, but counted whole). */
function sizeOf(message: MessageEntity): number {
  return (message.html?.length ?? 0) + (message.text?.length ?? 0) + message.attachmentBytes;
}

/**
 * Delivers one accepted message: the gate decides whether it may go now, the sender makes the
 * SMTP attempt, the recorder writes what happened. Transient failures come back later with
 * backoff; permanent ones fail at once with the server's reply; an authentication failure
 * retries once with a fresh token, then holds the integration's messages until someone
 * reconnects it. Sends in flight are bounded by bytes too (WORKER_BYTES_IN_FLIGHT), besides the
 * worker's concurrency, so many large messages queued at once never have to fit in memory together.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly config: AppConfig,
    private readonly loader: MessageLoader,
    private readonly messages: MessagesRepository,
    private readonly gate: DeliveryGate,
    private readonly sender: MessageSender,
    private readonly recorder: DeliveryRecorder,
    private readonly bytesInFlight: ByteBudget,
  ) {}

  /**
   * `afterFailedAttempt`: this job ran before and threw (Postgres or Redis went away). A lease on a
   * single message can then only be that attempt's own, which is over, so it does not hold the
   * message back until the lease runs out.
   */
  async deliver({ workspaceId, messageId }: JobPayloads[JobName.DeliverMessage], afterFailedAttempt = false): Promise<DeliveryOutcome> {
    const workspace = trustedWorkspaceId(workspaceId);
    const loaded = await this.loader.load(workspace, messageId);
    if (!loaded || FINISHED.has(loaded.status)) return null;
    // Leased: another delivery holds it; if that one dies, the outbox reconciler queues it again.
    if (isLeased(loaded) && (loaded.broadcastId || !afterFailedAttempt)) return null;
    // A broadcast's slice may reach the same message: only the delivery whose claim wins sends it.
    const message = loaded.broadcastId ? (await this.claim(workspace, [messageId]))[0] : loaded;
    return message ? this.deliverHeld(message) : null;
  }

  /** Takes the still-queued messages among `ids` for this delivery, under a lease. */
  claim(workspaceId: WorkspaceId, ids: string[]): Promise<MessageEntity[]> {
    return this.messages.claimForDelivery(workspaceId, ids, leaseUntil(this.config));
  }

  /**
   * Delivers a message this delivery holds (loaded for its own job, or claimed). One that has to
   * wait is released first, so whichever job runs it later finds it queued.
   */
  async deliverHeld(message: MessageEntity): Promise<DeliveryOutcome> {
    const outcome = await this.attempt(message);
    if (outcome && isLeased(message)) await this.recorder.release(message);
    return outcome;
  }

  private async attempt(message: MessageEntity): Promise<DeliveryOutcome> {
    const decision = await this.gate.decide(message);
    if (decision.verdict === 'wait') return { retryInMs: decision.retryInMs, shared: true };
    if (decision.verdict === 'fail') {
      await this.recorder.failed(message, decision.failure);
      return null;
    }
    if (decision.verdict === 'suppress') {
      await this.recorder.suppressed(message);
      return null;
    }
    const { integration } = decision;
    // A claimed message is `sending` under a lease already.
    const stopShowingSending = isLeased(message) ? undefined : this.recorder.sendingAfter(message, SENDING_VISIBLE_AFTER_MS);
    const result = await this.bytesInFlight
      .use(sizeOf(decision.message), () => this.sender.send(integration, decision.message))
      .finally(stopShowingSending);
    if (!result.sent) return this.recorder.attemptFailed(message, integration, result.failure);
    await this.recorder.sent(message, integration, result.response);
    return null;
  }
}
