import { WorkspacesAndApiKeys1763790000000 } from './1763790000000-workspaces-and-api-keys';
import { IntegrationsAndSenders1763790100000 } from './1763790100000-integrations-and-senders';

/** Every migration, in order. Listed explicitly so the built app and the tests run the same set. */
export const MIGRATIONS = [WorkspacesAndApiKeys1763790000000, IntegrationsAndSenders1763790100000];
