import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatDateTime } from '@/lib/format';
import type { Integration } from '../api/integrations';
import { StatusProblem } from './status-problem';

type Bounces = Integration['bounces'];
type State = Bounces['status']['state'];

const LOOK: Record<State, { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'blue' },
  ok: { label: 'OK', color: 'green' },
  failing: { label: 'Failing', color: 'red' },
  disabled: { label: 'Off', color: 'gray' },
};

function whenChecked({ state, lastCheckedAt }: Bounces['status']): string {
  if (state === 'disabled') return 'bounces and complaints are not read back from a mailbox';
  if (!lastCheckedAt) return 'Mailroom has not looked at the mailbox since it was last changed';
  return `checked ${formatDateTime(lastCheckedAt)}`;
}

/** Whether Mailroom can read the mailbox bounces come back to, as the watcher last found it; the word carries the state, the colour repeats it. */
export function BounceStatus({ bounces }: { bounces: Bounces }) {
  const { status } = bounces;
  const { label, color } = LOOK[status.state];
  return (
    <Paper withBorder p="lg" component="section" aria-label="Bounce mailbox">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Bounce mailbox
        </Title>
        <Group gap="xs">
          <Badge color={color} variant="light" data-testid="bounce-state">
            {label}
          </Badge>
          <Text size="sm" c="dimmed">
            {whenChecked(status)}
          </Text>
        </Group>
        {bounces.enabled && (
          <Text size="sm">
            Reads {bounces.folder} at {bounces.host}:{bounces.port} and moves each report read to {bounces.processedFolder}.
          </Text>
        )}
        <StatusProblem lastError={status.lastError} hint={status.hint} hintColor="yellow" />
      </Stack>
    </Paper>
  );
}
