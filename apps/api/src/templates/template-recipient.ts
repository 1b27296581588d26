import type { TemplateRecipient } from '@app/templating';
import { toMailbox } from '../messages/message-draft';
import type { MailboxInput } from '../messages/message.dto';

/** A mailbox of a request as a template sees it in `to`; none is an empty address without a name. */
export function templateRecipient(mailbox: MailboxInput | undefined): TemplateRecipient {
  if (mailbox === undefined) return { email: '', name: null };
  const { email, name } = toMailbox(mailbox);
  return { email, name: name ?? null };
}
