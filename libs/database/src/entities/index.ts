import { ApiKeyEntity } from './api-key.entity';
import { IntegrationEntity } from './integration.entity';
import { MessageEventEntity } from './message-event.entity';
import { MessageEntity } from './message.entity';
import { SenderEntity } from './sender.entity';
import { WorkspaceEntity } from './workspace.entity';

export * from './api-key.entity';
export * from './integration.entity';
export * from './message-event.entity';
export * from './message.entity';
export * from './sender.entity';
export * from './workspace.entity';

export const ENTITIES = [WorkspaceEntity, ApiKeyEntity, IntegrationEntity, SenderEntity, MessageEntity, MessageEventEntity];
