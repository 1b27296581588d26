import { Anchor, Container, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useMe } from '@/lib/auth';
import { useAllWorkspaces } from '../api/workspaces';
import { CreateWorkspaceForm } from '../components/create-workspace-form';

/** `/workspaces`: the person's workspaces; operators see every one and create new ones. */
export function WorkspacesPage() {
  const me = useMe().data;
  const isOperator = me?.user.isOperator ?? false;
  const all = useAllWorkspaces(isOperator);
  const mine = me?.memberships ?? [];

  return (
    <Container size="md" py="xl">
      <PageHeader
        title="Workspaces"
        description={
          isOperator
            ? 'As an operator you see every workspace of this deployment. Each workspace has its own integrations, senders, contacts and people.'
            : 'The workspaces you are a member of.'
        }
      />
      <Stack gap="xl">
        {isOperator && <CreateWorkspaceForm />}
        {isOperator ? (
          <QueryState query={all} isEmpty={(page) => page.data.length === 0} empty="No workspace yet: create the first one above.">
            {(page) => <WorkspaceTable rows={page.data.map((workspace) => ({ id: workspace.id, name: workspace.name }))} />}
          </QueryState>
        ) : mine.length === 0 ? (
          <Text c="dimmed">You are not a member of any workspace yet. Ask a workspace admin for an invitation.</Text>
        ) : (
          <WorkspaceTable
            rows={mine.map((membership) => ({ id: membership.workspaceId, name: membership.workspaceName, role: membership.role }))}
          />
        )}
      </Stack>
    </Container>
  );
}

function WorkspaceTable({ rows }: { rows: { id: string; name: string; role?: string }[] }) {
  return (
    <Table striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Your role</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.id}>
            <Table.Td>
              <Anchor component={Link} to={`/w/${row.id}`}>
                {row.name}
              </Anchor>
            </Table.Td>
            <Table.Td>{row.role ?? 'operator'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
