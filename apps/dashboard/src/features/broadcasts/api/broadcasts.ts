import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type Broadcast = components['schemas']['BroadcastResponse'];
export type BroadcastStatus = Broadcast['status'];
export type NewBroadcast = components['schemas']['CreateBroadcastDto'];
export type BroadcastChanges = components['schemas']['UpdateBroadcastDto'];

export const broadcastsKey = (ws: string) => ['broadcasts', ws] as const;
const broadcastKey = (ws: string, id: string) => [...broadcastsKey(ws), 'one', id] as const;

/**
 * While it sends, the counts move every second or so; a scheduled one is looked at now and then, to
 * see it start; a sent one now and then too, since bounces and complaints come back for days.
 */
const POLL_MS: Partial<Record<BroadcastStatus, number>> = { sending: 1500, scheduled: 5000, sent: 30_000 };

export function useBroadcasts(ws: string) {
  return useQuery({
    queryKey: [...broadcastsKey(ws), 'all'],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/broadcasts', { params: { path: { ws } } })),
  });
}

/** The broadcast and its live counts, polled as often as its status calls for (POLL_MS). */
export function useBroadcast(ws: string, id: string) {
  return useQuery({
    queryKey: broadcastKey(ws, id),
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/broadcasts/{id}', { params: { path: { ws, id } } })),
    refetchInterval: (query) => (query.state.data ? (POLL_MS[query.state.data.status] ?? false) : false),
  });
}

export function useCreateBroadcast(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewBroadcast) => unwrap(api.POST('/v1/workspaces/{ws}/broadcasts', { params: { path: { ws } }, body })),
    onSuccess: (broadcast) => {
      queryClient.setQueryData(broadcastKey(ws, broadcast.id), broadcast);
      return queryClient.invalidateQueries({ queryKey: [...broadcastsKey(ws), 'all'] });
    },
  });
}

/** Every answer about one broadcast is the broadcast as it is now: it replaces what the page shows. */
function useBroadcastChange<V>(ws: string, id: string, call: (variables: V) => Promise<Broadcast>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (broadcast) => {
      queryClient.setQueryData(broadcastKey(ws, id), broadcast);
      return queryClient.invalidateQueries({ queryKey: [...broadcastsKey(ws), 'all'] });
    },
  });
}

export function useUpdateBroadcast(ws: string, id: string) {
  return useBroadcastChange(ws, id, (body: BroadcastChanges) =>
    unwrap(api.PATCH('/v1/workspaces/{ws}/broadcasts/{id}', { params: { path: { ws, id } }, body })),
  );
}

export function useSendBroadcast(ws: string, id: string) {
  return useBroadcastChange(ws, id, (scheduledAt?: string) =>
    unwrap(api.POST('/v1/workspaces/{ws}/broadcasts/{id}/send', { params: { path: { ws, id } }, body: { scheduledAt } })),
  );
}

export function usePauseBroadcast(ws: string, id: string) {
  return useBroadcastChange(ws, id, () => unwrap(api.POST('/v1/workspaces/{ws}/broadcasts/{id}/pause', { params: { path: { ws, id } } })));
}

export function useResumeBroadcast(ws: string, id: string) {
  return useBroadcastChange(ws, id, () => unwrap(api.POST('/v1/workspaces/{ws}/broadcasts/{id}/resume', { params: { path: { ws, id } } })));
}

export function useCancelBroadcast(ws: string, id: string) {
  return useBroadcastChange(ws, id, () => unwrap(api.POST('/v1/workspaces/{ws}/broadcasts/{id}/cancel', { params: { path: { ws, id } } })));
}

export function useSendTest(ws: string, id: string) {
  return useMutation({
    mutationFn: (body: components['schemas']['TestBroadcastDto']) =>
      unwrap(api.POST('/v1/workspaces/{ws}/broadcasts/{id}/test', { params: { path: { ws, id } }, body })),
  });
}
