import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { MessageEntity } from '@app/database';

interface Waiter {
  workspaceId: string;
  resolve: (message: MessageEntity | null) => void;
  reject: (error: unknown) => void;
}

/**
 * Deliveries start in bursts (a worker takes up to its concurrency in jobs at once), so the
 * messages they ask for in the same turn of the event loop are read with one query.
 */
@Injectable()
export class MessageLoader {
  private waiting = new Map<string, Waiter[]>();

  constructor(@InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>) {}

  load(workspaceId: string, messageId: string): Promise<MessageEntity | null> {
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) setImmediate(() => void this.flush());
      this.waiting.set(messageId, [...(this.waiting.get(messageId) ?? []), { workspaceId, resolve, reject }]);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    try {
      const rows = await this.messages.findBy({ id: In([...batch.keys()]) });
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const [id, waiters] of batch) {
        const row = byId.get(id);
        // The job names the workspace too: a message is only ever loaded inside its own.
        for (const waiter of waiters) waiter.resolve(row && row.workspaceId === waiter.workspaceId ? row : null);
      }
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }
}
