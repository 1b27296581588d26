import { WorkspacesAndApiKeys1763790000000 } from './1763790000000-workspaces-and-api-keys';
import { IntegrationsAndSenders1763790100000 } from './1763790100000-integrations-and-senders';
import { Messages1763790200000 } from './1763790200000-messages';
import { ContactsAndLists1763790400000 } from './1763790400000-contacts-and-lists';
import { TrackingAndSuppressions1763790500000 } from './1763790500000-tracking-and-suppressions';
import { Broadcasts1763790600000 } from './1763790600000-broadcasts';
import { LighterMessageEvents1763790800000 } from './1763790800000-lighter-message-events';
import { RecipientLookup1763790900000 } from './1763790900000-recipient-lookup';
import { MessageEventsKeyedByMessage1763791000000 } from './1763791000000-message-events-keyed-by-message';
import { BroadcastFailureReason1763791100000 } from './1763791100000-broadcast-failure-reason';
import { PeopleAndAccess1763791200000 } from './1763791200000-people-and-access';
import { MessageStats1763791310000 } from './1763791310000-message-stats';
import { MessageStatusListing1763791320000 } from './1763791320000-message-status-listing';
import { Templates1763791470000 } from './1763791470000-templates';
import { Webhooks1763791500000 } from './1763791500000-webhooks';
import { AttachmentsAndRetention1763791800000 } from './1763791800000-attachments-and-retention';
import { BounceProcessing1763792000000 } from './1763792000000-bounce-processing';
import { OutboxRetention1763792100000 } from './1763792100000-outbox-retention';

/** Every migration, in order. Listed explicitly so the built app and the tests run the same set. */
export const MIGRATIONS = [
  WorkspacesAndApiKeys1763790000000,
  IntegrationsAndSenders1763790100000,
  Messages1763790200000,
  ContactsAndLists1763790400000,
  TrackingAndSuppressions1763790500000,
  Broadcasts1763790600000,
  LighterMessageEvents1763790800000,
  RecipientLookup1763790900000,
  MessageEventsKeyedByMessage1763791000000,
  BroadcastFailureReason1763791100000,
  PeopleAndAccess1763791200000,
  MessageStats1763791310000,
  MessageStatusListing1763791320000,
  Templates1763791470000,
  Webhooks1763791500000,
  AttachmentsAndRetention1763791800000,
  BounceProcessing1763792000000,
  OutboxRetention1763792100000,
];
