import { Injectable, Logger } from '@nestjs/common';
import { MessagesRepository, NewMessage } from '@app/messages';
import { DeliveryProducer } from '@app/queue';
import { WorkspaceId } from '@app/workspace-id';

interface Pending {
  workspaceId: WorkspaceId;
  row: NewMessage;
  resolve: (inserted: boolean) => void;
  reject: (error: unknown) => void;
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
  private pending: Pending[] = [];

  constructor(
    private readonly messages: MessagesRepository,
    private readonly producer: DeliveryProducer,
  ) {}

  /** True when the row was inserted, false when its Idempotency-Key already existed. */
  write(workspaceId: WorkspaceId, row: NewMessage): Promise<boolean> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ workspaceId, row, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const byWorkspace = new Map<WorkspaceId, Pending[]>();
    for (const item of batch) byWorkspace.set(item.workspaceId, [...(byWorkspace.get(item.workspaceId) ?? []), item]);
    await Promise.all([...byWorkspace].map(([workspaceId, items]) => this.writeWorkspace(workspaceId, items)));
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
        .catch((error: unknown) => this.logger.warn({ err: error, count: queued.length }, 'enqueue failed; the outbox reconciler will pick these messages up'));
    }
    return inserted;
  }

  private async writeWorkspace(workspaceId: WorkspaceId, items: Pending[]): Promise<void> {
    try {
      const inserted = await this.writeAll(workspaceId, items.map((item) => item.row));
      for (const item of items) item.resolve(inserted.has(item.row.id));
    } catch (error) {
      for (const item of items) item.reject(error);
    }
  }
}
