import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { useWebhooks } from '../api/webhooks';
import { NewWebhookForm } from '../components/new-webhook-form';
import { WebhooksTable } from '../components/webhooks-table';

/** `/w/{ws}/webhooks`: the URLs Mailroom tells about what happens (sent, failed, opened…), signed per Standard Webhooks. */
export function WebhooksPage() {
  const ws = useWorkspaceId();
  const can = useCan();
  const webhooks = useWebhooks(ws);
  const [creating, { open, close }] = useDisclosure(false);
  const mayCreate = can('POST /v1/workspaces/{ws}/webhooks');

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Mailroom POSTs each event (a message sent, failed or opened, a broadcast finished…) to these endpoints, signed with the endpoint's secret, and retries for days until one answers 2xx."
        actions={mayCreate && !creating && <Button onClick={open}>New endpoint</Button>}
      />
      {mayCreate && creating && <NewWebhookForm ws={ws} onClose={close} />}
      <QueryState
        query={webhooks}
        isEmpty={(page) => page.data.length === 0}
        empty="No endpoint yet: add one to hear about deliveries, bounces, opens and clicks as they happen."
      >
        {(page) => <WebhooksTable ws={ws} webhooks={page.data} />}
      </QueryState>
    </>
  );
}
