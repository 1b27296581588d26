import type { SendMailOptions } from 'nodemailer';
import type { Mailbox, MessageEntity } from '@app/database';
import type { MailContent } from './tracked-content';

const address = (mailbox: Mailbox) => (mailbox.name ? { name: mailbox.name, address: mailbox.email } : mailbox.email);

/** The nodemailer message for a stored one. Content is always inline: nodemailer may never read files or URLs. */
export function composeMail(message: MessageEntity, content: MailContent): SendMailOptions {
  return {
    messageId: message.messageIdHeader,
    from: message.fromName ? { name: message.fromName, address: message.fromEmail } : message.fromEmail,
    to: message.to.map(address),
    cc: message.cc.map(address),
    bcc: message.bcc.map(address),
    replyTo: message.replyTo ?? undefined,
    subject: message.subject,
    html: content.html ?? undefined,
    text: content.text ?? undefined,
    headers: { ...message.headers, ...content.headers },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
