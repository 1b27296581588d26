import { Button, Checkbox, Group, NativeSelect, TextInput } from '@mantine/core';
import { MESSAGE_STATUSES, MESSAGE_TYPES, type MessageFilters } from '../api/messages';

/** `YYYY-MM-DD` of a date input as the instant its day starts where the person is, or undefined when empty. */
function startOfLocalDay(day: string, daysLater = 0): string | undefined {
  if (!day) return undefined;
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, month! - 1, date! + daysLater).toISOString();
}

/** The local day an instant falls on, as a date input shows it. */
function localDayOf(iso: string | undefined, daysEarlier = 0): string {
  const at = iso ? new Date(iso) : null;
  if (!at || Number.isNaN(at.getTime())) return '';
  at.setDate(at.getDate() - daysEarlier);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * Status, type and "complained" apply as soon as they are chosen; recipient, tag and days when the form is
 * submitted (Enter, or Search). Each change is a new history entry and starts at the first page.
 * Every field is uncontrolled and keyed on its own value in the URL: the back button resets what it shows,
 * choosing a status does not wipe what was typed but not yet searched, and a click shows at once rather
 * than when the router's navigation (a transition) commits.
 */
export function MessageFiltersForm({
  filters,
  onChange,
  errorFor,
}: {
  filters: MessageFilters;
  onChange: (changes: MessageFilters) => void;
  errorFor: (field: string) => string | undefined;
}) {
  const apply = (changes: MessageFilters) => onChange({ ...changes, cursor: undefined });
  const active = Object.entries(filters).some(([key, value]) => key !== 'cursor' && value);

  return (
    <form
      aria-label="Filter messages"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
        apply({
          to: text('to'),
          tag: text('tag'),
          since: startOfLocalDay(String(form.get('sinceDay') ?? '')),
          // The "to" day is included: the range ends where the next day starts.
          until: startOfLocalDay(String(form.get('untilDay') ?? ''), 1),
        });
      }}
    >
      <Group align="flex-end" gap="sm" mb="md">
        <NativeSelect
          label="Status"
          defaultValue={filters.status ?? ''}
          key={`status:${filters.status}`}
          error={errorFor('status')}
          data={[{ value: '', label: 'Any status' }, ...MESSAGE_STATUSES]}
          onChange={(event) => apply({ status: event.currentTarget.value || undefined })}
        />
        <NativeSelect
          label="Type"
          defaultValue={filters.type ?? ''}
          key={`type:${filters.type}`}
          error={errorFor('type')}
          data={[{ value: '', label: 'Any type' }, ...MESSAGE_TYPES]}
          onChange={(event) => apply({ type: event.currentTarget.value || undefined })}
        />
        <Checkbox
          label="Complained (marked as spam)"
          // Level with the inputs' boxes rather than their labels.
          mb={10}
          defaultChecked={filters.complained === 'true'}
          key={`complained:${filters.complained}`}
          error={errorFor('complained')}
          onChange={(event) => apply({ complained: event.currentTarget.checked ? 'true' : undefined })}
        />
        <TextInput
          label="Recipient"
          name="to"
          type="search"
          placeholder="name@example.com"
          defaultValue={filters.to}
          key={`to:${filters.to}`}
          error={errorFor('to')}
        />
        <TextInput label="Tag" name="tag" type="search" defaultValue={filters.tag} key={`tag:${filters.tag}`} error={errorFor('tag')} />
        <TextInput
          label="From day"
          name="sinceDay"
          type="date"
          defaultValue={localDayOf(filters.since)}
          key={`since:${filters.since}`}
          error={errorFor('since')}
        />
        <TextInput
          label="To day"
          name="untilDay"
          type="date"
          defaultValue={localDayOf(filters.until, 1)}
          key={`until:${filters.until}`}
          error={errorFor('until')}
        />
        <Button type="submit">Search</Button>
        {active && (
          <Button
            variant="default"
            onClick={() =>
              apply({
                status: undefined,
                type: undefined,
                complained: undefined,
                to: undefined,
                tag: undefined,
                since: undefined,
                until: undefined,
              })
            }
          >
            Clear filters
          </Button>
        )}
      </Group>
    </form>
  );
}
