import { BadRequestException, UnprocessableEntityException } from '@nestjs/common';
import type { BroadcastEntity } from '@app/database';
import type { TemplatesRepository } from '@app/templates';
import type { MailSource } from '@app/templating';
import type { WorkspaceId } from '@app/workspace-id';
import type { CreateBroadcastDto, UpdateBroadcastDto } from './broadcast.dto';

/** Where a draft's content comes from: a stored template's version (null: its latest), or what was written. */
export type DraftSource = { template: { id: string; version: number | null } } | { written: MailSource };

const BOTH = 'templateId: give either templateId or subject, html and text, not both';
const VERSION_ALONE = 'templateVersion: only with templateId';

/**
 * The source of a draft as a request leaves it. Content written by hand makes the draft its own;
 * a change that names neither keeps the template it was made from (and may pick another version).
 */
export function draftSource(dto: CreateBroadcastDto | UpdateBroadcastDto, saved?: BroadcastEntity): DraftSource {
  const writes = dto.subject !== undefined || dto.html !== undefined || dto.text !== undefined;
  if (typeof dto.templateId === 'string') {
    if (writes) throw new BadRequestException([BOTH]);
    return { template: { id: dto.templateId, version: dto.templateVersion ?? null } };
  }
  if (!writes && dto.templateId === undefined && saved?.templateId) {
    return { template: { id: saved.templateId, version: dto.templateVersion === undefined ? saved.templateVersion : dto.templateVersion } };
  }
  if (dto.templateVersion !== undefined && dto.templateVersion !== null) throw new BadRequestException([VERSION_ALONE]);
  return {
    written: {
      subject: dto.subject ?? saved?.subject ?? '',
      html: dto.html === undefined ? (saved?.html ?? null) : dto.html,
      text: dto.text === undefined ? (saved?.text ?? null) : dto.text,
    },
  };
}

/** What the template's version says, copied into the broadcast; 422 naming the field when the workspace has no such template or version. */
export async function templateContent(
  templates: TemplatesRepository,
  workspaceId: WorkspaceId,
  source: { id: string; version: number | null },
): Promise<MailSource> {
  const template = await templates.findById(workspaceId, source.id);
  if (!template) throw new UnprocessableEntityException([`templateId: this workspace has no template ${source.id}`]);
  const version =
    source.version === null || source.version === template.version
      ? template
      : await templates.version(workspaceId, source.id, source.version);
  if (!version) {
    throw new UnprocessableEntityException([
      `templateVersion: template "${template.key}" has no version ${source.version} (its latest is ${template.version})`,
    ]);
  }
  return { subject: version.subject, html: version.html, text: version.text };
}

/** The broadcast's columns that say where its content comes from. */
export function sourceColumns(source: DraftSource): Pick<BroadcastEntity, 'templateId' | 'templateVersion'> {
  return 'template' in source
    ? { templateId: source.template.id, templateVersion: source.template.version }
    : { templateId: null, templateVersion: null };
}
