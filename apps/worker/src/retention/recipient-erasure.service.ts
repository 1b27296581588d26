import { Injectable, Logger } from '@nestjs/common';
import { AuditEventsRepository, AuditLog } from '@app/audit';
import { ContactsRepository, SuppressionsRepository } from '@app/marketing';
import { AttachmentsRepository, ERASED_ADDRESS, MessageCursor, MessageErasureRepository, RecipientErasuresRepository } from '@app/messages';
import { WebhookRetentionRepository } from '@app/webhooks';
import { trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';
import { PURGE_BATCH } from './retention-purge.service';

// An erasure whose job has not run this long after it was asked for has most likely lost it (Redis was away).
const LOST_AFTER_MS = 10 * 60_000;

/**
 * Erases an address from a workspace (DELETE …/recipients/{email}): its contact and list
 * memberships, every message that names it (see MessageErasureRepository), the files only those
 * messages had, the webhook events that name it (delivered or not), the mentions of it in the
 * audit log's details; its suppressions keep only the
 * hash, so it stays suppressed. Running it again is harmless; the last step forgets the address
 * the request held and writes `recipient.erased` in the name of whoever asked.
 */
@Injectable()
export class RecipientErasure {
  private readonly logger = new Logger(RecipientErasure.name);

  constructor(
    private readonly erasures: RecipientErasuresRepository,
    private readonly messages: MessageErasureRepository,
    private readonly attachments: AttachmentsRepository,
    private readonly contacts: ContactsRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly auditEvents: AuditEventsRepository,
    private readonly webhookEvents: WebhookRetentionRepository,
    private readonly audit: AuditLog,
  ) {}

  async erase(workspaceId: WorkspaceId, erasureId: string): Promise<void> {
    const erasure = await this.erasures.findById(workspaceId, erasureId);
    if (!erasure?.email) return;
    const email = erasure.email;
    const contacts = await this.contacts.removeByEmail(workspaceId, email);
    const suppressions = await this.suppressions.forgetAddress(workspaceId, email);
    let messages = 0;
    let cursor: MessageCursor | null = null;
    for (;;) {
      const batch = await this.messages.erasePage(workspaceId, email, cursor, PURGE_BATCH);
      messages += batch.erased;
      // Files used again since the request belong to later messages as well.
      await this.attachments.dropUnlinked(workspaceId, batch.files, erasure.requestedAt);
      cursor = batch.cursor;
      if (batch.reached < PURGE_BATCH) break;
    }
    while ((await this.webhookEvents.forgetAddress(workspaceId, email, PURGE_BATCH)) === PURGE_BATCH);
    await this.auditEvents.eraseAddress(workspaceId, email, ERASED_ADDRESS);
    const counts = { messages, contacts, suppressions };
    if (!(await this.erasures.complete(workspaceId, erasureId, counts))) return;
    const actor = { type: erasure.actorType, id: erasure.actorId, label: erasure.actorLabel };
    await this.audit.recordAs(workspaceId, actor, 'recipient.erased', `erasure:${erasureId}`, counts);
    this.logger.log({ workspaceId, erasureId, ...counts }, 'recipient erased');
  }

  /** Erasures whose job was lost (the request was committed while Redis was away) are done here, by the daily purge. */
  async resumeLost(now = new Date()): Promise<void> {
    for (const erasure of await this.erasures.pending(new Date(now.getTime() - LOST_AFTER_MS), 100)) {
      await this.erase(trustedWorkspaceId(erasure.workspaceId), erasure.id);
    }
  }
}
