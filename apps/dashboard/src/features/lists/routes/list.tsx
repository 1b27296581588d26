import { Anchor, Card, SimpleGrid, Stack, Title } from '@mantine/core';
import { notifySuccess } from '@/components/notify';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { formatNumber } from '@/lib/format';
import { useDeleteList, useList, type List } from '../api/lists';
import { AddMembersForm } from '../components/add-members-form';
import { CsvImport } from '../components/csv-import';
import { EditListButton } from '../components/edit-list-button';
import { ListMembers } from '../components/list-members';

/** `/w/{ws}/lists/{id}`: a list, its members and their subscription status, and the ways contacts join it. */
export function ListPage() {
  const ws = useWorkspaceId();
  const { id = '' } = useParams();
  const list = useList(ws, id);
  return (
    <>
      <Anchor component={Link} to={`/w/${ws}/lists`} size="sm">
        ← Lists
      </Anchor>
      <QueryState query={list}>{(data) => <ListDetails ws={ws} list={data} />}</QueryState>
    </>
  );
}

function ListDetails({ ws, list }: { ws: string; list: List }) {
  const can = useCan();
  const navigate = useNavigate();
  const remove = useDeleteList(ws, list.id);
  const { subscribed, unsubscribed } = list.counts;

  return (
    <>
      <PageHeader
        title={list.name}
        description={[list.description, `${formatNumber(subscribed)} subscribed, ${formatNumber(unsubscribed)} unsubscribed.`]
          .filter(Boolean)
          .join(' — ')}
        actions={
          <>
            {can('PATCH /v1/workspaces/{ws}/lists/{id}') && <EditListButton ws={ws} list={list} />}
            {can('DELETE /v1/workspaces/{ws}/lists/{id}') && (
              <ConfirmButton
                title={`Delete ${list.name}?`}
                message="The list and its memberships are deleted; its contacts stay in the workspace. Broadcasts to it can no longer be sent."
                confirmLabel="Delete list"
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutate(undefined, {
                    onSuccess: () => {
                      notifySuccess(`${list.name} was deleted.`);
                      void navigate(`/w/${ws}/lists`);
                    },
                  })
                }
              >
                Delete
              </ConfirmButton>
            )}
          </>
        }
      />
      <ErrorAlert error={remove.error} title="Not deleted" />
      <Stack gap="xl">
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {can('POST /v1/workspaces/{ws}/lists/{id}/import') && <CsvImport ws={ws} listId={list.id} />}
          {can('POST /v1/workspaces/{ws}/lists/{id}/contacts') && (
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                Add addresses
              </Title>
              <AddMembersForm ws={ws} listId={list.id} />
            </Card>
          )}
        </SimpleGrid>
        <div>
          <ListMembers ws={ws} listId={list.id} />
        </div>
      </Stack>
    </>
  );
}
