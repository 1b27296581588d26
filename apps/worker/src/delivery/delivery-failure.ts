import type { IntegrationEntity } from '@app/database';
import { asSmtpError, classifySmtpFailure, SmtpFailureKind, smtpHint } from '@app/smtp';
import { OAuthTokenError } from '@app/oauth';
import { TemplateError } from '@app/templating';

export interface DeliveryFailure {
  kind: SmtpFailureKind;
  code: string;
  message: string;
  hint: string | null;
}

/**
 * What went wrong with one SMTP attempt, in the words the message's `error` shows: the server's
 * full reply when there is one, and a hint where the failure is one people meet.
 */
export function describeFailure(error: unknown, integration: IntegrationEntity, mailbox: string, from: string): DeliveryFailure {
  // A broadcast body that breaks a render limit for this contact would break it on every retry.
  if (error instanceof TemplateError) return { kind: 'permanent', code: 'template_render_failed', message: error.message, hint: null };
  if (error instanceof OAuthTokenError) {
    return { kind: error.transient ? 'transient' : 'auth', code: error.code, message: error.message, hint: error.hint ?? null };
  }
  const smtp = asSmtpError(error);
  return {
    kind: classifySmtpFailure(smtp),
    code: smtp.responseCode ? String(smtp.responseCode) : (smtp.code ?? 'ERROR'),
    message: smtp.response ?? smtp.message ?? 'unknown error',
    hint: smtpHint(smtp, {
      host: integration.host,
      port: integration.port,
      security: integration.security,
      authType: integration.authType === 'oauth2' ? 'xoauth2' : integration.authType,
      username: integration.authType === 'none' ? undefined : mailbox,
      from,
    }),
  };
}
