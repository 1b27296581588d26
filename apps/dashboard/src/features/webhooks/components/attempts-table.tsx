import { Code, Table } from '@mantine/core';
import { formatDateTime } from '@/lib/format';
import type { WebhookAttempt } from '../api/webhooks';
import { AttemptOutcome } from './attempt-outcome';

/** Every attempt of one delivery, oldest first: when, what came back, how long it took. */
export function AttemptsTable({ attempts, caption }: { attempts: WebhookAttempt[]; caption: string }) {
  return (
    <Table withTableBorder captionSide="top">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Time</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Duration</Table.Th>
          <Table.Th>Response</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {attempts.map((attempt, index) => (
          <Table.Tr key={`${attempt.at}-${index}`}>
            <Table.Td>{formatDateTime(attempt.at)}</Table.Td>
            <Table.Td>
              <AttemptOutcome attempt={attempt} />
            </Table.Td>
            <Table.Td>{attempt.ms} ms</Table.Td>
            <Table.Td>
              <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{attempt.error ?? attempt.response ?? '(empty)'}</Code>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
