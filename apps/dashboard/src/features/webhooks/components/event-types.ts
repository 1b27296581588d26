import type { SubscribableType } from '../api/webhooks';

/** What each type the API offers is sent for (../shared/API.md "Webhooks"), in the order the form lists them. */
export const EVENT_TYPES: Record<SubscribableType, string> = {
  'message.sent': 'the receiving server accepted a message',
  'message.deferred': 'the receiving server asked to try later',
  'message.failed': 'a message could not be delivered',
  'message.suppressed': 'a message was not sent to a suppressed address',
  'message.opened': 'a recipient opened a message',
  'message.clicked': 'a recipient clicked a tracked link',
  'message.unsubscribed': 'a recipient unsubscribed',
  'message.bounced': 'a bounce came back',
  'message.complained': 'a recipient marked a message as spam',
  'broadcast.started': 'a broadcast started sending',
  'broadcast.paused': 'a broadcast was paused',
  'broadcast.resumed': 'a broadcast was resumed',
  'broadcast.completed': 'a broadcast finished',
  'broadcast.cancelled': 'a broadcast was cancelled',
  'integration.status_changed': 'an integration started or stopped working',
};
