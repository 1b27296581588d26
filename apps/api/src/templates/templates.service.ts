import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditAction, AuditLog } from '@app/audit';
import type { TemplateVersionEntity } from '@app/database';
import { StoredTemplate, TemplateContent, TemplatesRepository } from '@app/templates';
import type { Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { toPage } from '../http/page-cursor';
import { DEFAULT_PAGE_SIZE, PageQuery } from '../http/page-query.dto';
import { assertParsable } from './parsable-content';
import { TEMPLATE_KEY_PATTERN } from './template-key.validator';
import { CreateTemplateDto, ListTemplatesQuery, UpdateTemplateDto } from './template.dto';
import { TemplateListResponse, TemplateResponse, TemplateVersionListResponse, TemplateVersionResponse } from './template.response';

const CONTENT_FIELDS: Array<keyof TemplateContent> = ['name', 'subject', 'html', 'text', 'strict'];

const BAD_CURSOR = () => new BadRequestException(['cursor is not a value this API returned']);

export function templateNotFound(id: string): NotFoundException {
  return new NotFoundException(`Template ${id} not found`);
}

/** Stored templates and their versions: every change is a new version, never an edit of one. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly templates: TemplatesRepository,
    private readonly audit: AuditLog,
  ) {}

  async create(workspaceId: WorkspaceId, principal: Principal, dto: CreateTemplateDto): Promise<TemplateResponse> {
    const content = { name: dto.name, subject: dto.subject, html: dto.html ?? null, text: dto.text ?? null, strict: dto.strict ?? false };
    assertParsable(content);
    const created = await this.templates.insert(workspaceId, { id: randomUUID(), key: dto.key }, content);
    if (!created) throw new ConflictException(`key: this workspace already has a template "${dto.key}"`);
    await this.recorded(workspaceId, principal, 'template.created', created);
    return TemplateResponse.from(created);
  }

  /** In key order; `key` finds one. */
  async list(workspaceId: WorkspaceId, query: ListTemplatesQuery): Promise<TemplateListResponse> {
    const afterKey = query.cursor === undefined ? undefined : Buffer.from(query.cursor, 'base64url').toString('utf8');
    if (afterKey !== undefined && !TEMPLATE_KEY_PATTERN.test(afterKey)) throw BAD_CURSOR();
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.templates.list(workspaceId, { key: query.key, afterKey, limit });
    return toPage(rows, limit, (template) => Buffer.from(template.key).toString('base64url'), TemplateResponse.from);
  }

  async get(workspaceId: WorkspaceId, id: string): Promise<TemplateResponse> {
    return TemplateResponse.from(await this.find(workspaceId, id));
  }

  async update(workspaceId: WorkspaceId, principal: Principal, id: string, dto: UpdateTemplateDto): Promise<TemplateResponse> {
    const current = await this.find(workspaceId, id);
    const content: TemplateContent = {
      name: dto.name ?? current.name,
      subject: dto.subject ?? current.subject,
      html: dto.html === undefined ? current.html : dto.html,
      text: dto.text === undefined ? current.text : dto.text,
      strict: dto.strict ?? current.strict,
    };
    return this.write(workspaceId, principal, current, content, 'template.updated');
  }

  /** The old version's content as the newest version; the versions between stay as they were. */
  async restore(workspaceId: WorkspaceId, principal: Principal, id: string, version: number): Promise<TemplateResponse> {
    const current = await this.find(workspaceId, id);
    const old = await this.findVersion(workspaceId, id, version);
    const content: TemplateContent = { name: old.name, subject: old.subject, html: old.html, text: old.text, strict: old.strict };
    return this.write(workspaceId, principal, current, content, 'template.restored', { restoredVersion: version });
  }

  async remove(workspaceId: WorkspaceId, principal: Principal, id: string): Promise<void> {
    const template = await this.find(workspaceId, id);
    if (!(await this.templates.remove(workspaceId, id))) throw templateNotFound(id);
    await this.audit.record(workspaceId, principal, 'template.deleted', `template:${id}`, { key: template.key });
  }

  /** Newest first. */
  async versions(workspaceId: WorkspaceId, id: string, query: PageQuery): Promise<TemplateVersionListResponse> {
    await this.find(workspaceId, id);
    const before = query.cursor === undefined ? undefined : Number(Buffer.from(query.cursor, 'base64url').toString('utf8'));
    if (before !== undefined && !(Number.isInteger(before) && before >= 1)) throw BAD_CURSOR();
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.templates.versions(workspaceId, id, { before, limit });
    return toPage(rows, limit, (row) => Buffer.from(String(row.version)).toString('base64url'), TemplateVersionResponse.from);
  }

  async version(workspaceId: WorkspaceId, id: string, version: number): Promise<TemplateVersionResponse> {
    await this.find(workspaceId, id);
    return TemplateVersionResponse.from(await this.findVersion(workspaceId, id, version));
  }

  async find(workspaceId: WorkspaceId, id: string): Promise<StoredTemplate> {
    const template = await this.templates.findById(workspaceId, id);
    if (!template) throw templateNotFound(id);
    return template;
  }

  async findVersion(workspaceId: WorkspaceId, id: string, version: number): Promise<TemplateVersionEntity> {
    const found = await this.templates.version(workspaceId, id, version);
    if (!found) throw new NotFoundException(`Template ${id} has no version ${version}`);
    return found;
  }

  /** A new version with `content`, unless it says what the latest already says. */
  private async write(
    workspaceId: WorkspaceId,
    principal: Principal,
    current: StoredTemplate,
    content: TemplateContent,
    action: AuditAction,
    details: Record<string, unknown> = {},
  ): Promise<TemplateResponse> {
    if (CONTENT_FIELDS.every((field) => content[field] === current[field])) return TemplateResponse.from(current);
    assertParsable(content);
    const saved = await this.templates.addVersion(workspaceId, current.id, content);
    if (!saved) throw templateNotFound(current.id);
    await this.recorded(workspaceId, principal, action, saved, details);
    return TemplateResponse.from(saved);
  }

  private recorded(
    workspaceId: WorkspaceId,
    principal: Principal,
    action: AuditAction,
    template: StoredTemplate,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(workspaceId, principal, action, `template:${template.id}`, {
      key: template.key,
      version: template.version,
      ...details,
    });
  }
}
