import type { ApiKeyScope } from '@app/database';
import type { WorkspaceId } from '@app/workspace-id';

export type Principal =
  | { kind: 'platform' }
  | {
      kind: 'api-key';
      keyId: string;
      workspaceId: WorkspaceId;
      scopes: ApiKeyScope[];
      /** Name and prefix, for the audit log. */ label: string;
    }
  /** A person signed in with a session cookie; an operator sees every workspace, as the platform token does. */
  | { kind: 'user'; userId: string; sessionId: string; email: string; isOperator: boolean; hasSecondFactor: boolean };

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** What the guard leaves on the request for decorators to read. */
export interface AuthenticatedRequest {
  principal?: Principal;
  workspaceId?: WorkspaceId;
}
