import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { ME_QUERY_KEY } from '@/lib/query-client';
import type { components } from '@/lib/api/schema';

export type Member = components['schemas']['MemberResponse'];
export type MemberRole = Member['role'];
export type Invitation = components['schemas']['InvitationResponse'];
export type IssuedInvitation = components['schemas']['IssuedInvitationResponse'];

const membersKey = (ws: string) => ['members', ws] as const;
const invitationsKey = (ws: string) => ['invitations', ws] as const;

export function useMembers(ws: string) {
  return useQuery({
    queryKey: membersKey(ws),
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/members', { params: { path: { ws } } })),
  });
}

/** Pending invitations: neither accepted, revoked nor expired. */
export function useInvitations(ws: string) {
  return useQuery({
    queryKey: invitationsKey(ws),
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/invitations', { params: { path: { ws } } })),
  });
}

/** The answer carries the invitation link, once. */
export function useInvite(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['InviteMemberDto']) =>
      unwrap(api.POST('/v1/workspaces/{ws}/members', { params: { path: { ws } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey(ws) }),
  });
}

/**
 * A role change or a removal may be the person's own, which changes what they may do here: their
 * own permissions (in `me`) are read again with the list.
 */
function useMemberChange<T>(ws: string, change: (variables: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: membersKey(ws) }), queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY })]),
  });
}

export function useChangeRole(ws: string) {
  return useMemberChange(ws, ({ userId, role }: { userId: string; role: MemberRole }) =>
    unwrap(api.PATCH('/v1/workspaces/{ws}/members/{userId}', { params: { path: { ws, userId } }, body: { role } })),
  );
}

export function useRemoveMember(ws: string) {
  return useMemberChange(ws, (userId: string) =>
    unwrap(api.DELETE('/v1/workspaces/{ws}/members/{userId}', { params: { path: { ws, userId } } })),
  );
}

/** The answer carries a single-use reset link, once. */
export function useIssuePasswordReset(ws: string) {
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(api.POST('/v1/workspaces/{ws}/members/{userId}/password-reset', { params: { path: { ws, userId } } })),
  });
}

/** A new link for an invitation, once; the old link stops working. */
export function useResendInvitation(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/workspaces/{ws}/invitations/{id}/resend', { params: { path: { ws, id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey(ws) }),
  });
}

export function useRevokeInvitation(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/v1/workspaces/{ws}/invitations/{id}', { params: { path: { ws, id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey(ws) }),
  });
}
