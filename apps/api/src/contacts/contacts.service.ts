import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { WorkspaceId } from '@app/workspace-id';
import { ListContactsQuery, UpdateContactDto, UpsertContactDto } from './contact.dto';
import { ContactListResponse, ContactResponse } from './contact.response';
import { ContactsRepository } from '@app/marketing';
import { decodeTimeCursor, encodeTimeCursor, toPage } from '../http/page-cursor';
import { DEFAULT_PAGE_SIZE } from '../http/page-query.dto';

const EMAIL_UNIQUE_INDEX = 'contacts_workspace_email';

export interface UpsertOutcome {
  contact: ContactResponse;
  created: boolean;
}

/** Empty means "not given": a blank spreadsheet cell or form field never erases a stored name. */
function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

function withoutNulls(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== null));
}

function isEmailTaken(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === '23505' && driverError.constraint === EMAIL_UNIQUE_INDEX;
}

@Injectable()
export class ContactsService {
  constructor(private readonly contacts: ContactsRepository) {}

  /** Creates the contact, or updates the one with the same address in any case. */
  async upsert(workspaceId: WorkspaceId, dto: UpsertContactDto): Promise<UpsertOutcome> {
    const [row] = await this.contacts.upsertMany(workspaceId, [
      {
        email: dto.email.toLowerCase(),
        firstName: blankToNull(dto.firstName),
        lastName: blankToNull(dto.lastName),
        attributes: withoutNulls(dto.attributes ?? {}),
      },
    ]);
    return { contact: await this.get(workspaceId, row!.id), created: row!.created };
  }

  async list(workspaceId: WorkspaceId, query: ListContactsQuery): Promise<ContactListResponse> {
    const cursor = query.cursor === undefined ? undefined : decodeTimeCursor(query.cursor);
    if (cursor === null) throw new BadRequestException(['cursor is not a value this API returned']);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.contacts.list(workspaceId, { email: query.email?.trim().toLowerCase(), cursor, limit });
    return toPage(rows, limit, (contact) => encodeTimeCursor(contact), ContactResponse.from);
  }

  async get(workspaceId: WorkspaceId, id: string): Promise<ContactResponse> {
    const contact = await this.contacts.findById(workspaceId, id);
    if (!contact) throw this.notFound(id);
    return ContactResponse.from(contact);
  }

  /** Omitted fields keep their values; attributes are merged key by key (null removes a key). */
  async update(workspaceId: WorkspaceId, id: string, dto: UpdateContactDto): Promise<ContactResponse> {
    const email = dto.email?.toLowerCase();
    let updated: boolean;
    try {
      updated = await this.contacts.update(workspaceId, id, {
        email,
        firstName: dto.firstName === undefined ? undefined : blankToNull(dto.firstName),
        lastName: dto.lastName === undefined ? undefined : blankToNull(dto.lastName),
        attributes: dto.attributes,
      });
    } catch (error) {
      if (!isEmailTaken(error) || email === undefined) throw error;
      const holder = await this.contacts.findByEmail(workspaceId, email);
      throw new ConflictException(`email ${email} already belongs to contact ${holder?.id ?? 'another contact'}`);
    }
    if (!updated) throw this.notFound(id);
    return this.get(workspaceId, id);
  }

  /** Also removes the contact from every list. */
  async remove(workspaceId: WorkspaceId, id: string): Promise<void> {
    if (!(await this.contacts.remove(workspaceId, id))) throw this.notFound(id);
  }

  private notFound(id: string): NotFoundException {
    return new NotFoundException(`Contact ${id} not found`);
  }
}
