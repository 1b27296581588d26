import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type Suppression = components['schemas']['SuppressionResponse'];
export type SuppressionReason = Suppression['reason'];

const suppressionsKey = (ws: string) => ['suppressions', ws] as const;

/** One page of the workspace's suppressions, newest first; `cursor` is the previous page's `nextCursor`. */
export function useSuppressions(ws: string, cursor: string | undefined) {
  return useQuery({
    queryKey: [...suppressionsKey(ws), cursor ?? null],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/suppressions', { params: { path: { ws }, query: { cursor } } })),
  });
}

/** The workspace's lists by id, to name a suppression's list and to choose one when adding (the first 100 lists). */
export function useListNames(ws: string) {
  return useQuery({
    queryKey: ['lists', ws, 'names'],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/lists', { params: { path: { ws }, query: { limit: 100 } } })),
    select: (page) => new Map(page.data.map((list) => [list.id, list.name])),
  });
}

export function useAddSuppression(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreateSuppressionDto']) =>
      unwrap(api.POST('/v1/workspaces/{ws}/suppressions', { params: { path: { ws } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: suppressionsKey(ws) }),
  });
}

export function useRemoveSuppression(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ email, listId }: Pick<Suppression, 'email' | 'listId'>) =>
      unwrap(
        api.DELETE('/v1/workspaces/{ws}/suppressions/{email}', {
          params: { path: { ws, email }, query: listId ? { listId } : {} },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: suppressionsKey(ws) }),
  });
}
