import { Card, Group, NativeSelect, Title } from '@mantine/core';
import { CursorPager } from '@/components/cursor-pager';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors } from '@/components/form-fields';
import { QueryState } from '@/components/query-state';
import { useCan } from '@/lib/auth';
import { useUrlState } from '@/lib/url-state';
import { DELIVERY_LOG_KEYS, DELIVERY_STATUSES, useDeliveries } from '../api/webhooks';
import { DeliveriesTable } from './deliveries-table';
import { ReplayFailedForm } from './replay-failed-form';

/** The endpoint's deliveries, newest first, filtered and paged by the URL. */
export function DeliveryLog({ ws, webhookId }: { ws: string; webhookId: string }) {
  const can = useCan();
  const [filters, setFilters] = useUrlState(DELIVERY_LOG_KEYS);
  const deliveries = useDeliveries(ws, webhookId, filters);
  const failed = deliveries.isError;

  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Delivery log
      </Title>
      <Group align="flex-start" justify="space-between">
        <NativeSelect
          label="Status"
          value={filters.status ?? ''}
          error={failed ? fieldError(deliveries.error, 'status') : undefined}
          data={[{ value: '', label: 'Any status' }, ...DELIVERY_STATUSES]}
          onChange={(event) => setFilters({ status: event.currentTarget.value || undefined, cursor: undefined })}
          mb="md"
        />
        {can('POST /v1/workspaces/{ws}/webhooks/{id}/replay') && <ReplayFailedForm ws={ws} webhookId={webhookId} />}
      </Group>
      {failed ? (
        <ErrorAlert error={deliveries.error} messages={formLevelErrors(deliveries.error, ['status'])} title="Could not load the log" />
      ) : (
        <QueryState
          query={deliveries}
          isEmpty={(page) => page.data.length === 0}
          empty={
            filters.status ? `No ${filters.status} delivery.` : 'Nothing delivered yet: send a test event, or wait for the first event.'
          }
        >
          {(page) => (
            <>
              <DeliveriesTable ws={ws} webhookId={webhookId} deliveries={page.data} />
              <CursorPager
                cursor={filters.cursor}
                nextCursor={page.nextCursor}
                shown={page.data.length}
                onCursor={(cursor) => setFilters({ cursor })}
              />
            </>
          )}
        </QueryState>
      )}
    </Card>
  );
}
