import { Alert, Button, Card, Code, Group, Text, Title } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { useSendTestEvent, type Webhook } from '../api/webhooks';
import { AttemptOutcome } from './attempt-outcome';

/** A webhook.test sent now, whatever types the endpoint asked for, and what the receiver answered. */
export function SendTestEvent({ ws, webhook }: { ws: string; webhook: Webhook }) {
  const test = useSendTestEvent(ws, webhook.id);
  const result = test.data;

  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Test
      </Title>
      <Text size="sm" mb="sm">
        Sends a <Code>webhook.test</Code> event now, signed like every other, and shows what the endpoint answered.
      </Text>
      <ErrorAlert error={test.error} title="Not sent" />
      {result && (
        <Alert color={result.status === 'delivered' ? 'green' : 'red'} title="Test event attempt" mb="sm" data-testid="test-attempt">
          <Group gap="sm" mb="xs">
            <AttemptOutcome attempt={result.attempt} />
            <Text size="sm">{result.attempt.ms} ms</Text>
          </Group>
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {result.attempt.error ?? result.attempt.response ?? '(empty response)'}
          </Code>
          {result.status === 'pending' && (
            <Text size="sm" mt="xs">
              No 2xx: the delivery is retried on the schedule, like any other.
            </Text>
          )}
        </Alert>
      )}
      <Group>
        <Button onClick={() => test.mutate(undefined)} loading={test.isPending}>
          Send test event
        </Button>
      </Group>
    </Card>
  );
}
