import { Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { formatDateTime, formatNumber } from '@/lib/format';
import type { Broadcast } from '../api/broadcasts';

type Counts = Broadcast['counts'];

const FIGURES: { key: keyof Counts; label: string }[] = [
  { key: 'recipients', label: 'Recipients' },
  { key: 'queued', label: 'Queued' },
  { key: 'sent', label: 'Sent' },
  { key: 'failed', label: 'Failed' },
  { key: 'opened', label: 'Opened' },
  { key: 'clicked', label: 'Clicked' },
  { key: 'bounced', label: 'Bounced' },
  { key: 'complained', label: 'Complaints' },
  { key: 'unsubscribed', label: 'Unsubscribed' },
  { key: 'skipped', label: 'Skipped' },
];

/** Where the broadcast stands; while it sends the page refreshes these every second or two. */
export function BroadcastProgress({ broadcast }: { broadcast: Broadcast }) {
  const { counts } = broadcast;
  const done = counts.sent + counts.failed;
  const live = broadcast.status === 'sending';
  return (
    <Card withBorder component="section" aria-labelledby="progress-title">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4" id="progress-title">
            Progress
          </Title>
          <Text size="sm" c="dimmed">
            {live ? 'Live: updating while it sends' : timeline(broadcast)}
          </Text>
        </Group>
        <Progress
          value={counts.recipients === 0 ? 0 : (done / counts.recipients) * 100}
          animated={live}
          striped={live}
          aria-label={`${formatNumber(done)} of ${formatNumber(counts.recipients)} recipients handled`}
        />
        <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" m={0}>
          {FIGURES.map(({ key, label }) => (
            <div key={key}>
              <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
                {label}
              </Text>
              <Text component="dd" m={0} size="xl" fw={700} data-testid={`count-${key}`}>
                {formatNumber(counts[key])}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Skipped: members unsubscribed from the list or suppressed when it went out. Opens and clicks count people, not mail scanners.
          Bounced (hard bounces, counted in Sent too) and complaints are read back from the integration&apos;s mailbox, and keep arriving
          after the broadcast has finished.
        </Text>
      </Stack>
    </Card>
  );
}

function timeline(broadcast: Broadcast): string {
  if (broadcast.status === 'scheduled') return `Starts ${formatDateTime(broadcast.scheduledAt)}`;
  if (broadcast.finishedAt) return `Finished ${formatDateTime(broadcast.finishedAt)}`;
  if (broadcast.startedAt) return `Started ${formatDateTime(broadcast.startedAt)}`;
  return 'Not sent yet';
}
