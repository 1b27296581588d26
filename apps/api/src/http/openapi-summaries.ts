/**
 * A summary for each operation whose controller method does not give one with @ApiOperation, as
 * `METHOD path` in the document's spelling (as in ROUTE_PERMISSIONS). test/openapi.e2e-spec.ts
 * fails when an operation has neither.
 */
export const OPERATION_SUMMARIES: Readonly<Record<string, string>> = {
  'GET /metrics': 'Prometheus metrics',
  'GET /health/live': 'Liveness: the process answers',
  'GET /health/ready': 'Readiness: PostgreSQL and Redis answer',

  'POST /v1/workspaces': 'Create a workspace (operators)',
  'GET /v1/workspaces': 'List the workspaces (operators)',
  'GET /v1/workspaces/{ws}': 'Get the workspace and its settings',
  'PATCH /v1/workspaces/{ws}': "Change the workspace's name or settings",

  'POST /v1/workspaces/{ws}/api-keys': 'Create an API key: its secret is shown only in this answer',
  'GET /v1/workspaces/{ws}/api-keys': 'List the API keys (never their secrets)',
  'DELETE /v1/workspaces/{ws}/api-keys/{id}': 'Revoke an API key',

  'POST /v1/workspaces/{ws}/integrations': 'Create an SMTP integration',
  'GET /v1/workspaces/{ws}/integrations': 'List the integrations (secrets are never returned)',
  'GET /v1/workspaces/{ws}/integrations/{id}': 'Get an integration',
  'DELETE /v1/workspaces/{ws}/integrations/{id}': 'Delete an integration',
  'POST /v1/workspaces/{ws}/integrations/{id}/test': 'Test an integration step by step, optionally sending a message',
  'POST /v1/workspaces/{ws}/integrations/{id}/oauth2/authorize': "Start the OAuth2 consent flow: the provider's URL to open",
  'GET /v1/oauth2/callback': "The OAuth2 provider's redirect: stores the refresh token",
  'GET /v1/oauth2/redirect-uri': 'The redirect URI to register with the OAuth2 provider',

  'POST /v1/workspaces/{ws}/contacts': 'Create a contact, or update the one with this address',
  'GET /v1/workspaces/{ws}/contacts': 'List contacts, filtered and paged by cursor',
  'GET /v1/workspaces/{ws}/contacts/{id}': 'Get a contact',
  'PATCH /v1/workspaces/{ws}/contacts/{id}': 'Change a contact',
  'DELETE /v1/workspaces/{ws}/contacts/{id}': 'Delete a contact and its list subscriptions',

  'POST /v1/workspaces/{ws}/lists': 'Create a list',
  'GET /v1/workspaces/{ws}/lists': 'List the lists',
  'GET /v1/workspaces/{ws}/lists/{id}': 'Get a list',
  'PATCH /v1/workspaces/{ws}/lists/{id}': 'Change a list',
  'DELETE /v1/workspaces/{ws}/lists/{id}': 'Delete a list',
  'POST /v1/workspaces/{ws}/lists/{id}/contacts': 'Add contacts to a list',
  'GET /v1/workspaces/{ws}/lists/{id}/contacts': "List a list's contacts with their subscription status",
  'PATCH /v1/workspaces/{ws}/lists/{id}/contacts/{contactId}': "Change a contact's subscription status on a list",
  'DELETE /v1/workspaces/{ws}/lists/{id}/contacts/{contactId}': 'Remove a contact from a list',
  'POST /v1/workspaces/{ws}/lists/{id}/import': 'Import contacts into a list from CSV',

  'POST /v1/workspaces/{ws}/messages': 'Send a message: accepted and queued',
  'GET /v1/workspaces/{ws}/messages': 'List messages, filtered and paged by cursor',
  'POST /v1/workspaces/{ws}/messages/batch': 'Send a batch of messages',
  'GET /v1/workspaces/{ws}/messages/{id}': 'Get a message with its timeline of events',

  'GET /u/{token}': 'Unsubscribe page for the link in a message',
  'POST /u/{token}': 'Unsubscribe (the page, or one-click List-Unsubscribe-Post)',

  'POST /v1/workspaces/{ws}/suppressions': 'Suppress an address: nothing more is sent to it',
  'GET /v1/workspaces/{ws}/suppressions': 'List the suppressed addresses',
  'DELETE /v1/workspaces/{ws}/suppressions/{email}': 'Lift the suppression of an address',

  'POST /v1/workspaces/{ws}/broadcasts': 'Create a broadcast to a list',
  'GET /v1/workspaces/{ws}/broadcasts': 'List the broadcasts',
  'GET /v1/workspaces/{ws}/broadcasts/{id}': 'Get a broadcast with its progress',
  'PATCH /v1/workspaces/{ws}/broadcasts/{id}': 'Change a draft broadcast',
  'POST /v1/workspaces/{ws}/broadcasts/preview':
    "Render a broadcast's subject, HTML and text for a contact, with any template errors and their lines",
  'POST /v1/workspaces/{ws}/broadcasts/{id}/test': 'Send a test of a broadcast to one address, rendered for a contact',
  'POST /v1/workspaces/{ws}/broadcasts/{id}/send': 'Send a broadcast now, or at its scheduled time',
  'POST /v1/workspaces/{ws}/broadcasts/{id}/pause': 'Pause a sending broadcast',
  'POST /v1/workspaces/{ws}/broadcasts/{id}/resume': 'Resume a paused broadcast',
  'POST /v1/workspaces/{ws}/broadcasts/{id}/cancel': 'Cancel a broadcast: no more recipients are sent to',
};
