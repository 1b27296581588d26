/** A contact's name as shown in tables and pickers: first and last, whichever it has; '' for neither. */
export function contactName(contact: { firstName?: string | null; lastName?: string | null }): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ');
}
