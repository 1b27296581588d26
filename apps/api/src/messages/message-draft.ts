import { PayloadTooLargeException, UnprocessableEntityException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Mailbox } from '@app/database';
import { defaultSenderOf, type ReadonlyIntegration } from '@app/integrations';
import { messageIdHeader, type NewMessage } from '@app/messages';
import type { WorkspaceSettings } from '../workspaces/workspace-settings.cache';
import { type AcceptedAttachment, linkOf } from './attachment-intake.service';
import type { MailboxInput, SendMessageDto } from './message.dto';

export const MAX_RECIPIENTS = 50;
export const MAX_CONTENT_BYTES = 2 * 1024 * 1024;

export function toMailbox(input: MailboxInput): Mailbox {
  if (typeof input === 'string') return { email: input.toLowerCase() };
  return input.name ? { email: input.email.toLowerCase(), name: input.name } : { email: input.email.toLowerCase() };
}

/** `field` is the request path of the message (`""` for a single send, `"messages[3]."` in a batch). */
export function resolveSender(integration: ReadonlyIntegration, from: MailboxInput | undefined, field: string): Mailbox {
  const senders = integration.senders;
  if (from === undefined) {
    const fallback = defaultSenderOf(integration);
    if (!fallback) throw new UnprocessableEntityException([`${field}from: integration "${integration.name}" has no senders`]);
    return { email: fallback.email, name: fallback.name };
  }
  const wanted = toMailbox(from);
  const sender = senders.find((candidate) => candidate.email === wanted.email);
  if (!sender) {
    const allowed = senders.map((candidate) => candidate.email).join(', ');
    throw new UnprocessableEntityException([
      `${field}from ${wanted.email} is not a sender of integration "${integration.name}" (allowed: ${allowed})`,
    ]);
  }
  return { email: sender.email, name: wanted.name ?? sender.name };
}

/** What a message says: as the request gives it, or rendered from the stored template it names. */
export interface MessageContent {
  subject: string;
  html: string | null;
  text: string | null;
}

function checkContent(dto: SendMessageDto, content: MessageContent, field: string): void {
  if (content.html === null && content.text === null) {
    throw new UnprocessableEntityException([`${field}html or ${field}text is required`]);
  }
  const recipients = dto.to.length + (dto.cc?.length ?? 0) + (dto.bcc?.length ?? 0);
  if (recipients > MAX_RECIPIENTS) {
    throw new UnprocessableEntityException([`${field}to, cc and bcc together may name at most ${MAX_RECIPIENTS} recipients`]);
  }
  const bytes = Buffer.byteLength(content.html ?? '') + Buffer.byteLength(content.text ?? '');
  if (bytes > MAX_CONTENT_BYTES) {
    throw new PayloadTooLargeException(`${field}html and text are ${bytes} bytes together; the limit is ${MAX_CONTENT_BYTES}`);
  }
}

/**
 * Marketing mail carries one unsubscribe token, and the confirmation page shows who it
 * unsubscribes: with several recipients one person's click unsubscribed (and showed) them all.
 */
function checkMarketingRecipients(dto: SendMessageDto, field: string): void {
  if ((dto.type ?? 'transactional') !== 'marketing') return;
  const extra = [dto.to.length > 1 && 'to', (dto.cc?.length ?? 0) > 0 && 'cc', (dto.bcc?.length ?? 0) > 0 && 'bcc'].filter(Boolean);
  if (extra.length > 0) {
    throw new UnprocessableEntityException(extra.map((name) => `${field}${name}: marketing mail goes to one recipient per message`));
  }
}

/**
 * What a repeat with the same Idempotency-Key must match: the request as sent (a repeat after its
 * template changed is the same request), with each attachment named by its digest instead of its
 * base64 (the same files, not the same megabytes of text).
 */
function idempotencyFingerprint(dto: SendMessageDto, attachments: AcceptedAttachment[]): string {
  const request = dto.attachments
    ? {
        ...dto,
        attachments: attachments.map(({ filename, contentType, contentId, sha256 }) => ({ filename, contentType, contentId, sha256 })),
      }
    : dto;
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * Turns a validated request into the row to insert, applying the workspace's integration and
 * defaults. `content` is what its template rendered to (for the message `id`), when it names one;
 * `attachments` are the request's, accepted (AttachmentIntake).
 */
export function draftMessage(
  dto: SendMessageDto,
  context: {
    workspace: WorkspaceSettings;
    integration: ReadonlyIntegration;
    idempotencyKey?: string;
    field?: string;
    id?: string;
    content?: MessageContent;
    attachments?: AcceptedAttachment[];
  },
): NewMessage {
  const field = context.field ?? '';
  // Without a template, validation has required the subject.
  const content = context.content ?? { subject: dto.subject!, html: dto.html ?? null, text: dto.text ?? null };
  checkContent(dto, content, field);
  checkMarketingRecipients(dto, field);
  const from = resolveSender(context.integration, dto.from, field);
  const attachments = context.attachments ?? [];
  const id = context.id ?? randomUUID();
  return {
    id,
    integrationId: context.integration.id,
    type: dto.type ?? 'transactional',
    fromEmail: from.email,
    fromName: from.name ?? null,
    to: dto.to.map(toMailbox),
    cc: (dto.cc ?? []).map(toMailbox),
    bcc: (dto.bcc ?? []).map(toMailbox),
    replyTo: dto.replyTo === undefined ? null : toMailbox(dto.replyTo).email,
    subject: content.subject,
    html: content.html,
    text: content.text,
    headers: dto.headers ?? {},
    trackingOpens: dto.tracking?.opens ?? context.workspace.trackingOpens,
    trackingClicks: dto.tracking?.clicks ?? context.workspace.trackingClicks,
    tags: dto.tags ?? [],
    metadata: dto.metadata ?? {},
    idempotencyKey: context.idempotencyKey ?? null,
    idempotencyFingerprint: context.idempotencyKey ? idempotencyFingerprint(dto, attachments) : null,
    messageIdHeader: messageIdHeader(id, from.email),
    ...(attachments.length > 0 ? { attachments: attachments.map(linkOf) } : {}),
  };
}
