import { Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { formatNumber } from '@/lib/format';
import { useAddMembersByEmail } from '../api/list-members';

/** Addresses typed or pasted (one a line, or separated by commas): each gets a contact if it has none, and joins the list. */
export function AddMembersForm({ ws, listId }: { ws: string; listId: string }) {
  const add = useAddMembersByEmail(ws, listId);
  const result = add.data;
  return (
    <form
      onSubmit={(event) => {
        const { emails } = formValues(event);
        add.mutate((emails ?? '').split(/[\s,;]+/).filter(Boolean));
      }}
    >
      <Stack>
        <ErrorAlert error={add.error} messages={formLevelErrors(add.error, ['emails'])} />
        <Textarea
          label="Addresses"
          description="One a line, or separated by commas"
          name="emails"
          required
          autosize
          minRows={2}
          maxRows={8}
          error={fieldError(add.error, 'emails')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            Add to list
          </Button>
        </Group>
        {result && (
          <Stack gap={4} role="status">
            <Text size="sm">
              {formatNumber(result.added)} added ({formatNumber(result.contactsCreated)} new contacts),{' '}
              {formatNumber(result.alreadyMembers)} already on the list, {formatNumber(result.duplicates)} repeated.
            </Text>
            {result.rejected.length > 0 && (
              <List size="sm">
                {result.rejected.map((rejected) => (
                  <List.Item key={rejected.email}>
                    {rejected.email}: {rejected.reason}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        )}
      </Stack>
    </form>
  );
}
