/**
 * A workspace id Mailroom vouches for. Tenant-scoped services and repositories take it as their
 * first argument; a plain string does not type-check, so a query cannot forget the tenant by accident.
 */
export type WorkspaceId = string & { readonly __brand: 'WorkspaceId' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Mints one from an id Mailroom has already tied to its workspace, never from one a caller merely
 * sent: the guard's, after checking the caller's access to it; one read back from where Mailroom
 * stored it (a row's workspace_id, the pending OAuth flow kept in Redis); a workspace's own id when
 * it is created; and tests'. Job payloads need none: producers only take a WorkspaceId, so the
 * worker reads back the one minted before the job was enqueued.
 */
export function trustedWorkspaceId(id: string): WorkspaceId {
  return id as WorkspaceId;
}
