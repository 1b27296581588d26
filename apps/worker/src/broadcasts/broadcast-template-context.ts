import type { ContactEntity } from '@app/database';
import type { TemplateContext } from '@app/templating';

export type TemplateContact = Pick<ContactEntity, 'email' | 'firstName' | 'lastName' | 'attributes'>;

export function broadcastTemplateContext(contact: TemplateContact, unsubscribeUrl: string): TemplateContext {
  return {
    contact: { email: contact.email, first_name: contact.firstName, last_name: contact.lastName, attributes: contact.attributes },
    unsubscribe_url: unsubscribeUrl,
  };
}

export function displayName(contact: Pick<ContactEntity, 'firstName' | 'lastName'>): string | undefined {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  return name || undefined;
}
