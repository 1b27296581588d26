import { Button, Group, NumberInput, Paper, Radio, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import type { components } from '@/lib/api/schema';
import { fieldError, formLevelErrors } from '@/components/form-fields';
import { AuthFields } from './auth-fields';
import { AuthGuide, hasGuide } from './auth-guide';
import { BounceFields, shownBounceFields } from './bounce-fields';
import { FoldedWhenEditing } from './guide-parts';
import { AUTH_KIND_DESCRIPTIONS, AUTH_KIND_LABELS, AUTH_KINDS, isAuthKind, type AuthKind } from './auth-kind';
import { AUTH_FIELDS, type IntegrationDraft } from './integration-draft';
import { SendersEditor } from './senders-editor';
import { ServerFields } from './server-fields';
import { UsageFields } from './usage-fields';

type StoredAuth = components['schemas']['IntegrationAuthResponse'];
type StoredBounces = components['schemas']['BounceProcessingResponse'];

/** The fields this form shows, so that the API's messages about any other land above it. */
function shownFields(draft: IntegrationDraft, stored: StoredAuth | undefined): string[] {
  const { fields, secrets } = AUTH_FIELDS[draft.kind];
  const shownSecrets = secrets.filter((secret) => secret !== 'refreshToken' || (stored?.hasRefreshToken && !draft.dropRefreshToken));
  return [
    'name',
    'host',
    'port',
    'security',
    'allowSelfSignedCertificate',
    'ehloHostname',
    ...[...fields, ...shownSecrets].map((field) => `auth.${field}`),
    'senders',
    ...draft.senders.flatMap((_, index) => [`senders.${index}.name`, `senders.${index}.email`]),
    ...shownBounceFields(draft.bounces),
    'usage.transactional',
    'usage.marketing',
    'rateLimitPerMinute',
    'maxConnections',
  ];
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/**
 * An integration's settings, for creating one and for changing it. `stored` is the saved sign-in
 * of the kind the form shows: which secrets it holds. The API judges the values and its messages
 * appear next to the field they name.
 */
export function IntegrationForm({
  draft,
  change,
  chooseKind,
  stored,
  storedBounces,
  editing = false,
  error,
  pending,
  submitLabel,
  onSubmit,
}: {
  draft: IntegrationDraft;
  change: (changes: Partial<IntegrationDraft>) => void;
  chooseKind: (kind: AuthKind) => void;
  stored?: StoredAuth;
  /** A saved integration's bounce processing: whether its mailbox password is stored. */
  storedBounces?: StoredBounces;
  /** A saved integration's form: the set-up steps fold away, and changing the server asks for the secrets again. */
  editing?: boolean;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  onSubmit: () => void;
}) {
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="lg">
        <ErrorAlert error={error} messages={formLevelErrors(error, shownFields(draft, stored))} title="The integration was not saved" />
        <Section title="Integration">
          <TextInput
            label="Name"
            description="How people of this workspace recognise it."
            value={draft.name}
            onChange={(event) => change({ name: event.currentTarget.value })}
            error={fieldError(error, 'name')}
            required
            maxLength={200}
            placeholder="Company SMTP"
          />
        </Section>
        <Section title="Sign-in">
          <Stack gap="md">
            <Radio.Group
              label="How Mailroom signs in to the server"
              value={draft.kind}
              onChange={(value) => isAuthKind(value) && chooseKind(value)}
              error={fieldError(error, 'auth.type') ?? fieldError(error, 'auth.provider') ?? fieldError(error, 'auth.flow')}
            >
              <Stack gap="xs" mt={4}>
                {AUTH_KINDS.map((kind) => (
                  <Radio key={kind} value={kind} label={AUTH_KIND_LABELS[kind]} description={AUTH_KIND_DESCRIPTIONS[kind]} />
                ))}
              </Stack>
            </Radio.Group>
            {hasGuide(draft.kind) && (
              <FoldedWhenEditing editing={editing} label="Set-up steps at the provider">
                <AuthGuide kind={draft.kind} />
              </FoldedWhenEditing>
            )}
            <AuthFields draft={draft} change={change} stored={stored} error={error} />
          </Stack>
        </Section>
        <Section title="Server">
          <ServerFields draft={draft} change={change} error={error} editing={editing} />
        </Section>
        <Section title="Senders">
          <SendersEditor draft={draft} change={change} error={error} />
        </Section>
        <Section title="Bounce processing">
          <BounceFields draft={draft} change={change} stored={storedBounces} editing={editing} error={error} />
        </Section>
        <Section title="Usage">
          <UsageFields draft={draft} change={change} error={error} />
        </Section>
        <Section title="Limits">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label="Messages per minute (optional)"
              description="What the server accepts from Mailroom; broadcasts are throttled to it. Empty: no limit."
              value={draft.rateLimitPerMinute}
              onChange={(rateLimitPerMinute) => change({ rateLimitPerMinute })}
              error={fieldError(error, 'rateLimitPerMinute')}
              min={1}
              max={1_000_000}
              allowDecimal={false}
              allowNegative={false}
            />
            <NumberInput
              label="Connections per worker"
              description="SMTP connections each worker keeps open to this server."
              value={draft.maxConnections}
              onChange={(maxConnections) => change({ maxConnections })}
              error={fieldError(error, 'maxConnections')}
              required
              min={1}
              max={50}
              allowDecimal={false}
              allowNegative={false}
            />
          </SimpleGrid>
        </Section>
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
