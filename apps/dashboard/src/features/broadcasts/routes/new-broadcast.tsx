import { Anchor, Button, Group } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { useUrlState } from '@/lib/url-state';
import { useMarketingIntegration } from '../api/broadcast-choices';
import { useCreateBroadcast } from '../api/broadcasts';
import { BroadcastComposer } from '../components/broadcast-composer';
import { isComplete, newBroadcastBody, starterDraft, useBroadcastDraft } from '../components/broadcast-draft';

/**
 * `/w/{ws}/broadcasts/new`: a broadcast is written (or a stored template chosen) and previewed
 * here, then saved as a draft to test, send or schedule. `?templateId=` starts from that template.
 */
export function NewBroadcastPage() {
  const ws = useWorkspaceId();
  const can = useCan();
  const navigate = useNavigate();
  const [{ templateId }] = useUrlState(['templateId'] as const);
  const { draft, change } = useBroadcastDraft(starterDraft(templateId));
  const create = useCreateBroadcast(ws);
  const senders = useMarketingIntegration(ws, can('GET /v1/workspaces/{ws}/integrations')).data?.senders ?? [];

  const save = () =>
    create.mutate(newBroadcastBody(draft, senders), {
      onSuccess: (broadcast) => void navigate(`/w/${ws}/broadcasts/${broadcast.id}`, { replace: true }),
    });

  return (
    <>
      <Anchor component={Link} to={`/w/${ws}/broadcasts`} size="sm">
        ← Broadcasts
      </Anchor>
      <PageHeader
        title="New broadcast"
        description="Write it or choose a stored template, check the preview for a few members, then save the draft."
      />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <BroadcastComposer ws={ws} draft={draft} onChange={change} readOnly={false} saveError={create.error}>
          {() => (
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending} disabled={!isComplete(draft)}>
                Save draft
              </Button>
            </Group>
          )}
        </BroadcastComposer>
      </form>
    </>
  );
}
