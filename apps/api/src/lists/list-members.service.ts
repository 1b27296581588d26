import { BadRequestException, ConflictException, Injectable, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { MembershipStatus, TransactionRunner } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';
import { ContactsRepository, ListMembershipsRepository, ListsRepository } from '@app/marketing';
import { normalizeEmail } from '../contacts/email-address';
import { decodeIdCursor, encodeIdCursor, toPage } from '../http/page-cursor';
import { DEFAULT_PAGE_SIZE } from '../http/page-query.dto';
import { ContactCsvRow, CsvFileError, exceedsContactCsvRows, readContactCsv } from './contact-csv';
import { AddListContactsDto, ListMembersQuery } from './list.dto';
import {
  AddListContactsResponse,
  ImportListContactsResponse,
  ListMemberListResponse,
  ListMemberResponse,
  RejectedEmailResponse,
} from './list.response';

// Adding by email is one statement and waits this long for a running import; an import never waits.
const ADD_WAITS_FOR_IMPORT_MS = 3000;
const busy = () =>
  new ConflictException("Another CSV import or bulk add of this workspace's contacts is running; retry when it has finished");
import { listNotFound } from './lists.service';

const MAX_REPORTED_REJECTIONS = 1000;
const MAX_NAMED_MISSING_IDS = 10;
/** Rows per upsert statement of an import: the statement's arrays, and what Node holds, stay small. */
const IMPORT_BATCH_ROWS = 1000;

/** Adding, importing, listing and changing the members of a list. Bulk work is set-based, in one transaction. */
@Injectable()
export class ListMembersService {
  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    private readonly lists: ListsRepository,
    private readonly memberships: ListMembershipsRepository,
    private readonly contacts: ContactsRepository,
  ) {}

  add(workspaceId: WorkspaceId, listId: string, dto: AddListContactsDto): Promise<AddListContactsResponse> {
    if (dto.contactIds && dto.emails) throw new BadRequestException(['give either contactIds or emails, not both']);
    if (dto.contactIds) return this.addByIds(workspaceId, listId, dto.contactIds);
    if (dto.emails) return this.addByEmails(workspaceId, listId, dto.emails);
    throw new BadRequestException(['contactIds or emails is required']);
  }

  /** All or nothing: one id that is not a contact of this workspace makes it a 404. */
  private async addByIds(workspaceId: WorkspaceId, listId: string, contactIds: string[]): Promise<AddListContactsResponse> {
    const unique = [...new Set(contactIds.map((id) => id.toLowerCase()))];
    return this.inListTransaction(workspaceId, listId, async (manager) => {
      const existing = await this.contacts.existingIds(workspaceId, unique, manager);
      const missing = unique.filter((id) => !existing.has(id));
      if (missing.length > 0) {
        const named = missing.slice(0, MAX_NAMED_MISSING_IDS).join(', ');
        const more = missing.length > MAX_NAMED_MISSING_IDS ? ` and ${missing.length - MAX_NAMED_MISSING_IDS} more` : '';
        throw new NotFoundException(`Contacts not found: ${named}${more}; nothing was added`);
      }
      const added = await this.memberships.addMany(workspaceId, listId, unique, manager);
      return {
        added,
        alreadyMembers: unique.length - added,
        duplicates: contactIds.length - unique.length,
        contactsCreated: 0,
        rejected: [],
      };
    });
  }

  /** Invalid addresses are reported, not fatal; addresses without a contact get one. */
  private async addByEmails(workspaceId: WorkspaceId, listId: string, emails: string[]): Promise<AddListContactsResponse> {
    const rejected: RejectedEmailResponse[] = [];
    const unique = new Set<string>();
    let duplicates = 0;
    for (const raw of emails) {
      const check = normalizeEmail(raw);
      if (!check.ok) rejected.push({ email: raw, reason: check.reason });
      else if (unique.has(check.email)) duplicates += 1;
      else unique.add(check.email);
    }
    const addresses = [...unique];
    return this.inListTransaction(workspaceId, listId, async (manager) => {
      if (!(await this.lists.lockBulkContactWrites(workspaceId, manager, ADD_WAITS_FOR_IMPORT_MS))) throw busy();
      const contactsCreated = await this.contacts.insertMissing(workspaceId, addresses, manager);
      // A separate statement: it sees contacts a concurrent request committed while ours waited on them.
      const ids = await this.contacts.idsByEmails(workspaceId, addresses, manager);
      const added = await this.memberships.addMany(workspaceId, listId, ids, manager);
      return { added, alreadyMembers: ids.length - added, duplicates, contactsCreated, rejected };
    });
  }

  /**
   * Creates or updates a contact per valid row and puts each on the list; bad rows are reported by
   * row number. All or nothing: a file over CSV_IMPORT_MAX_ROWS is refused before anything is
   * written, and the batches of one file share a transaction, so a failure rolls every one back.
   */
  async import(workspaceId: WorkspaceId, listId: string, csv: Buffer): Promise<ImportListContactsResponse> {
    const maxRows = this.config.CSV_IMPORT_MAX_ROWS;
    if (await csvFile(exceedsContactCsvRows(csv, maxRows))) {
      throw new PayloadTooLargeException(
        `The CSV has more than ${maxRows} rows, the most one import takes (CSV_IMPORT_MAX_ROWS); nothing was imported: split it into smaller files and import each`,
      );
    }
    return this.inListTransaction(workspaceId, listId, async (manager) => {
      // Each batch locks its contacts in order, but batches are not in order with each other: two
      // bulk writes of one workspace interleaving could deadlock, so they take turns instead.
      if (!(await this.lists.lockBulkContactWrites(workspaceId, manager, 0))) throw busy();
      const counts = { imported: 0, updated: 0, added: 0, alreadyMembers: 0 };
      const onBatch = async (rows: ContactCsvRow[]) => {
        const upserted = await this.contacts.upsertMany(workspaceId, rows, manager);
        const added = await this.memberships.addMany(
          workspaceId,
          listId,
          upserted.map((contact) => contact.id),
          manager,
        );
        const imported = upserted.filter((contact) => contact.created).length;
        counts.imported += imported;
        counts.updated += upserted.length - imported;
        counts.added += added;
        counts.alreadyMembers += upserted.length - added;
      };
      const outcome = await csvFile(readContactCsv(csv, { batchSize: IMPORT_BATCH_ROWS, keepRejected: MAX_REPORTED_REJECTIONS, onBatch }));
      return { ...counts, rejected: outcome.rejected, rejectedCount: outcome.rejectedCount };
    });
  }

  async list(workspaceId: WorkspaceId, listId: string, query: ListMembersQuery): Promise<ListMemberListResponse> {
    const after = query.cursor === undefined ? undefined : decodeIdCursor(query.cursor);
    if (after === null) throw new BadRequestException(['cursor is not a value this API returned']);
    await this.requireList(workspaceId, listId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.memberships.list(workspaceId, listId, { status: query.status, after, limit });
    return toPage(rows, limit, (member) => encodeIdCursor(member.contactId), ListMemberResponse.from);
  }

  async setStatus(workspaceId: WorkspaceId, listId: string, contactId: string, status: MembershipStatus): Promise<ListMemberResponse> {
    await this.requireList(workspaceId, listId);
    if (!(await this.memberships.setStatus(workspaceId, listId, contactId, status))) {
      throw memberNotFound(contactId, listId);
    }
    const member = await this.memberships.findOne(workspaceId, listId, contactId);
    if (!member) throw memberNotFound(contactId, listId);
    return ListMemberResponse.from(member);
  }

  async remove(workspaceId: WorkspaceId, listId: string, contactId: string): Promise<void> {
    await this.requireList(workspaceId, listId);
    if (!(await this.memberships.remove(workspaceId, listId, contactId))) {
      throw memberNotFound(contactId, listId);
    }
  }

  private async requireList(workspaceId: WorkspaceId, listId: string): Promise<void> {
    if (!(await this.lists.findById(workspaceId, listId))) throw listNotFound(listId);
  }

  private inListTransaction<T>(workspaceId: WorkspaceId, listId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transactions.run(async (manager) => {
      if (!(await this.lists.lockForMembers(workspaceId, listId, manager))) throw listNotFound(listId);
      return work(manager);
    });
  }
}

/** A file that cannot be read as a whole is the client's to fix: 400 with the reason. */
async function csvFile<T>(reading: Promise<T>): Promise<T> {
  try {
    return await reading;
  } catch (error) {
    if (error instanceof CsvFileError) throw new BadRequestException([error.message]);
    throw error;
  }
}

function memberNotFound(contactId: string, listId: string): NotFoundException {
  return new NotFoundException(`Contact ${contactId} is not a member of list ${listId}`);
}
