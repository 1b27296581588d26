import { Paper, Table, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Integration } from '../api/integrations';
import { AUTH_KIND_LABELS, authKindOf } from './auth-kind';
import { UsageBadges } from './usage-badges';

const SECURITY_LABELS: Record<Integration['security'], string> = { starttls: 'STARTTLS', tls: 'TLS', none: 'none (unencrypted)' };

const stored = (has: boolean) => (has ? 'stored (never shown)' : 'not stored');

/** A row only for the settings this kind of sign-in has. */
function shownIf(label: string, value: string | false | null | undefined): [string, ReactNode][] {
  return value ? [[label, value]] : [];
}

const ENVELOPE_SENDER_LABELS: Record<Integration['bounces']['envelopeSender'], string> = {
  watched_mailbox: 'the watched mailbox',
  from: 'the From address',
};

/** Bounce processing's rows: one while it is off, its mailbox and login while it is on. */
function bounceRows({ bounces }: Integration): [string, ReactNode][] {
  if (!bounces.enabled) return [['Bounce processing', 'off']];
  const login =
    bounces.auth === 'same'
      ? 'the integration’s own credentials'
      : `${bounces.auth.username}, password ${stored(bounces.auth.hasPassword)}`;
  return [
    ['Bounce processing', `on: ${bounces.host}:${bounces.port}${bounces.security ? `, ${SECURITY_LABELS[bounces.security]}` : ''}`],
    ['Bounce folders', `reads ${bounces.folder}, moves what it read to ${bounces.processedFolder}`],
    ['Mailbox login', login],
    ['Envelope sender', ENVELOPE_SENDER_LABELS[bounces.envelopeSender]],
  ];
}

/** The settings, read-only, for people whose role may not change them. */
export function IntegrationSummary({ integration }: { integration: Integration }) {
  const { auth } = integration;
  const rows: [string, ReactNode][] = [
    ['Server', `${integration.host}:${integration.port}`],
    ['Security', SECURITY_LABELS[integration.security]],
    ['Self-signed certificates', integration.allowSelfSignedCertificate ? 'accepted' : 'refused'],
    ['EHLO name', integration.ehloHostname ?? 'the default sender’s domain'],
    ['Sign-in', AUTH_KIND_LABELS[authKindOf(auth)]],
    ...shownIf('Directory (tenant) ID', auth.tenantId),
    ...shownIf('Client ID', auth.clientId),
    ...shownIf('Username or mailbox', auth.username),
    ...shownIf('Password', auth.type === 'basic' && stored(auth.hasPassword)),
    ...shownIf('Client secret', auth.type === 'oauth2' && stored(auth.hasClientSecret)),
    ...shownIf('Refresh token', auth.type === 'oauth2' && auth.flow !== 'client_credentials' && stored(auth.hasRefreshToken)),
    ['Senders', integration.senders.map((sender) => `${sender.name} <${sender.email}>${sender.default ? ' (default)' : ''}`).join(', ')],
    ...bounceRows(integration),
    ['Usage', <UsageBadges key="usage" usage={integration.usage} />],
    ['Messages per minute', integration.rateLimitPerMinute ?? 'no limit'],
    ['Connections per worker', integration.maxConnections],
  ];
  return (
    <Paper withBorder p="lg" component="section" aria-label="Settings">
      <Title order={2} size="h4" mb="sm">
        Settings
      </Title>
      <Table variant="vertical" layout="fixed">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={220}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
