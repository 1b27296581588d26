import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentWorkspace } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { BatchSendDto, ListMessagesQuery, SendMessageDto } from './message.dto';
import { AcceptedMessageResponse, BatchAcceptedResponse, MessageListResponse, MessageResponse } from './message.response';
import { MessagesService } from './messages.service';

const TOO_LARGE =
  'More attachments than MESSAGE_MAX_ATTACHMENTS, more attachment bytes than MESSAGE_MAX_ATTACHMENT_BYTES, ' +
  'html and text over 2 MiB, or a body larger than the send endpoints take; the message names the limit';
const REFUSED = 'A `from` that is not a sender, no integration for the type, a refused attachment type, or a reused Idempotency-Key';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat-safe sends: the same key returns the first message' })
  @ApiAcceptedResponse({ type: AcceptedMessageResponse, description: 'Queued' })
  @ApiOkResponse({ type: AcceptedMessageResponse, description: 'Idempotent repeat: the first message' })
  @ApiPayloadTooLargeResponse({ description: TOO_LARGE })
  @ApiUnprocessableEntityResponse({ description: REFUSED })
  async send(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Body() dto: SendMessageDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AcceptedMessageResponse> {
    const outcome = await this.messages.send(workspaceId, dto, idempotencyKey);
    if (!outcome.created) response.status(200);
    return outcome.message;
  }

  @Post('batch')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: BatchAcceptedResponse })
  @ApiPayloadTooLargeResponse({ description: `${TOO_LARGE}; the messages of a batch share the body's limit` })
  @ApiUnprocessableEntityResponse({ description: REFUSED })
  async sendBatch(@CurrentWorkspace() workspaceId: WorkspaceId, @Body() dto: BatchSendDto): Promise<BatchAcceptedResponse> {
    return { data: await this.messages.sendBatch(workspaceId, dto.messages) };
  }

  @Get()
  @ApiOkResponse({ type: MessageListResponse })
  list(@CurrentWorkspace() workspaceId: WorkspaceId, @Query() query: ListMessagesQuery): Promise<MessageListResponse> {
    return this.messages.list(workspaceId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: MessageResponse })
  get(@CurrentWorkspace() workspaceId: WorkspaceId, @Param('id', new UuidParamPipe('Message')) id: string): Promise<MessageResponse> {
    return this.messages.get(workspaceId, id);
  }
}
