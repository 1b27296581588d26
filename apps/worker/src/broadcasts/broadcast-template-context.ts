import type { ContactEntity } from '@app/database';
import type { TemplateContext } from '@app/templating';

export type TemplateContact = Pick<ContactEntity, 'email' | 'firstName' | 'lastName' | 'attributes'>;

/**
 * The unsubscribe link is signed only when a template asks for it: a subject rarely does, and
 * the fan-out renders one subject per recipient, where an HMAC each was a fifth of its work.
 */
export function broadcastTemplateContext(contact: TemplateContact, unsubscribeUrl: () => string): TemplateContext {
  return {
    contact: { email: contact.email, first_name: contact.firstName, last_name: contact.lastName, attributes: contact.attributes },
    get unsubscribe_url() {
      return unsubscribeUrl();
    },
  };
}

export function displayName(contact: Pick<ContactEntity, 'firstName' | 'lastName'>): string | undefined {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  return name || undefined;
}
