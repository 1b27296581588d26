import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { useMe } from '@/lib/auth';
import { useSendTemplateTest } from '../api/templates';
import type { SampleData } from './sample-data';

/** A test of the saved template, rendered with the sample data, to one address through the transactional integration: untracked, marked [Test]. */
export function TestSendForm({ ws, templateId, data, unsaved }: { ws: string; templateId: string; data: SampleData; unsaved: boolean }) {
  const me = useMe().data;
  const test = useSendTemplateTest(ws, templateId);
  return (
    <form
      onSubmit={(event) => {
        const { to } = formValues(event);
        test.mutate({ to: to!, data });
      }}
    >
      <Stack gap="xs">
        <ErrorAlert error={test.error} messages={formLevelErrors(test.error, ['to'])} title="No test sent" />
        <Group align="flex-end">
          <TextInput
            label="Send a test to"
            description="Rendered with the sample data; the address is the template's to.email"
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
        {unsaved && (
          <Text size="xs" c="dimmed">
            Save the changes to test them: a test sends the saved template.
          </Text>
        )}
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
