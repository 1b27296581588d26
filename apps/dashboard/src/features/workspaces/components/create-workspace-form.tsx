import { Button, Group, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { ShownOnce } from '@/components/shown-once';
import { useCreateWorkspace } from '../api/workspaces';

/** Operators create workspaces; the first admin API key comes back once, so the page stays until the person moves on. */
export function CreateWorkspaceForm() {
  const create = useCreateWorkspace();
  return (
    <>
      {create.data && (
        <>
          <ShownOnce label={`Admin API key of ${create.data.name}`} value={create.data.apiKey.key} />
          <Button component={Link} to={`/w/${create.data.id}/integrations`} mb="md">
            Open {create.data.name} and connect a mail server
          </Button>
        </>
      )}
      <form
        onSubmit={(event) => {
          const { name } = formValues(event);
          create.mutate(name);
        }}
      >
        <ErrorAlert error={create.error} messages={formLevelErrors(create.error, ['name'])} />
        <Group align="flex-end">
          <TextInput
            label="New workspace"
            name="name"
            placeholder="Acme Production"
            required
            maxLength={200}
            error={fieldError(create.error, 'name')}
          />
          <Button type="submit" loading={create.isPending}>
            Create workspace
          </Button>
        </Group>
      </form>
    </>
  );
}
