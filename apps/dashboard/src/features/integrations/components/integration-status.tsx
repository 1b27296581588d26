import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatDateTime } from '@/lib/format';
import type { Integration } from '../api/integrations';
import { authKindOf, connectsWithConsent } from './auth-kind';
import { ConnectButton } from './connect-button';
import { StatusBadge } from './status-badge';
import { StatusProblem } from './status-problem';

/** Whether the integration works, as the last test or delivery found it, and what to do when it does not. */
export function IntegrationStatus({ ws, integration, canConnect }: { ws: string; integration: Integration; canConnect: boolean }) {
  const { status, auth } = integration;
  const kind = authKindOf(auth);
  const consent = connectsWithConsent(kind);
  return (
    <Paper withBorder p="lg" component="section" aria-label="Status">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2} size="h4">
              Status
            </Title>
            <Group gap="xs">
              <StatusBadge state={status.state} />
              <Text size="sm" c="dimmed">
                {status.checkedAt ? `checked ${formatDateTime(status.checkedAt)}` : 'not tested since it was last changed'}
              </Text>
            </Group>
          </Stack>
          {consent && canConnect && <ConnectButton ws={ws} id={integration.id} label={auth.hasRefreshToken ? 'Reconnect' : 'Connect'} />}
        </Group>
        {consent && (
          <Text size="sm" data-testid="refresh-token-state">
            Refresh token:{' '}
            {auth.hasRefreshToken ? 'stored (encrypted, never shown)' : 'none yet — Connect signs in with the provider and stores one'}
          </Text>
        )}
        <StatusProblem lastError={status.lastError} hint={status.hint} hintColor={status.state === 'ok' ? 'blue' : 'yellow'} />
        {kind === 'google' && status.state === 'needs_reconnect' && auth.hasRefreshToken && (
          <Text size="sm" c="dimmed">
            A Google refresh token that stopped working after about a week usually belongs to an app whose publishing status is Testing:
            publish it, then Reconnect.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
