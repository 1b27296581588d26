import { ParsedMail } from 'mailparser';
import { bounceKind, failureReply } from './bounce-status';
import { diagnosticText } from './diagnostic-text';
import { RecipientBounce } from './mailbox-report.types';
import { MAX_NOTICE_TEXT_CHARS, MAX_REPORT_RECIPIENTS } from './report-limits';

/**
 * The mailboxes mail systems send notices from: RFC 5321's postmaster, the traditional
 * MAILER-DAEMON (Postfix, Sendmail, Exim, Gmail, Exchange Online) and Exchange Server's system
 * mailbox `MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@…`.
 */
const MAIL_SYSTEM_SENDER = /^(?:mailer-daemon|mail-daemon|postmaster|microsoftexchange[0-9a-f]{32})@/i;
const FAILURE_SUBJECT =
  /undeliver|returned mail|returned to sender|delivery (?:status notification|failure|has failed|incomplete)|failure notice|mail delivery failed|non-?delivery/i;
/** How a notice without any code says the server keeps trying. */
const STILL_TRYING = /\b(?:delayed|will (?:be )?retr(?:y|ied)|still (?:being )?(?:retried|trying)|temporar(?:y|ily))\b/i;
const ADDRESS_LINE = /^<?([^\s<>@]+@[^\s<>@]+?)>?$/;
/** Exchange 2007 to Exchange Online: `Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; …'`. */
const REMOTE_SERVER_RETURNED = /Remote Server returned '(.+)'/i;
/** Exchange 2010: `#550 5.1.1 RESOLVER.ADR.RecipientNotFound; not found ##`, after the generating server's name when it is remote. */
const EXCHANGE_HASHED_ANSWER = /#([45]\d\d[ -][^#\r\n]+?)\s*##/;

/**
 * Whether a message that is no multipart/report still reads as a failure notice: an
 * `X-Failed-Recipients` header (Exim, Gmail), or a mail system's sender with a failure subject.
 * A person's reply, even one quoting a bounce, comes from the person and fails both.
 */
export function isFailureNotice(mail: ParsedMail): boolean {
  if (mail.headers.has('x-failed-recipients')) return true;
  const sender = mail.from?.value[0]?.address ?? '';
  return MAIL_SYSTEM_SENDER.test(sender) && FAILURE_SUBJECT.test(mail.subject ?? '');
}

/**
 * The failed recipients of a notice written only for people: the addresses of
 * `X-Failed-Recipients` and of Exchange's "Diagnostic information for administrators", each with
 * the answer Exchange quotes for it or else the first answer in the text carrying a failure code.
 * Without any code the notice is taken at its word: `4.0.0` when it says it keeps trying,
 * `5.0.0` otherwise (it is a failure notice).
 */
export function readFailureNotice(mail: ParsedMail): RecipientBounce[] {
  const text = (mail.text ?? '').slice(0, MAX_NOTICE_TEXT_CHARS);
  const quoted = exchangeAnswers(text);
  const reply = failureReply(text);
  const fallbackStatus = reply?.status ?? (STILL_TRYING.test(text) ? '4.0.0' : '5.0.0');
  const recipients = new Map<string, string>();
  for (const recipient of [...failedRecipientsHeader(mail), ...[...quoted.values()].map((entry) => entry.recipient)]) {
    if (!recipients.has(recipient.toLowerCase())) recipients.set(recipient.toLowerCase(), recipient);
  }
  return [...recipients].slice(0, MAX_REPORT_RECIPIENTS).map(([key, recipient]) => {
    const answer = quoted.get(key)?.answer ?? reply?.line;
    const status = (answer && failureReply(answer)?.status) ?? fallbackStatus;
    // Every status here is class 4 or 5, which bounceKind always classifies.
    return { recipient, kind: bounceKind(undefined, status)!, status, diagnostic: answer && diagnosticText(answer) };
  });
}

function failedRecipientsHeader(mail: ParsedMail): string[] {
  const values = [mail.headers.get('x-failed-recipients') ?? []].flat().filter((value) => typeof value === 'string');
  return values.flatMap((value) => value.split(',')).flatMap((item) => ADDRESS_LINE.exec(item.trim())?.[1] ?? []);
}

/** Exchange lists each failed address on a line of its own, with the answer it got on the next line; keyed by lower-cased address. */
function exchangeAnswers(text: string): Map<string, { recipient: string; answer: string }> {
  const answers = new Map<string, { recipient: string; answer: string }>();
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  lines.forEach((line, i) => {
    const recipient = ADDRESS_LINE.exec(line)?.[1];
    const next = lines[i + 1] ?? '';
    const answer = REMOTE_SERVER_RETURNED.exec(next)?.[1] ?? EXCHANGE_HASHED_ANSWER.exec(next)?.[1];
    if (recipient && answer && answers.size < MAX_REPORT_RECIPIENTS) answers.set(recipient.toLowerCase(), { recipient, answer });
  });
  return answers;
}
