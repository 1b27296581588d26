import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifySuccess } from '@/components/notify';
import { Link, useParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { useListChoices, useMarketingIntegration } from '../api/broadcast-choices';
import { useBroadcastTemplate } from '../api/broadcast-templates';
import { useBroadcast, useUpdateBroadcast, type Broadcast } from '../api/broadcasts';
import { BroadcastActions } from '../components/broadcast-actions';
import { BroadcastComposer } from '../components/broadcast-composer';
import { broadcastChanges, copyIsBehind, draftOf, isComplete, useBroadcastDraft } from '../components/broadcast-draft';
import { BroadcastProgress } from '../components/broadcast-progress';
import { BroadcastStatusBadge } from '../components/broadcast-status-badge';
import { TestSendForm } from '../components/test-send-form';

/** `/w/{ws}/broadcasts/{id}`: a draft to edit, test and send; once sent, its live progress and what it said. */
export function BroadcastPage() {
  const ws = useWorkspaceId();
  const { id = '' } = useParams();
  const broadcast = useBroadcast(ws, id);
  return (
    <>
      <Anchor component={Link} to={`/w/${ws}/broadcasts`} size="sm">
        ← Broadcasts
      </Anchor>
      <QueryState query={broadcast}>{(data) => <BroadcastDetails ws={ws} broadcast={data} />}</QueryState>
    </>
  );
}

function BroadcastDetails({ ws, broadcast }: { ws: string; broadcast: Broadcast }) {
  const can = useCan();
  const editable = broadcast.status === 'draft' && can('PATCH /v1/workspaces/{ws}/broadcasts/{id}');
  const { draft, change, dirty } = useBroadcastDraft(draftOf(broadcast), editable);
  const update = useUpdateBroadcast(ws, broadcast.id);
  // The same query the composer asks: what the saved draft's template says now.
  const saved = useBroadcastTemplate(ws, editable ? broadcast.templateId : null, broadcast.templateVersion);
  const behind = !dirty && copyIsBehind(broadcast, saved.content);
  const senders = useMarketingIntegration(ws, can('GET /v1/workspaces/{ws}/integrations')).data?.senders ?? [];
  const listName = useListChoices(ws).data?.data.find((list) => list.id === broadcast.listId)?.name;

  const save = () =>
    update.mutate(broadcastChanges(draft, senders), {
      onSuccess: () => notifySuccess('Draft saved.'),
    });

  return (
    <>
      <PageHeader
        title={broadcast.name}
        description={
          <Group gap="xs" component="span">
            <BroadcastStatusBadge status={broadcast.status} />
            <Text span inherit>
              To {listName ?? 'its list'}
              {broadcast.from &&
                `, from ${broadcast.from.name ? `${broadcast.from.name} <${broadcast.from.email}>` : broadcast.from.email}`}
            </Text>
          </Group>
        }
        actions={<BroadcastActions ws={ws} broadcast={broadcast} unsaved={dirty} listName={listName} />}
      />
      <Stack gap="lg">
        {broadcast.status === 'failed' && (
          <Alert color="red" title="The broadcast failed">
            {broadcast.failureReason}
          </Alert>
        )}
        {broadcast.status !== 'draft' && <BroadcastProgress broadcast={broadcast} />}
        {broadcast.status !== 'draft' && (
          <Title order={2} size="h4">
            What it says
          </Title>
        )}
        <BroadcastComposer
          ws={ws}
          draft={draft}
          onChange={change}
          readOnly={!editable}
          fixed={broadcast.status !== 'draft'}
          saveError={update.error}
        >
          {(contactId) => (
            <>
              {editable && (
                <Stack gap="xs" align="flex-end">
                  <Button onClick={save} loading={update.isPending} disabled={!(dirty || behind) || !isComplete(draft)}>
                    Save draft
                  </Button>
                  {behind && (
                    <Text size="xs" c="dimmed" ta="right">
                      Its template has changed since this draft was saved. A test renders the draft as saved: save it again to test what the
                      template says now. Sending takes the template as it is then in any case.
                    </Text>
                  )}
                </Stack>
              )}
              {can('POST /v1/workspaces/{ws}/broadcasts/{id}/test') && (
                <Card withBorder>
                  <TestSendForm ws={ws} broadcastId={broadcast.id} contactId={contactId} unsaved={dirty || behind} />
                </Card>
              )}
            </>
          )}
        </BroadcastComposer>
      </Stack>
    </>
  );
}
