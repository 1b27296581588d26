import { Button, Group, Paper, Radio, Stack, TextInput, Title } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { ShownOnce } from '@/components/shown-once';
import { useCreateApiKey, type ApiKeyScope } from '../api/api-keys';
import { API_KEY_SCOPES } from './api-key-scopes';

const FIELDS = ['name', 'scopes'] as const;

/** A new key with a name and a scope; the key itself is shown only in the answer, so it stays on the page until the next one. */
export function CreateApiKeyForm({ ws }: { ws: string }) {
  const create = useCreateApiKey(ws);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const { name, scope } = formValues(event);
    create.mutate({ name, scopes: [scope as ApiKeyScope] }, { onSuccess: () => form.reset() });
  };

  return (
    <Paper withBorder p="md" mb="lg">
      <Title order={2} size="h4" mb="sm">
        New API key
      </Title>
      {create.data && <ShownOnce label={`API key ${create.data.name}`} value={create.data.key} />}
      <form onSubmit={submit}>
        <ErrorAlert error={create.error} messages={formLevelErrors(create.error, FIELDS)} />
        <Stack gap="md">
          <TextInput
            label="Name"
            name="name"
            placeholder="Production app server"
            description="Says where the key is used, so you know what stops working when you revoke it"
            required
            maxLength={200}
            error={fieldError(create.error, 'name')}
            maw={420}
          />
          <Radio.Group label="Scope" name="scope" defaultValue="send" error={fieldError(create.error, 'scopes')}>
            <Stack gap="xs" mt="xs">
              {Object.entries(API_KEY_SCOPES).map(([value, scope]) => (
                <Radio key={value} value={value} label={scope.label} description={scope.meaning} />
              ))}
            </Stack>
          </Radio.Group>
          <Group>
            <Button type="submit" loading={create.isPending}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
