import { Injectable } from '@nestjs/common';
import { Batcher, ResultBatch } from '@app/batching';
import { MessageEntity } from '@app/database';
import { MessageKey, MessagesRepository } from '@app/messages';
import { WorkspaceId } from '@app/workspace-id';

/**
 * Deliveries start in bursts (a worker takes up to its concurrency in jobs at once), so the
 * messages they ask for in the same turn of the event loop are read with one query.
 */
@Injectable()
export class MessageLoader {
  private readonly batcher = new Batcher<MessageKey, Promise<MessageEntity | null>>(
    () => new ResultBatch((keys) => this.messages.findByKeys(keys)),
    { linger: 'end-of-turn' },
  );

  constructor(private readonly messages: MessagesRepository) {}

  /** The job names the workspace too: a message is only ever loaded inside its own. */
  load(workspaceId: WorkspaceId, messageId: string): Promise<MessageEntity | null> {
    return this.batcher.add({ workspaceId, id: messageId });
  }
}
