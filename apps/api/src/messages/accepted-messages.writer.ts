import { Injectable, Logger } from '@nestjs/common';
import { Batcher, ResultBatch } from '@app/batching';
import { MessagesRepository, NewMessage } from '@app/messages';
import { DeliveryProducer } from '@app/queue';
import { WorkspaceId } from '@app/workspace-id';

interface Accepted {
  workspaceId: WorkspaceId;
  row: NewMessage;
}

/**
 * Group commit for single sends: the messages of requests that arrive in the same turn of the
 * event loop are inserted with one statement and enqueued with one `addBulk`, instead of a
 * commit and a Redis round trip each. Every request still answers only after its own row is
 * committed and its job enqueued (or the enqueue failed and the outbox will catch up).
 */
@Injectable()
export class AcceptedMessagesWriter {
  private readonly logger = new Logger(AcceptedMessagesWriter.name);
  private readonly batcher = new Batcher<Accepted, Promise<boolean>>(() => new ResultBatch((accepted) => this.writeBatch(accepted)), {
    linger: 'end-of-turn',
  });

  constructor(
    private readonly messages: MessagesRepository,
    private readonly producer: DeliveryProducer,
  ) {}

  /** True when the row was inserted, false when its Idempotency-Key already existed. */
  write(workspaceId: WorkspaceId, row: NewMessage): Promise<boolean> {
    return this.batcher.add({ workspaceId, row });
  }

  /**
   * Inserts the rows in one statement and enqueues those inserted; returns their ids. The rows are
   * committed first, so if Redis is away the outbox reconciler enqueues them later and nothing
   * accepted is lost.
   */
  async writeAll(workspaceId: WorkspaceId, rows: NewMessage[]): Promise<Set<string>> {
    const inserted = await this.messages.insertMany(workspaceId, rows);
    const queued = rows.filter((row) => inserted.has(row.id));
    if (queued.length > 0) {
      await this.producer
        .enqueue(queued.map((row) => ({ workspaceId, messageId: row.id, type: row.type })))
        .catch((error: unknown) =>
          this.logger.warn({ err: error, count: queued.length }, 'enqueue failed; the outbox reconciler will pick these messages up'),
        );
    }
    return inserted;
  }

  /** One statement per workspace; each request learns its own workspace's outcome as soon as that is known. */
  private async writeBatch(batch: Accepted[]): Promise<Array<Promise<boolean>>> {
    const rowsByWorkspace = new Map<WorkspaceId, NewMessage[]>();
    for (const { workspaceId, row } of batch) {
      const rows = rowsByWorkspace.get(workspaceId);
      if (rows) rows.push(row);
      else rowsByWorkspace.set(workspaceId, [row]);
    }
    const inserted = new Map([...rowsByWorkspace].map(([workspaceId, rows]) => [workspaceId, this.writeAll(workspaceId, rows)] as const));
    return batch.map(({ workspaceId, row }) => inserted.get(workspaceId)!.then((ids) => ids.has(row.id)));
  }
}
