import type { RouteKey } from '@/lib/auth';

/** The pages of a workspace, in the order the sidebar shows them, and the call each one starts with. */
export const WORKSPACE_PAGES: { path: string; label: string; reads: RouteKey }[] = [
  { path: '', label: 'Overview', reads: 'GET /v1/workspaces/{ws}' },
  { path: 'integrations', label: 'Integrations', reads: 'GET /v1/workspaces/{ws}/integrations' },
  { path: 'messages', label: 'Messages', reads: 'GET /v1/workspaces/{ws}/messages' },
  { path: 'contacts', label: 'Contacts', reads: 'GET /v1/workspaces/{ws}/contacts' },
  { path: 'lists', label: 'Lists', reads: 'GET /v1/workspaces/{ws}/lists' },
  { path: 'broadcasts', label: 'Broadcasts', reads: 'GET /v1/workspaces/{ws}/broadcasts' },
  { path: 'templates', label: 'Templates', reads: 'GET /v1/workspaces/{ws}/templates' },
  { path: 'suppressions', label: 'Suppressions', reads: 'GET /v1/workspaces/{ws}/suppressions' },
  { path: 'webhooks', label: 'Webhooks', reads: 'GET /v1/workspaces/{ws}/webhooks' },
  { path: 'api-keys', label: 'API keys', reads: 'GET /v1/workspaces/{ws}/api-keys' },
  { path: 'members', label: 'Members', reads: 'GET /v1/workspaces/{ws}/members' },
  { path: 'audit', label: 'Audit log', reads: 'GET /v1/workspaces/{ws}/audit' },
  { path: 'settings', label: 'Settings', reads: 'GET /v1/workspaces/{ws}' },
];
