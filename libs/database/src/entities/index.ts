import { ApiKeyEntity } from './api-key.entity';
import { WorkspaceEntity } from './workspace.entity';

export * from './api-key.entity';
export * from './workspace.entity';

export const ENTITIES = [WorkspaceEntity, ApiKeyEntity];
