/** The Message-ID Mailroom gives a message: its own id at the sender's domain, known before sending. */
export function messageIdHeader(messageId: string, fromEmail: string): string {
  return `<${messageId}@${fromEmail.split('@')[1]}>`;
}
