import type { ApiKeyScope } from '../api/api-keys';

/** What a key of each scope may do (README "Auth rules"): people are never managed with a key, whatever its scope. */
export const API_KEY_SCOPES: Record<ApiKeyScope, { label: string; meaning: string }> = {
  send: {
    label: 'send',
    meaning: 'Send messages and read them back: what an application server needs. The safer choice.',
  },
  admin: {
    label: 'admin',
    meaning:
      'Everything in the workspace: integrations, senders, keys, contacts, lists, broadcasts, suppressions and the audit log. Not members: people are managed by people.',
  },
};
