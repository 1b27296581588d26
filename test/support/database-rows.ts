import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  BroadcastEntity,
  ContactEntity,
  IntegrationEntity,
  ListEntity,
  ListMembershipEntity,
  MembershipStatus,
  MessageEntity,
  SuppressionEntity,
  WorkspaceEntity,
} from '@app/database';
import { trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';

export interface SeededContact {
  id: string;
  email: string;
  firstName: string;
}

/**
 * Rows a medium spec writes straight into its database, through the entities, the way the API
 * would have written them; the spec then runs one worker service on them. Each method takes the
 * workspace first, as the repositories do.
 */
export class DatabaseRows {
  constructor(private readonly dataSource: DataSource) {}

  async workspace(name = 'Acme'): Promise<WorkspaceId> {
    const { identifiers } = await this.dataSource.getRepository(WorkspaceEntity).insert({ name });
    return trustedWorkspaceId(identifiers[0]!.id as string);
  }

  /** An unauthenticated SMTP integration serving the kinds of mail `usage` names. */
  async integration(workspaceId: string, usage: { transactional?: boolean; marketing?: boolean }): Promise<string> {
    const id = randomUUID();
    await this.dataSource.getRepository(IntegrationEntity).insert({
      id,
      workspaceId,
      name: 'Company SMTP',
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
      authType: 'none',
      usageTransactional: usage.transactional ?? false,
      usageMarketing: usage.marketing ?? false,
    });
    return id;
  }

  /** Contacts named after their address (`ada@example.com` is Ada), in the order given. */
  async contacts(workspaceId: string, emails: string[]): Promise<SeededContact[]> {
    const contacts = emails.map((email) => ({
      workspaceId,
      email,
      firstName: email[0]!.toUpperCase() + email.slice(1, email.indexOf('@')),
    }));
    const { identifiers } = await this.dataSource.getRepository(ContactEntity).insert(contacts);
    return identifiers.map((identifier, index) => ({
      id: identifier.id as string,
      email: contacts[index]!.email,
      firstName: contacts[index]!.firstName,
    }));
  }

  async list(workspaceId: string, name = 'Newsletter'): Promise<string> {
    const { identifiers } = await this.dataSource.getRepository(ListEntity).insert({ workspaceId, name });
    return identifiers[0]!.id as string;
  }

  async members(workspaceId: string, listId: string, contacts: SeededContact[], status: MembershipStatus = 'subscribed'): Promise<void> {
    if (contacts.length === 0) return;
    await this.dataSource.getRepository(ListMembershipEntity).insert(
      contacts.map((contact) => ({
        workspaceId,
        listId,
        contactId: contact.id,
        status,
        unsubscribedAt: status === 'unsubscribed' ? new Date() : null,
      })),
    );
  }

  /** Suppresses the address from the whole workspace, or (with `listId`) from that list only. */
  async suppress(workspaceId: string, email: string, listId: string | null = null): Promise<void> {
    await this.dataSource.getRepository(SuppressionEntity).insert({ workspaceId, email, listId, reason: 'manual' });
  }

  /** A broadcast to the list from news@example.com, `sending` unless `changes` say otherwise. */
  async broadcast(workspaceId: string, listId: string, changes: Partial<BroadcastEntity> = {}): Promise<string> {
    const id = randomUUID();
    await this.dataSource.getRepository(BroadcastEntity).insert({
      id,
      workspaceId,
      listId,
      name: 'Spring',
      fromEmail: 'news@example.com',
      subject: 'Spring news',
      html: '<p>Hello</p>',
      status: 'sending',
      ...changes,
    });
    return id;
  }

  /** An accepted message to one recipient, `queued` unless `changes` say otherwise. */
  async message(
    workspaceId: string,
    integrationId: string,
    changes: Partial<Pick<MessageEntity, 'type' | 'status' | 'leaseUntil' | 'broadcastId'>> = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.dataSource.getRepository(MessageEntity).insert({
      id,
      workspaceId,
      integrationId,
      type: 'transactional',
      status: 'queued',
      fromEmail: 'support@example.com',
      to: [{ email: 'reader@example.com' }],
      subject: 'Hello',
      text: 'Hi',
      trackingOpens: false,
      trackingClicks: false,
      messageIdHeader: `<${id}@example.com>`,
      ...changes,
    });
    return id;
  }

  /** As if the rows had not changed for `ms`: an insert sets `updated_at` to now. */
  async unchangedFor(table: 'messages' | 'broadcasts', ids: string[], ms: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE "public"."${table}" SET updated_at = now() - make_interval(secs => $2::double precision / 1000) WHERE id = ANY($1::uuid[])`,
      [ids, ms],
    );
  }

  messagesOf(workspaceId: string): Promise<MessageEntity[]> {
    return this.dataSource.getRepository(MessageEntity).find({ where: { workspaceId }, order: { id: 'ASC' } });
  }

  broadcastById(workspaceId: string, id: string): Promise<BroadcastEntity> {
    return this.dataSource.getRepository(BroadcastEntity).findOneByOrFail({ workspaceId, id });
  }

  messageById(workspaceId: string, id: string): Promise<MessageEntity> {
    return this.dataSource.getRepository(MessageEntity).findOneByOrFail({ workspaceId, id });
  }
}
