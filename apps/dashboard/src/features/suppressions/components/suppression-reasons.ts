import type { SuppressionReason } from '../api/suppressions';

/** What each reason means to the person reading the table, and the order the add form offers them in. */
export const SUPPRESSION_REASONS: Record<SuppressionReason, { label: string; meaning: string }> = {
  manual: { label: 'Manual', meaning: 'Added by a person or through the API' },
  unsubscribe: { label: 'Unsubscribed', meaning: 'The recipient used the unsubscribe link of a marketing mail' },
  bounce: { label: 'Bounce', meaning: 'Mail to the address bounced for good' },
  complaint: { label: 'Complaint', meaning: 'The recipient reported a mail as spam' },
};
