import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useWorkspaceId } from '@/lib/auth';
import { useWorkspace } from '../api/workspace-settings';
import { WorkspaceSettingsForm } from '../components/workspace-settings-form';

/** `/w/{ws}/settings`: the workspace's own settings. */
export function SettingsPage() {
  const ws = useWorkspaceId();
  const workspace = useWorkspace(ws);
  return (
    <>
      <PageHeader title="Settings" description="Settings of this workspace; each change is recorded in the audit log." />
      <QueryState query={workspace}>{(data) => <WorkspaceSettingsForm key={ws} ws={ws} workspace={data} />}</QueryState>
    </>
  );
}
