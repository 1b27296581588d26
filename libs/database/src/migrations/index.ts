import { WorkspacesAndApiKeys1763790000000 } from './1763790000000-workspaces-and-api-keys';
import { IntegrationsAndSenders1763790100000 } from './1763790100000-integrations-and-senders';
import { Messages1763790200000 } from './1763790200000-messages';

/** Every migration, in order. Listed explicitly so the built app and the tests run the same set. */
export const MIGRATIONS = [WorkspacesAndApiKeys1763790000000, IntegrationsAndSenders1763790100000, Messages1763790200000];
