import { Badge } from '@mantine/core';
import type { WebhookAttempt } from '../api/webhooks';

/** `HTTP 200` in green, another status in red, or why no answer came. */
export function AttemptOutcome({ attempt }: { attempt: WebhookAttempt }) {
  const ok = attempt.statusCode !== null && attempt.statusCode !== undefined && attempt.statusCode >= 200 && attempt.statusCode < 300;
  return (
    <Badge variant="light" color={ok ? 'green' : 'red'} tt="none">
      {attempt.statusCode ? `HTTP ${attempt.statusCode}` : 'No answer'}
    </Badge>
  );
}
