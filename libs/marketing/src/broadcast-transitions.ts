import { Injectable } from '@nestjs/common';
import type { BroadcastEntity, BroadcastStatus } from '@app/database';
import { broadcastEvent, BroadcastWebhookType, WebhookOutbox } from '@app/webhooks';
import { WorkspaceId } from '@app/workspace-id';
import { BroadcastsRepository } from './broadcasts.repository';

/**
 * Moves a broadcast from one status to another (see BroadcastsRepository.transition) and tells
 * the workspace's webhooks, as `event`, in the same transaction: the event exists exactly when
 * the move does, and a move that lost a race (the broadcast changed meanwhile) reports nothing.
 */
@Injectable()
export class BroadcastTransitions {
  constructor(
    private readonly broadcasts: BroadcastsRepository,
    private readonly outbox: WebhookOutbox,
  ) {}

  move(
    workspaceId: WorkspaceId,
    id: string,
    from: BroadcastStatus[],
    to: BroadcastStatus,
    event: BroadcastWebhookType,
    changes: Partial<BroadcastEntity> = {},
  ): Promise<boolean> {
    return this.outbox.run(async (manager, emit) => {
      if (!(await this.broadcasts.transition(workspaceId, id, from, to, changes, manager))) return false;
      emit(broadcastEvent(event, (await this.broadcasts.findById(workspaceId, id, manager))!));
      return true;
    });
  }
}
