import { Alert, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { components } from '@/lib/api/schema';
import { fieldError } from '@/components/form-fields';
import { hasGuide } from './auth-guide';
import { isMicrosoftHost } from './auth-kind';
import { switchedOn, type BounceDraft, type MailboxSecurity } from './bounce-draft';
import { BounceGuide } from './bounce-guide';
import { ConnectionFields, type SecurityOption } from './connection-fields';
import { EnvelopeSenderField } from './envelope-sender-field';
import { FoldedWhenEditing } from './guide-parts';
import type { IntegrationDraft } from './integration-draft';
import { MailboxLoginFields } from './mailbox-login-fields';

type StoredBounces = components['schemas']['BounceProcessingResponse'];

const SECURITY: SecurityOption<MailboxSecurity>[] = [
  { value: 'tls', label: 'TLS', description: 'TLS from the first byte, usually port 993', port: 993 },
  { value: 'starttls', label: 'STARTTLS', description: 'Plain connection upgraded to TLS, usually port 143', port: 143 },
  { value: 'none', label: 'None', description: 'Unencrypted: only on a network you trust', port: 143 },
];

/** The fields the section shows, so that the API's messages about them land next to them rather than above the form. */
export function shownBounceFields(bounces: BounceDraft): string[] {
  if (!bounces.enabled) return ['bounces.enabled'];
  const login = bounces.login === 'basic' ? ['bounces.auth.username', 'bounces.auth.password'] : [];
  return [
    'bounces.enabled',
    'bounces.host',
    'bounces.port',
    'bounces.security',
    'bounces.folder',
    'bounces.processedFolder',
    'bounces.auth',
    'bounces.auth.type',
    ...login,
    'bounces.envelopeSender',
  ];
}

/**
 * Bounce processing: the mailbox bounces and complaints come back to, read over IMAP. Switched on,
 * the provider's server is filled in and its set-up steps shown. `stored` is the saved setting.
 */
export function BounceFields({
  draft,
  change,
  stored,
  editing,
  error,
}: {
  draft: IntegrationDraft;
  change: (changes: Partial<IntegrationDraft>) => void;
  stored?: StoredBounces;
  editing: boolean;
  error: unknown;
}) {
  const bounces = draft.bounces;
  const changeBounces = (changes: Partial<BounceDraft>) => change({ bounces: { ...bounces, ...changes } });
  const login = (bounces.login === 'same' ? draft.username : bounces.username).trim();
  // An SMTP login is not always an address (a relay's API key user): only an address names the mailbox.
  const watchedAddress = login.includes('@') ? login : undefined;
  const passwordToMicrosoft = isMicrosoftHost(bounces.host) && (bounces.login === 'basic' || draft.kind === 'basic');

  return (
    <Stack gap="sm">
      <Switch
        label="Read bounces and complaints from the mailbox"
        description="Mailroom watches a mailbox over IMAP for delivery reports and spam complaints, marks each message bounced and suppresses the address. Every report it reads is moved to the processed folder; nothing is deleted."
        checked={bounces.enabled}
        onChange={(event) =>
          change({
            bounces: event.currentTarget.checked ? switchedOn(bounces, draft.kind, draft.host) : { ...bounces, enabled: false },
          })
        }
        error={fieldError(error, 'bounces.enabled')}
      />
      {bounces.enabled && (
        <>
          {editing && (
            <Text size="sm" c="dimmed">
              Turning it on, or changing the IMAP host, port, security or login, sends a secret to the mailbox&apos;s server, so it must be
              given again with the change: the integration&apos;s own in Sign-in above, or the mailbox password here.
            </Text>
          )}
          {hasGuide(draft.kind) ? (
            <FoldedWhenEditing editing={editing} label="Set-up steps for reading the mailbox">
              <BounceGuide kind={draft.kind} />
            </FoldedWhenEditing>
          ) : (
            <Text size="sm" c="dimmed">
              Name the mailbox where bounces arrive: with the watched mailbox as envelope sender (below), that is this one. Its IMAP server
              often sits beside the SMTP server (imap.example.com next to smtp.example.com), and many providers want an app password for it.
            </Text>
          )}
          {passwordToMicrosoft && (
            <Alert color="yellow" title="Exchange Online refuses passwords over IMAP">
              Microsoft switched basic authentication off for IMAP in Exchange Online in 2022. Choose Microsoft 365 app-only or delegated
              sign-in above, and the integration&apos;s own credentials here.
            </Alert>
          )}
          <ConnectionFields
            connection={bounces}
            change={changeBounces}
            securityOptions={SECURITY}
            labelPrefix="IMAP"
            fieldPrefix="bounces."
            placeholder="imap.example.com"
            error={error}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Folder to read"
              description='Where the reports arrive; "/" separates levels.'
              value={bounces.folder}
              onChange={(event) => changeBounces({ folder: event.currentTarget.value })}
              error={fieldError(error, 'bounces.folder')}
              required
              maxLength={200}
            />
            <TextInput
              label="Processed folder"
              description="Where each report read is moved; created if missing."
              value={bounces.processedFolder}
              onChange={(event) => changeBounces({ processedFolder: event.currentTarget.value })}
              error={fieldError(error, 'bounces.processedFolder')}
              required
              maxLength={200}
            />
          </SimpleGrid>
          <MailboxLoginFields
            bounces={bounces}
            change={changeBounces}
            kind={draft.kind}
            hasStoredPassword={stored !== undefined && stored.auth !== 'same' && stored.auth.hasPassword}
            error={error}
          />
          <EnvelopeSenderField
            value={bounces.envelopeSender}
            onChange={(envelopeSender) => changeBounces({ envelopeSender })}
            watchedAddress={watchedAddress}
            error={error}
          />
        </>
      )}
    </Stack>
  );
}
