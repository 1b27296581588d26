import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type List = components['schemas']['ListResponse'];
export type NewList = components['schemas']['CreateListDto'];
export type ListChanges = components['schemas']['UpdateListDto'];

/** Every query of a workspace's lists and their members starts with this, so a change refreshes what it touches. */
export const listsKey = (ws: string) => ['lists', ws] as const;

export function useLists(ws: string, cursor?: string) {
  return useQuery({
    queryKey: [...listsKey(ws), 'page', cursor],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/lists', { params: { path: { ws }, query: { cursor } } })),
    placeholderData: keepPreviousData,
  });
}

export function useList(ws: string, id: string) {
  return useQuery({
    queryKey: [...listsKey(ws), 'one', id],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/lists/{id}', { params: { path: { ws, id } } })),
  });
}

export function useCreateList(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewList) => unwrap(api.POST('/v1/workspaces/{ws}/lists', { params: { path: { ws } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listsKey(ws) }),
  });
}

export function useUpdateList(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ListChanges) => unwrap(api.PATCH('/v1/workspaces/{ws}/lists/{id}', { params: { path: { ws, id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listsKey(ws) }),
  });
}

export function useDeleteList(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/workspaces/{ws}/lists/{id}', { params: { path: { ws, id } } })),
    onSuccess: () => queryClient.removeQueries({ queryKey: [...listsKey(ws), 'one', id] }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: listsKey(ws) }),
  });
}
