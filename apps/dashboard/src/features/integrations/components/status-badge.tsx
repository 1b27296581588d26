import { Badge } from '@mantine/core';
import type { components } from '@/lib/api/schema';

type State = components['schemas']['IntegrationStatusResponse']['state'];

const LOOK: Record<State, { label: string; color: string }> = {
  untested: { label: 'Untested', color: 'gray' },
  ok: { label: 'OK', color: 'green' },
  failing: { label: 'Failing', color: 'red' },
  needs_reconnect: { label: 'Needs reconnect', color: 'orange' },
};

/** The outcome of the last test or delivery: the word carries it, the colour only repeats it. */
export function StatusBadge({ state }: { state: State }) {
  const { label, color } = LOOK[state];
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}
