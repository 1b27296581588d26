import type { Readable } from 'node:stream';
import type { SendMailOptions } from 'nodemailer';
import type { Mailbox, MessageEntity } from '@app/database';
import type { MessageAttachment } from '@app/messages';
import type { MailContent } from './tracked-content';

/** An attachment with its content as the stream the MIME encoder reads. */
export interface OutgoingAttachment extends MessageAttachment {
  content: Readable;
}

const address = (mailbox: Mailbox) => (mailbox.name ? { name: mailbox.name, address: mailbox.email } : mailbox.email);

/**
 * The nodemailer message for a stored one. Content is always inline: nodemailer may never read
 * files or URLs. An attachment with a Content-ID is an inline part (the HTML's `cid:` image),
 * which nodemailer puts in a multipart/related beside the HTML. `envelopeFrom`, when it is not
 * the From (the watched mailbox of bounce processing), is the SMTP MAIL FROM, where bounces go.
 */
export function composeMail(
  message: MessageEntity,
  content: MailContent,
  attachments: OutgoingAttachment[] = [],
  envelopeFrom = message.fromEmail,
): SendMailOptions {
  const recipients = [...message.to, ...message.cc, ...message.bcc].map((mailbox) => mailbox.email);
  return {
    ...(envelopeFrom.toLowerCase() !== message.fromEmail.toLowerCase() ? { envelope: { from: envelopeFrom, to: recipients } } : {}),
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
    attachments: attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: attachment.content,
      ...(attachment.contentId
        ? { cid: attachment.contentId, contentDisposition: 'inline' as const }
        : { contentDisposition: 'attachment' as const }),
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
