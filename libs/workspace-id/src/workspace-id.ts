/**
 * A workspace id that came from an authenticated request. Tenant-scoped services and repositories
 * take it as their first argument; a plain string does not type-check, so a query cannot forget
 * the tenant by accident.
 */
export type WorkspaceId = string & { readonly __brand: 'WorkspaceId' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Only the guard (after checking access) and tests may mint one. */
export function trustedWorkspaceId(id: string): WorkspaceId {
  return id as WorkspaceId;
}
