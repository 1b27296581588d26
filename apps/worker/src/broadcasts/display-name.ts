import type { ContactEntity } from '@app/database';

export function displayName(contact: Pick<ContactEntity, 'firstName' | 'lastName'>): string | undefined {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  return name || undefined;
}
