import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type RecipientErasure = components['schemas']['RecipientErasureResponse'];

const erasureKey = (ws: string, id: string | undefined) => ['recipient-erasure', ws, id] as const;

// The worker erases in batches, usually within seconds: looking once a second shows it finish.
const POLL_MS = 1000;

/** Asks for an address to be erased from the workspace; the answer is the erasure, pending. */
export function useEraseRecipient(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => unwrap(api.DELETE('/v1/workspaces/{ws}/recipients/{email}', { params: { path: { ws, email } } })),
    onSuccess: (erasure) => queryClient.setQueryData(erasureKey(ws, erasure.id), erasure),
  });
}

/** An erasure as the worker gets on with it, asked for again every second until it is completed. */
export function useRecipientErasure(ws: string, id: string | undefined) {
  return useQuery({
    queryKey: erasureKey(ws, id),
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/recipient-erasures/{id}', { params: { path: { ws, id: id! } } })),
    enabled: id !== undefined,
    refetchInterval: (query) => (query.state.data?.status === 'completed' ? false : POLL_MS),
  });
}
