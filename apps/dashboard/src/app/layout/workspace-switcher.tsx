import { Select } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useAllWorkspaces } from '@/features/workspaces/api/workspaces';
import { useMe, useWorkspaceId } from '@/lib/auth';

/** Moves to the same page of another workspace; operators choose among all of them. */
export function WorkspaceSwitcher() {
  const ws = useWorkspaceId();
  const me = useMe().data;
  const navigate = useNavigate();
  const all = useAllWorkspaces(me?.user.isOperator ?? false);
  const options = me?.user.isOperator
    ? (all.data?.data ?? []).map((workspace) => ({ value: workspace.id, label: workspace.name }))
    : (me?.memberships ?? []).map((membership) => ({ value: membership.workspaceId, label: membership.workspaceName }));
  return (
    <Select
      aria-label="Workspace"
      data={options}
      value={ws}
      allowDeselect={false}
      searchable={options.length > 7}
      w={240}
      onChange={(next) => {
        if (!next || next === ws) return;
        const page = window.location.pathname.split('/')[3] ?? '';
        void navigate(`/w/${next}/${page}`);
      }}
    />
  );
}
