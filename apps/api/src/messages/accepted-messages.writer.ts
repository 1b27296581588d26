import { Injectable, Logger } from '@nestjs/common';
import { Batcher, ResultBatch } from '@app/batching';
import { TransactionRunner } from '@app/database';
import { AttachmentsRepository, MessagesRepository, NewAttachment, NewMessage } from '@app/messages';
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
    private readonly attachments: AttachmentsRepository,
    private readonly transactions: TransactionRunner,
    private readonly producer: DeliveryProducer,
  ) {}

  /**
   * True when the row was inserted, false when its Idempotency-Key already existed. `files` are
   * the contents of the row's attachments, stored first.
   */
  async write(workspaceId: WorkspaceId, row: NewMessage, files: NewAttachment[] = []): Promise<boolean> {
    await this.attachments.store(workspaceId, files);
    return this.batcher.add({ workspaceId, row });
  }

  /**
   * Inserts the rows in one statement and enqueues those inserted; returns their ids. The rows are
   * committed first, so if Redis is away the outbox reconciler enqueues them later and nothing
   * accepted is lost. The files of their attachments are stored before, each once; rows that link
   * any are inserted with their links in one transaction.
   */
  async writeAll(workspaceId: WorkspaceId, rows: NewMessage[], files: NewAttachment[] = []): Promise<Set<string>> {
    await this.attachments.store(workspaceId, files);
    const inserted = await this.insert(workspaceId, rows);
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

  private insert(workspaceId: WorkspaceId, rows: NewMessage[]): Promise<Set<string>> {
    if (!rows.some((row) => row.attachments)) return this.messages.insertMany(workspaceId, rows);
    return this.transactions.run(async (manager) => {
      const inserted = await this.messages.insertMany(workspaceId, rows, manager);
      // A row skipped for its Idempotency-Key links nothing: the first message has its own links.
      const links = rows.filter((row) => row.attachments && inserted.has(row.id));
      await this.attachments.insertLinks(
        workspaceId,
        links.map((row) => ({ messageId: row.id, attachments: row.attachments! })),
        manager,
      );
      return inserted;
    });
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
