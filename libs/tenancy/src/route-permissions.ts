import type { ApiKeyScope, MemberRole } from '@app/database';

/** Who may call one workspace route: the member roles, and the API-key scope it needs (null: no API key at all). */
export interface RoutePermission {
  roles: readonly MemberRole[];
  apiKeyScope: ApiKeyScope | null;
}

const EVERYONE: readonly MemberRole[] = ['admin', 'member', 'viewer'];
const MEMBERS: readonly MemberRole[] = ['admin', 'member'];
const ADMINS: readonly MemberRole[] = ['admin'];

/**
 * People, never keys: a leaked key must not be able to add a person whose access outlives the
 * key, nor read who the people of the workspace are.
 */
const NO_API_KEY = null;

const allow = (roles: readonly MemberRole[], apiKeyScope: ApiKeyScope | null): RoutePermission => ({ roles, apiKeyScope });

/**
 * Every route of a workspace (`/v1/workspaces/{ws}…`), as `METHOD path` in the OpenAPI
 * document's spelling, and who may call it. The platform token and operators may call all of
 * them. An `admin` key has every scope; a `send` key only what asks for `send`.
 * test/route-permissions.e2e-spec.ts holds this table and the OpenAPI document to each other:
 * a new route without a line here fails that test, and the guard refuses it.
 */
export const ROUTE_PERMISSIONS: Readonly<Record<string, RoutePermission>> = {
  'GET /v1/workspaces/{ws}': allow(EVERYONE, 'admin'),
  'PATCH /v1/workspaces/{ws}': allow(ADMINS, 'admin'),

  'GET /v1/workspaces/{ws}/api-keys': allow(ADMINS, 'admin'),
  'POST /v1/workspaces/{ws}/api-keys': allow(ADMINS, 'admin'),
  'DELETE /v1/workspaces/{ws}/api-keys/{id}': allow(ADMINS, 'admin'),

  'GET /v1/workspaces/{ws}/members': allow(EVERYONE, NO_API_KEY),
  'POST /v1/workspaces/{ws}/members': allow(ADMINS, NO_API_KEY),
  'PATCH /v1/workspaces/{ws}/members/{userId}': allow(ADMINS, NO_API_KEY),
  'DELETE /v1/workspaces/{ws}/members/{userId}': allow(ADMINS, NO_API_KEY),
  'POST /v1/workspaces/{ws}/members/{userId}/password-reset': allow(ADMINS, NO_API_KEY),
  'GET /v1/workspaces/{ws}/invitations': allow(ADMINS, NO_API_KEY),
  'POST /v1/workspaces/{ws}/invitations/{id}/resend': allow(ADMINS, NO_API_KEY),
  'DELETE /v1/workspaces/{ws}/invitations/{id}': allow(ADMINS, NO_API_KEY),

  'GET /v1/workspaces/{ws}/audit': allow(ADMINS, 'admin'),

  'GET /v1/workspaces/{ws}/integrations': allow(EVERYONE, 'admin'),
  'GET /v1/workspaces/{ws}/integrations/{id}': allow(EVERYONE, 'admin'),
  'POST /v1/workspaces/{ws}/integrations': allow(ADMINS, 'admin'),
  'PATCH /v1/workspaces/{ws}/integrations/{id}': allow(ADMINS, 'admin'),
  'DELETE /v1/workspaces/{ws}/integrations/{id}': allow(ADMINS, 'admin'),
  // Records a new status and may send mail through the integration: operating it, not reading it.
  'POST /v1/workspaces/{ws}/integrations/{id}/test': allow(ADMINS, 'admin'),
  'POST /v1/workspaces/{ws}/integrations/{id}/oauth2/authorize': allow(ADMINS, 'admin'),

  'GET /v1/workspaces/{ws}/messages': allow(EVERYONE, 'send'),
  'GET /v1/workspaces/{ws}/messages/{id}': allow(EVERYONE, 'send'),
  'POST /v1/workspaces/{ws}/messages': allow(MEMBERS, 'send'),
  'POST /v1/workspaces/{ws}/messages/batch': allow(MEMBERS, 'send'),
  // What the overview charts: counts of the messages a send key may already read one by one.
  'GET /v1/workspaces/{ws}/stats': allow(EVERYONE, 'send'),

  'GET /v1/workspaces/{ws}/contacts': allow(EVERYONE, 'admin'),
  'GET /v1/workspaces/{ws}/contacts/{id}': allow(EVERYONE, 'admin'),
  'POST /v1/workspaces/{ws}/contacts': allow(MEMBERS, 'admin'),
  'PATCH /v1/workspaces/{ws}/contacts/{id}': allow(MEMBERS, 'admin'),
  'DELETE /v1/workspaces/{ws}/contacts/{id}': allow(MEMBERS, 'admin'),

  'GET /v1/workspaces/{ws}/lists': allow(EVERYONE, 'admin'),
  'GET /v1/workspaces/{ws}/lists/{id}': allow(EVERYONE, 'admin'),
  'GET /v1/workspaces/{ws}/lists/{id}/contacts': allow(EVERYONE, 'admin'),
  'POST /v1/workspaces/{ws}/lists': allow(MEMBERS, 'admin'),
  'PATCH /v1/workspaces/{ws}/lists/{id}': allow(MEMBERS, 'admin'),
  'DELETE /v1/workspaces/{ws}/lists/{id}': allow(MEMBERS, 'admin'),
  'POST /v1/workspaces/{ws}/lists/{id}/contacts': allow(MEMBERS, 'admin'),
  'PATCH /v1/workspaces/{ws}/lists/{id}/contacts/{contactId}': allow(MEMBERS, 'admin'),
  'DELETE /v1/workspaces/{ws}/lists/{id}/contacts/{contactId}': allow(MEMBERS, 'admin'),
  'POST /v1/workspaces/{ws}/lists/{id}/import': allow(MEMBERS, 'admin'),

  'GET /v1/workspaces/{ws}/broadcasts': allow(EVERYONE, 'admin'),
  'GET /v1/workspaces/{ws}/broadcasts/{id}': allow(EVERYONE, 'admin'),
  'POST /v1/workspaces/{ws}/broadcasts': allow(MEMBERS, 'admin'),
  'PATCH /v1/workspaces/{ws}/broadcasts/{id}': allow(MEMBERS, 'admin'),
  // Renders what is given for a contact anyone may read; nothing is stored or sent.
  'POST /v1/workspaces/{ws}/broadcasts/preview': allow(EVERYONE, 'admin'),
  'POST /v1/workspaces/{ws}/broadcasts/{id}/test': allow(MEMBERS, 'admin'),
  'POST /v1/workspaces/{ws}/broadcasts/{id}/send': allow(MEMBERS, 'admin'),
  'POST /v1/workspaces/{ws}/broadcasts/{id}/pause': allow(MEMBERS, 'admin'),
  'POST /v1/workspaces/{ws}/broadcasts/{id}/resume': allow(MEMBERS, 'admin'),
  'POST /v1/workspaces/{ws}/broadcasts/{id}/cancel': allow(MEMBERS, 'admin'),

  // An application server's send key may read and render the templates it sends by, and test one (a send, as its others).
  'GET /v1/workspaces/{ws}/templates': allow(EVERYONE, 'send'),
  'GET /v1/workspaces/{ws}/templates/{id}': allow(EVERYONE, 'send'),
  'GET /v1/workspaces/{ws}/templates/{id}/versions': allow(EVERYONE, 'send'),
  'GET /v1/workspaces/{ws}/templates/{id}/versions/{n}': allow(EVERYONE, 'send'),
  'POST /v1/workspaces/{ws}/templates': allow(MEMBERS, 'admin'),
  'PATCH /v1/workspaces/{ws}/templates/{id}': allow(MEMBERS, 'admin'),
  'DELETE /v1/workspaces/{ws}/templates/{id}': allow(MEMBERS, 'admin'),
  'POST /v1/workspaces/{ws}/templates/{id}/versions/{n}/restore': allow(MEMBERS, 'admin'),
  // Render what is given or stored; nothing is stored or sent.
  'POST /v1/workspaces/{ws}/templates/preview': allow(EVERYONE, 'send'),
  'POST /v1/workspaces/{ws}/templates/{id}/preview': allow(EVERYONE, 'send'),
  'POST /v1/workspaces/{ws}/templates/{id}/test': allow(MEMBERS, 'send'),

  'GET /v1/workspaces/{ws}/suppressions': allow(EVERYONE, 'admin'),
  'POST /v1/workspaces/{ws}/suppressions': allow(MEMBERS, 'admin'),
  'DELETE /v1/workspaces/{ws}/suppressions/{email}': allow(MEMBERS, 'admin'),

  // Reading endpoints (never their secrets) and the delivery log is for everyone; a change, or a
  // request sent from Mailroom to the endpoint (test, retry, replay), is an admin's.
  'GET /v1/workspaces/{ws}/webhooks': allow(EVERYONE, 'admin'),
  'GET /v1/workspaces/{ws}/webhooks/{id}': allow(EVERYONE, 'admin'),
  'GET /v1/workspaces/{ws}/webhooks/{id}/deliveries': allow(EVERYONE, 'admin'),
  'POST /v1/workspaces/{ws}/webhooks': allow(ADMINS, 'admin'),
  'PATCH /v1/workspaces/{ws}/webhooks/{id}': allow(ADMINS, 'admin'),
  'DELETE /v1/workspaces/{ws}/webhooks/{id}': allow(ADMINS, 'admin'),
  'POST /v1/workspaces/{ws}/webhooks/{id}/rotate-secret': allow(ADMINS, 'admin'),
  'POST /v1/workspaces/{ws}/webhooks/{id}/test': allow(ADMINS, 'admin'),
  'POST /v1/workspaces/{ws}/webhooks/{id}/deliveries/{deliveryId}/retry': allow(ADMINS, 'admin'),
  'POST /v1/workspaces/{ws}/webhooks/{id}/replay': allow(ADMINS, 'admin'),
  // Irreversible, and reaches every message of the workspace: the workspace's admins only.
  'DELETE /v1/workspaces/{ws}/recipients/{email}': allow(ADMINS, 'admin'),
  'GET /v1/workspaces/{ws}/recipient-erasures/{id}': allow(ADMINS, 'admin'),
};

/** The table's key for a request: Express's route path (`/v1/workspaces/:ws`) in OpenAPI's spelling. */
export function operationOf(method: string, routePath: string): string {
  // Express answers HEAD with the GET route.
  const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return `${verb} ${routePath.replace(/:(\w+)/g, '{$1}')}`;
}

/**
 * POSTs that change nothing: they render content sent in the body (too large and too private for a
 * query string) and store nothing, so viewers may call them as they may call a GET.
 */
const RENDER_ONLY: ReadonlySet<string> = new Set([
  'POST /v1/workspaces/{ws}/broadcasts/preview',
  'POST /v1/workspaces/{ws}/templates/preview',
  'POST /v1/workspaces/{ws}/templates/{id}/preview',
]);

/** Whether a route of ROUTE_PERMISSIONS only reads: a GET, or a POST that renders and stores nothing. */
export function onlyReads(route: string): boolean {
  return route.startsWith('GET ') || RENDER_ONLY.has(route);
}

/** The workspace routes a member with `role` may call, as `METHOD path` keys of ROUTE_PERMISSIONS: what the dashboard offers them. */
export function routesAllowedTo(role: MemberRole): string[] {
  return Object.keys(ROUTE_PERMISSIONS).filter((route) => ROUTE_PERMISSIONS[route].roles.includes(role));
}
