import { Button, Group, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { useAddSuppression, useListNames, type SuppressionReason } from '../api/suppressions';
import { SUPPRESSION_REASONS } from './suppression-reasons';

const FIELDS = ['email', 'reason', 'listId'] as const;
const REASON_OPTIONS = Object.entries(SUPPRESSION_REASONS).map(([value, { label }]) => ({ value, label }));

/** Suppresses an address for all marketing mail of the workspace, or for one list. */
export function AddSuppressionForm({ ws }: { ws: string }) {
  const add = useAddSuppression(ws);
  const lists = useListNames(ws);
  const [listId, setListId] = useState<string | null>(null);
  const listOptions = [...(lists.data ?? new Map<string, string>())].map(([value, label]) => ({ value, label }));

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const { email, reason } = formValues(event);
    add.mutate(
      { email, reason: reason as SuppressionReason, ...(listId ? { listId } : {}) },
      {
        onSuccess: () => {
          form.reset();
          setListId(null);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label="Add a suppression">
      <ErrorAlert error={add.error} messages={formLevelErrors(add.error, FIELDS)} />
      <Group align="flex-start" mb="lg">
        <TextInput label="Email" name="email" type="email" required maxLength={320} error={fieldError(add.error, 'email')} w={280} />
        <Select
          label="Reason"
          name="reason"
          data={REASON_OPTIONS}
          defaultValue="manual"
          allowDeselect={false}
          error={fieldError(add.error, 'reason')}
          w={170}
        />
        <Select
          label="List"
          placeholder="All marketing mail"
          data={listOptions}
          value={listId}
          onChange={setListId}
          clearable
          searchable={listOptions.length > 7}
          error={fieldError(add.error, 'listId')}
          w={240}
        />
        <Button type="submit" loading={add.isPending} mt={25}>
          Suppress address
        </Button>
      </Group>
    </form>
  );
}
