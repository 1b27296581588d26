import { Checkbox, Fieldset, SimpleGrid, Text } from '@mantine/core';
import type { EventChoice, SubscribableType } from '../api/webhooks';
import { EVENT_TYPES } from './event-types';

/**
 * The types an endpoint asks for: every type (`*`, which includes types added later) or the ones
 * ticked. A controlled field, as its value is a list.
 */
export function EventTypesField({
  value,
  onChange,
  error,
}: {
  value: EventChoice[];
  onChange: (events: EventChoice[]) => void;
  error?: string;
}) {
  const all = value.includes('*');
  return (
    <Fieldset legend="Events" variant="unstyled">
      <Checkbox
        label="Every event type"
        description="Includes types Mailroom adds later"
        checked={all}
        onChange={(event) => onChange(event.currentTarget.checked ? ['*'] : [])}
        mb="sm"
      />
      {!all && (
        <Checkbox.Group aria-label="Event types" value={value} onChange={(events) => onChange(events as SubscribableType[])}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {Object.entries(EVENT_TYPES).map(([type, meaning]) => (
              <Checkbox key={type} value={type} label={type} description={meaning} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      )}
      {error && (
        <Text c="red" size="sm" mt="xs" role="alert">
          {error}
        </Text>
      )}
    </Fieldset>
  );
}
