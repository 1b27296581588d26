import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { listsKey } from './lists';

export type ListMember = components['schemas']['ListMemberResponse'];
export type MembershipStatus = ListMember['status'];

const membersKey = (ws: string, listId: string) => [...listsKey(ws), 'one', listId, 'members'] as const;

export function useListMembers(ws: string, listId: string, query: { status?: MembershipStatus; cursor?: string }) {
  return useQuery({
    queryKey: [...membersKey(ws, listId), query],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/lists/{id}/contacts', { params: { path: { ws, id: listId }, query } })),
    placeholderData: keepPreviousData,
  });
}

/** The list's counts change with its members, so the list is refetched too. */
function useRefreshList(ws: string, listId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [...listsKey(ws), 'one', listId] });
}

export function useAddMembersByEmail(ws: string, listId: string) {
  const refresh = useRefreshList(ws, listId);
  return useMutation({
    mutationFn: (emails: string[]) =>
      unwrap(api.POST('/v1/workspaces/{ws}/lists/{id}/contacts', { params: { path: { ws, id: listId } }, body: { emails } })),
    onSuccess: refresh,
  });
}

export function useSetMembershipStatus(ws: string, listId: string) {
  const refresh = useRefreshList(ws, listId);
  return useMutation({
    mutationFn: ({ contactId, status }: { contactId: string; status: MembershipStatus }) =>
      unwrap(
        api.PATCH('/v1/workspaces/{ws}/lists/{id}/contacts/{contactId}', {
          params: { path: { ws, id: listId, contactId } },
          body: { status },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useRemoveMember(ws: string, listId: string) {
  const refresh = useRefreshList(ws, listId);
  return useMutation({
    mutationFn: (contactId: string) =>
      unwrap(api.DELETE('/v1/workspaces/{ws}/lists/{id}/contacts/{contactId}', { params: { path: { ws, id: listId, contactId } } })),
    onSuccess: refresh,
  });
}
