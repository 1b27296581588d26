import type { MessageType } from '@app/database';
import type { WorkspaceId } from '@app/workspace-id';
import { QueueName } from './queue-names';

/** Every job Mailroom runs. Payloads carry ids only: never content, addresses or credentials. */
export enum JobName {
  DeliverMessage = 'deliver-message',
  DeliverBroadcastRecipients = 'deliver-broadcast-recipients',
  ReconcileOutbox = 'reconcile-outbox',
  FanOutBroadcast = 'fan-out-broadcast',
  DeliverWebhooks = 'deliver-webhooks',
  ReconcileWebhooks = 'reconcile-webhooks',
  PurgeExpired = 'purge-expired',
  EraseRecipient = 'erase-recipient',
}

/**
 * `workspaceId` is typed as its producer took it: a producer only accepts a `WorkspaceId`, so the worker
 * reads back one its enqueuer vouched for. `seq`: the job's number in its workspace's line (FairShare);
 * absent on jobs queued before there were lines.
 */
export interface JobPayloads {
  [JobName.DeliverMessage]: { workspaceId: WorkspaceId; messageId: string; seq?: number };
  /** A slice of one fanned-out page: its messages are claimed together and delivered one by one. */
  [JobName.DeliverBroadcastRecipients]: {
    workspaceId: WorkspaceId;
    broadcastId: string;
    integrationId: string;
    messageIds: string[];
    seq?: number;
  };
  [JobName.ReconcileOutbox]: Record<string, never>;
  [JobName.FanOutBroadcast]: { workspaceId: WorkspaceId; broadcastId: string };
  /** Deliver what is due to one endpoint; its deliveries are claimed in Postgres, so a job only says where to look. */
  [JobName.DeliverWebhooks]: { workspaceId: WorkspaceId; endpointId: string };
  [JobName.ReconcileWebhooks]: Record<string, never>;
  [JobName.PurgeExpired]: Record<string, never>;
  /** The erasure row holds the address; the job only names it. */
  [JobName.EraseRecipient]: { workspaceId: WorkspaceId; erasureId: string };
}

export function deliveryQueueFor(type: MessageType): QueueName {
  return type === 'marketing' ? QueueName.Marketing : QueueName.Transactional;
}
