import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { useMe } from '@/lib/auth';
import { useSendTest } from '../api/broadcasts';

/** A test of the saved broadcast, rendered for the preview's contact, to one address: untracked, marked [Test], outside the counts. */
export function TestSendForm({
  ws,
  broadcastId,
  contactId,
  unsaved,
}: {
  ws: string;
  broadcastId: string;
  contactId?: string;
  unsaved: boolean;
}) {
  const me = useMe().data;
  const test = useSendTest(ws, broadcastId);
  return (
    <form
      onSubmit={(event) => {
        const { to } = formValues(event);
        test.mutate({ to: to!, contactId });
      }}
    >
      <Stack gap="xs">
        <ErrorAlert error={test.error} messages={formLevelErrors(test.error, ['to', 'contactId'])} title="No test sent" />
        <Group align="flex-end">
          <TextInput
            label="Send a test to"
            name="to"
            type="email"
            required
            defaultValue={me?.user.email}
            error={fieldError(test.error, 'to')}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="default" loading={test.isPending} disabled={unsaved}>
            Send test
          </Button>
        </Group>
        {test.data && (
          <Text size="sm" role="status">
            Test queued.{' '}
            <Anchor component={Link} to={`/w/${ws}/messages/${test.data.id}`} inherit>
              Follow it under Messages
            </Anchor>
          </Text>
        )}
      </Stack>
    </form>
  );
}
