import { ApiKeyEntity } from './api-key.entity';
import { BroadcastEntity } from './broadcast.entity';
import { ContactEntity } from './contact.entity';
import { ListMembershipEntity } from './list-membership.entity';
import { ListEntity } from './list.entity';
import { IntegrationEntity } from './integration.entity';
import { MessageAttachmentEntity } from './message-attachment.entity';
import { MessageEventEntity } from './message-event.entity';
import { MessageLinkEntity } from './message-link.entity';
import { MessageEntity } from './message.entity';
import { RecipientErasureEntity } from './recipient-erasure.entity';
import { SenderEntity } from './sender.entity';
import { SuppressionEntity } from './suppression.entity';
import { TemplateVersionEntity } from './template-version.entity';
import { TemplateEntity } from './template.entity';
import { WorkspaceEntity } from './workspace.entity';
import { AttachmentEntity } from './attachment.entity';
import { AuditEventEntity } from './audit-event.entity';
import { InvitationEntity } from './invitation.entity';
import { SingleUseTokenEntity } from './single-use-token.entity';
import { UserSessionEntity } from './user-session.entity';
import { UserEntity } from './user.entity';
import { WorkspaceMemberEntity } from './workspace-member.entity';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { WebhookEventEntity } from './webhook-event.entity';

export * from './api-key.entity';
export * from './broadcast.entity';
export * from './contact.entity';
export * from './list-membership.entity';
export * from './list.entity';
export * from './integration.entity';
export * from './message-attachment.entity';
export * from './message-event.entity';
export * from './message-link.entity';
export * from './message.entity';
export * from './recipient-erasure.entity';
export * from './sender.entity';
export * from './suppression.entity';
export * from './template-version.entity';
export * from './template.entity';
export * from './workspace.entity';
export * from './attachment.entity';
export * from './audit-event.entity';
export * from './invitation.entity';
export * from './single-use-token.entity';
export * from './user-session.entity';
export * from './user.entity';
export * from './workspace-member.entity';
export * from './webhook-delivery-attempt.entity';
export * from './webhook-delivery.entity';
export * from './webhook-endpoint.entity';
export * from './webhook-event.entity';

export const ENTITIES = [
  WorkspaceEntity,
  ApiKeyEntity,
  IntegrationEntity,
  SenderEntity,
  MessageEntity,
  MessageEventEntity,
  ContactEntity,
  ListEntity,
  ListMembershipEntity,
  MessageLinkEntity,
  SuppressionEntity,
  BroadcastEntity,
  UserEntity,
  UserSessionEntity,
  WorkspaceMemberEntity,
  InvitationEntity,
  SingleUseTokenEntity,
  AuditEventEntity,
  WebhookEndpointEntity,
  WebhookEventEntity,
  WebhookDeliveryEntity,
  WebhookDeliveryAttemptEntity,
  TemplateEntity,
  TemplateVersionEntity,
  AttachmentEntity,
  MessageAttachmentEntity,
  RecipientErasureEntity,
];
