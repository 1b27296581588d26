import { Stack } from '@mantine/core';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { useWorkspace } from '../api/workspace-settings';
import { RecipientErasureForm } from '../components/recipient-erasure-form';
import { WorkspaceSettingsForm } from '../components/workspace-settings-form';

/** `/w/{ws}/settings`: the workspace's own settings, and the erasure of one recipient for those who may. */
export function SettingsPage() {
  const ws = useWorkspaceId();
  const can = useCan();
  const workspace = useWorkspace(ws);
  return (
    <>
      <PageHeader title="Settings" description="Settings of this workspace; each change is recorded in the audit log." />
      <QueryState query={workspace}>
        {(data) => (
          <Stack gap="xl">
            <WorkspaceSettingsForm key={ws} ws={ws} workspace={data} />
            {can('DELETE /v1/workspaces/{ws}/recipients/{email}') && <RecipientErasureForm key={ws} ws={ws} />}
          </Stack>
        )}
      </QueryState>
    </>
  );
}
