import { useState } from 'react';
import { contactName } from '@/lib/contact-name';
import { usePreviewContacts } from '../api/broadcast-choices';

/** Whom the preview and the test are rendered for: the member chosen, else the list's first subscribed member. */
export function usePreviewContact(ws: string, listId: string | null) {
  const members = usePreviewContacts(ws, listId);
  const [picked, pick] = useState<string | null>(null);
  const options = (members.data?.data ?? []).map((member) => {
    const name = contactName(member);
    return { value: member.contactId, label: name ? `${member.email} (${name})` : member.email };
  });
  const chosenId = options.some((option) => option.value === picked) ? picked! : options[0]?.value;
  return { options, chosenId, pick, loading: members.isPending && listId !== null };
}
