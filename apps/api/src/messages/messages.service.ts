import { BadRequestException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { MessageType } from '@app/database';
import { IntegrationsRepository, SharedIntegration } from '@app/integrations';
import { AttachmentsRepository, MessagesRepository } from '@app/messages';
import { WorkspaceId } from '@app/workspace-id';
import { decodeTimeCursor, encodeTimeCursor, toPage } from '../http/page-cursor';
import { DEFAULT_PAGE_SIZE } from '../http/page-query.dto';
import { WorkspaceSettingsCache } from '../workspaces/workspace-settings.cache';
import { AcceptedMessagesWriter } from './accepted-messages.writer';
import { AttachmentIntake } from './attachment-intake.service';
import { draftMessage } from './message-draft';
import { ListMessagesQuery, SendMessageDto } from './message.dto';
import { AcceptedMessageResponse, MessageListResponse, MessageResponse, MessageSummaryResponse } from './message.response';
import { TemplatedContent } from './templated-content';

export interface SendOutcome {
  message: AcceptedMessageResponse;
  /** False when the Idempotency-Key matched an earlier message, which is returned instead. */
  created: boolean;
}

@Injectable()
export class MessagesService {
  constructor(
    private readonly workspaces: WorkspaceSettingsCache,
    private readonly integrations: IntegrationsRepository,
    private readonly messages: MessagesRepository,
    private readonly accepted: AcceptedMessagesWriter,
    private readonly templated: TemplatedContent,
    private readonly intake: AttachmentIntake,
    private readonly attachments: AttachmentsRepository,
  ) {}

  async send(workspaceId: WorkspaceId, dto: SendMessageDto, idempotencyKey?: string): Promise<SendOutcome> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
      throw new BadRequestException(['Idempotency-Key must be 1-255 visible ASCII characters']);
    }
    const workspace = await this.workspaces.get(workspaceId);
    const integration = await this.integrationFor(workspaceId, dto.type ?? 'transactional');
    const id = randomUUID();
    const [content] = await this.templated.render(workspaceId, [{ dto, id, path: '' }]);
    const attachments = this.intake.accept(dto.attachments, '');
    const row = draftMessage(dto, { workspace, integration, idempotencyKey, id, content, attachments });

    if (await this.accepted.write(workspaceId, row, attachments)) return { message: { id: row.id, status: 'queued' }, created: true };
    const first = await this.messages.findByIdempotencyKey(workspaceId, idempotencyKey!);
    if (!first) throw new NotFoundException('The earlier message with this Idempotency-Key is gone');
    if (first.idempotencyFingerprint !== row.idempotencyFingerprint) {
      throw new UnprocessableEntityException(['Idempotency-Key was already used for a different request']);
    }
    return { message: { id: first.id, status: first.status }, created: false };
  }

  /** All or nothing: a batch is validated whole, inserted in one statement and enqueued in bulk. */
  async sendBatch(workspaceId: WorkspaceId, dtos: SendMessageDto[]): Promise<AcceptedMessageResponse[]> {
    const workspace = await this.workspaces.get(workspaceId);
    const byType = new Map<MessageType, SharedIntegration>();
    for (const type of new Set(dtos.map((dto) => dto.type ?? 'transactional'))) {
      byType.set(type, await this.integrationFor(workspaceId, type));
    }
    const sends = dtos.map((dto, index) => ({ dto, id: randomUUID(), path: `messages[${index}].` }));
    const contents = await this.templated.render(workspaceId, sends);
    const files = sends.map(({ dto, path }) => this.intake.accept(dto.attachments, path));
    const rows = sends.map(({ dto, id, path }, index) =>
      draftMessage(dto, {
        workspace,
        integration: byType.get(dto.type ?? 'transactional')!,
        field: path,
        id,
        content: contents[index],
        attachments: files[index],
      }),
    );
    await this.accepted.writeAll(workspaceId, rows, files.flat());
    return rows.map((row) => ({ id: row.id, status: 'queued' }));
  }

  async get(workspaceId: WorkspaceId, id: string): Promise<MessageResponse> {
    const message = await this.messages.findById(workspaceId, id);
    if (!message) throw new NotFoundException(`Message ${id} not found`);
    const [events, attachments] = await Promise.all([
      this.messages.eventsOf(workspaceId, id),
      message.attachmentBytes > 0 ? this.attachments.ofMessage(workspaceId, id) : [],
    ]);
    return MessageResponse.withEvents(message, events, attachments);
  }

  async list(workspaceId: WorkspaceId, query: ListMessagesQuery): Promise<MessageListResponse> {
    const after = query.cursor === undefined ? undefined : decodeTimeCursor(query.cursor);
    if (after === null) throw new BadRequestException(['cursor is not a value this API returned']);
    const since = query.since === undefined ? undefined : new Date(query.since);
    const until = query.until === undefined ? undefined : new Date(query.until);
    if (since && until && since >= until) throw new BadRequestException(['until must be later than since']);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const { status, to, tag, type } = query;
    const complained = query.complained === 'true';
    const rows = await this.messages.list(workspaceId, { status, to, tag, type, since, until, complained, after, limit: limit + 1 });
    return toPage(rows, limit, encodeTimeCursor, MessageSummaryResponse.from);
  }

  private async integrationFor(workspaceId: WorkspaceId, type: MessageType): Promise<SharedIntegration> {
    const integration = await this.integrations.cachedByUsage(workspaceId, type);
    if (!integration) {
      throw new UnprocessableEntityException([
        `type: no integration of this workspace serves ${type} mail; set usage.${type} on one of its integrations`,
      ]);
    }
    return integration;
  }
}
