import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { AuditLog } from '@app/audit';
import { TransactionRunner } from '@app/database';
import { RecipientErasuresRepository } from '@app/messages';
import { RetentionProducer } from '@app/queue';
import type { Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { normalizeEmail } from '../contacts/email-address';
import { RecipientErasureResponse } from './recipient-erasure.response';

/**
 * Takes requests to erase an address from a workspace. The request is committed with its audit
 * event, then the worker does the erasure in bounded batches; if the job cannot be queued now,
 * the daily purge finds the request and does it. Neither the response nor the audit log names
 * the address.
 */
@Injectable()
export class RecipientErasuresService {
  private readonly logger = new Logger(RecipientErasuresService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly erasures: RecipientErasuresRepository,
    private readonly producer: RetentionProducer,
    private readonly audit: AuditLog,
  ) {}

  async request(workspaceId: WorkspaceId, principal: Principal, address: string): Promise<RecipientErasureResponse> {
    const checked = normalizeEmail(address);
    if (!checked.ok) throw new BadRequestException([`email: ${checked.reason}`]);
    const erasure = await this.transactions.run(async (manager) => {
      const row = await this.erasures.insert(workspaceId, checked.email, this.audit.actorOf(principal), manager);
      await this.audit.record(workspaceId, principal, 'recipient.erasure_requested', `erasure:${row.id}`, {}, manager);
      return row;
    });
    await this.producer
      .eraseRecipient(workspaceId, erasure.id)
      .catch((error: unknown) =>
        this.logger.warn({ err: error, erasureId: erasure.id }, 'enqueue failed; the daily purge will do this erasure'),
      );
    return RecipientErasureResponse.from(erasure);
  }

  async get(workspaceId: WorkspaceId, id: string): Promise<RecipientErasureResponse> {
    const erasure = await this.erasures.findById(workspaceId, id);
    if (!erasure) throw new NotFoundException(`Erasure ${id} not found`);
    return RecipientErasureResponse.from(erasure);
  }
}
