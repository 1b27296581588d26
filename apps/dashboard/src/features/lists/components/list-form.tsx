import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';

const FIELDS = ['name', 'description'] as const;

/** A list's name and description, for a new list or a change. */
export function ListForm({
  initial,
  submitLabel,
  onSubmit,
  error,
  pending,
}: {
  initial?: { name: string; description?: string | null };
  submitLabel: string;
  onSubmit: (values: { name: string; description: string | null }) => void;
  error: unknown;
  pending: boolean;
}) {
  return (
    <form
      onSubmit={(event) => {
        const { name, description } = formValues(event);
        onSubmit({ name: name!, description: description?.trim() ? description : null });
      }}
    >
      <Stack>
        <ErrorAlert error={error} messages={formLevelErrors(error, FIELDS)} />
        <TextInput label="Name" name="name" required maxLength={200} defaultValue={initial?.name} error={fieldError(error, 'name')} />
        <Textarea
          label="Description"
          description="What subscribers get, for the people of the workspace"
          name="description"
          maxLength={2000}
          autosize
          minRows={2}
          defaultValue={initial?.description ?? ''}
          error={fieldError(error, 'description')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
