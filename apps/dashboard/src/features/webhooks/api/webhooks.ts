import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components, operations } from '@/lib/api/schema';

export type Webhook = components['schemas']['WebhookResponse'];
export type WebhookDelivery = components['schemas']['WebhookDeliveryResponse'];
export type WebhookAttempt = components['schemas']['WebhookAttemptResponse'];
export type DeliveryStatus = WebhookDelivery['status'];
export type EventChoice = components['schemas']['CreateWebhookDto']['events'][number];
export type SubscribableType = Exclude<EventChoice, '*'>;
type WebhookChanges = components['schemas']['UpdateWebhookDto'];
type LogQuery = NonNullable<operations['WebhookDeliveriesController_log']['parameters']['query']>;

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

/** The delivery log's filter and cursor as the page's URL holds them (and as the API names them). */
export const DELIVERY_LOG_KEYS = ['status', 'cursor'] as const;
export type DeliveryLogFilters = Partial<Record<(typeof DELIVERY_LOG_KEYS)[number], string>>;

const webhooksKey = (ws: string) => ['webhooks', ws] as const;
const webhookKey = (ws: string, id: string) => ['webhooks', ws, 'one', id] as const;
const deliveriesKey = (ws: string, id: string) => ['webhooks', ws, 'deliveries', id] as const;

export function useWebhooks(ws: string) {
  return useQuery({
    queryKey: webhooksKey(ws),
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/webhooks', { params: { path: { ws } } })),
  });
}

export function useWebhook(ws: string, id: string) {
  return useQuery({
    queryKey: webhookKey(ws, id),
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/webhooks/{id}', { params: { path: { ws, id } } })),
  });
}

/** The answer carries the signing secret, once. */
export function useCreateWebhook(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreateWebhookDto']) =>
      unwrap(api.POST('/v1/workspaces/{ws}/webhooks', { params: { path: { ws } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey(ws) }),
  });
}

/** Every write on one endpoint changes what the list and the endpoint's page show (its status, its log). */
function useEndpointMutation<A, R>(ws: string, mutationFn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey(ws) }) });
}

export function useUpdateWebhook(ws: string, id: string) {
  return useEndpointMutation(ws, (body: WebhookChanges) =>
    unwrap(api.PATCH('/v1/workspaces/{ws}/webhooks/{id}', { params: { path: { ws, id } }, body })),
  );
}

/** The endpoint's own queries are dropped, not refetched: they would answer 404 while its page is still open. */
export function useDeleteWebhook(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/workspaces/{ws}/webhooks/{id}', { params: { path: { ws, id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: webhookKey(ws, id) });
      queryClient.removeQueries({ queryKey: deliveriesKey(ws, id) });
      return queryClient.invalidateQueries({ queryKey: webhooksKey(ws), exact: true });
    },
  });
}

/** The answer carries the new secret, once; the previous one keeps signing until `previousSecretExpiresAt`. */
export function useRotateSecret(ws: string, id: string) {
  return useEndpointMutation(ws, () =>
    unwrap(api.POST('/v1/workspaces/{ws}/webhooks/{id}/rotate-secret', { params: { path: { ws, id } } })),
  );
}

/** A webhook.test sent now; the answer is its attempt. */
export function useSendTestEvent(ws: string, id: string) {
  return useEndpointMutation(ws, () => unwrap(api.POST('/v1/workspaces/{ws}/webhooks/{id}/test', { params: { path: { ws, id } } })));
}

export function useRetryDelivery(ws: string, id: string) {
  return useEndpointMutation(ws, (deliveryId: string) =>
    unwrap(api.POST('/v1/workspaces/{ws}/webhooks/{id}/deliveries/{deliveryId}/retry', { params: { path: { ws, id, deliveryId } } })),
  );
}

export function useReplayFailed(ws: string, id: string) {
  return useEndpointMutation(ws, (since: string) =>
    unwrap(api.POST('/v1/workspaces/{ws}/webhooks/{id}/replay', { params: { path: { ws, id } }, body: { since } })),
  );
}

/**
 * One page of the endpoint's deliveries, newest first. A filter the API does not know (a
 * hand-edited link) is refused with a message naming it, which the page shows.
 */
export function useDeliveries(ws: string, id: string, filters: DeliveryLogFilters) {
  const query = filters as LogQuery;
  return useQuery({
    queryKey: [...deliveriesKey(ws, id), filters],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/webhooks/{id}/deliveries', { params: { path: { ws, id }, query } })),
    placeholderData: keepPreviousData,
    // Pending deliveries are retried by the worker on its schedule; the log follows them.
    refetchInterval: (current) => (current.state.data?.data.some((delivery) => delivery.status === 'pending') ? 3_000 : 30_000),
  });
}
