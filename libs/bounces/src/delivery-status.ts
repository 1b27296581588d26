import { bounceKind, enhancedStatus } from './bounce-status';
import { diagnosticText } from './diagnostic-text';
import { FieldGroup, fieldGroups, firstField } from './field-groups';
import { RecipientBounce } from './mailbox-report.types';
import { MAX_REPORT_RECIPIENTS } from './report-limits';

/** What the `message/delivery-status` part of a DSN (RFC 3464 §2) says. */
export interface DeliveryStatus {
  /** `Reporting-MTA`, without its `dns;` type. */
  reportingMta?: string;
  /** Gmail's per-message `X-Original-Message-ID`: the original's Message-ID even when no copy of it is returned. */
  originalMessageId?: string;
  /** The recipients that failed or are delayed; empty when every one was delivered, relayed or expanded. */
  bounces: RecipientBounce[];
}

/**
 * Reads a `message/delivery-status` body: a per-message block, then one block per recipient.
 * Null when no block names a recipient (the part is not what it claims, so the report's prose is
 * all there is). At most MAX_REPORT_RECIPIENTS recipient blocks are considered.
 */
export function readDeliveryStatus(text: string): DeliveryStatus | null {
  const groups = fieldGroups(text, MAX_REPORT_RECIPIENTS + 1);
  const perRecipient = groups.filter((group) => firstField(group, 'final-recipient') || firstField(group, 'original-recipient'));
  if (perRecipient.length === 0) return null;
  const perMessage = groups[0] === perRecipient[0] ? undefined : groups[0];
  return {
    reportingMta: typedValue(firstField(perMessage, 'reporting-mta')),
    originalMessageId: firstField(perMessage, 'x-original-message-id'),
    bounces: perRecipient
      .slice(0, MAX_REPORT_RECIPIENTS)
      .map(recipientBounce)
      .filter((bounce) => bounce !== null),
  };
}

function recipientBounce(group: FieldGroup): RecipientBounce | null {
  // Original-Recipient is the address as Mailroom sent it, before any forwarding rewrote it into the Final-Recipient.
  const recipient = address(firstField(group, 'original-recipient')) ?? address(firstField(group, 'final-recipient'));
  const action = firstField(group, 'action')?.toLowerCase();
  const diagnostic = diagnosticText(typedValue(firstField(group, 'diagnostic-code')) ?? '');
  const status = statusOf(firstField(group, 'status'), diagnostic, action);
  const kind = status && bounceKind(action, status);
  if (!recipient || !status || !kind) return null;
  return { recipient, kind, status, action, diagnostic, remoteMta: typedValue(firstField(group, 'remote-mta')) };
}

/** The `Status` code; failing that the code in the server's answer; failing that what the action implies. */
function statusOf(statusField: string | undefined, diagnostic: string | undefined, action: string | undefined): string | undefined {
  const stated = enhancedStatus(statusField ?? '') ?? enhancedStatus(diagnostic ?? '');
  if (stated) return stated;
  if (action === 'failed') return '5.0.0';
  if (action === 'delayed') return '4.0.0';
  return undefined;
}

/**
 * A DSN value without the type RFC 3464 puts before it (`rfc822;`, `dns;`, `smtp;`, `X-Postfix;`).
 * Only a leading word counts as the type: an answer such as `550 5.1.10 RESOLVER.ADR.RecipientNotFound;
 * Recipient not found` written without one keeps its own semicolon.
 */
function typedValue(value: string | undefined): string | undefined {
  return value?.replace(/^[a-z][a-z0-9-]*\s*;\s*/i, '').trim() || undefined;
}

function address(value: string | undefined): string | undefined {
  const bare = typedValue(value)?.replace(/^<(.*)>$/, '$1');
  return bare?.includes('@') ? bare : undefined;
}
