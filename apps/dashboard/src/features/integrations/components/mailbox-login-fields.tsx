import { Radio, Stack, TextInput } from '@mantine/core';
import { fieldError } from '@/components/form-fields';
import type { AuthKind } from './auth-kind';
import type { BounceDraft, MailboxLogin } from './bounce-draft';
import { SecretInput } from './secret-input';

/** What "the integration's own credentials" means for each kind of sign-in. */
const SAME_LOGIN: Record<AuthKind, string> = {
  basic: 'The username and password of the sign-in above, for the mailbox of that login.',
  microsoft_app_only: "An access token of the app above (XOAUTH2), for the sign-in's mailbox.",
  microsoft_delegated: 'An access token from the connected sign-in above (XOAUTH2), for its mailbox.',
  google: 'An access token from the connected sign-in above (XOAUTH2), for its mailbox.',
  none: 'This integration signs in with nothing, so the mailbox needs a login of its own.',
};

/**
 * How Mailroom logs in to the watched mailbox. The mailbox password is write-only like the other
 * secrets: `hasStoredPassword` shows it as stored until replaced.
 */
export function MailboxLoginFields({
  bounces,
  change,
  kind,
  hasStoredPassword,
  error,
}: {
  bounces: BounceDraft;
  change: (changes: Partial<BounceDraft>) => void;
  kind: AuthKind;
  hasStoredPassword: boolean;
  error: unknown;
}) {
  return (
    <Stack gap="sm">
      <Radio.Group
        label="Mailbox login"
        value={bounces.login}
        onChange={(login) => change({ login: login as MailboxLogin })}
        error={fieldError(error, 'bounces.auth') ?? fieldError(error, 'bounces.auth.type')}
      >
        <Stack gap="xs" mt={4}>
          <Radio value="same" label="The integration's own credentials" description={SAME_LOGIN[kind]} disabled={kind === 'none'} />
          <Radio
            value="basic"
            label="A login of its own"
            description="A username and password for this mailbox only, such as a shared bounces@ mailbox."
          />
        </Stack>
      </Radio.Group>
      {bounces.login === 'basic' && (
        <>
          <TextInput
            label="Mailbox username"
            description="The IMAP login, usually the mailbox address."
            value={bounces.username}
            onChange={(event) => change({ username: event.currentTarget.value })}
            error={fieldError(error, 'bounces.auth.username')}
            required
            maxLength={320}
            autoComplete="off"
          />
          <SecretInput
            label="Mailbox password"
            description="Many providers want an app password for IMAP rather than the account's own."
            stored={hasStoredPassword}
            value={bounces.password}
            onChange={(password) => change({ password })}
            error={fieldError(error, 'bounces.auth.password')}
            required
          />
        </>
      )}
    </Stack>
  );
}
