import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type ApiKey = components['schemas']['ApiKeyResponse'];
export type ApiKeyScope = ApiKey['scopes'][number];

const apiKeysKey = (ws: string) => ['api-keys', ws] as const;

/** The workspace's keys: names, scopes and prefixes, never the keys themselves. */
export function useApiKeys(ws: string) {
  return useQuery({
    queryKey: apiKeysKey(ws),
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/api-keys', { params: { path: { ws } } })),
  });
}

/** The answer carries the key, once. */
export function useCreateApiKey(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreateApiKeyDto']) =>
      unwrap(api.POST('/v1/workspaces/{ws}/api-keys', { params: { path: { ws } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey(ws) }),
  });
}

export function useRevokeApiKey(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/v1/workspaces/{ws}/api-keys/{id}', { params: { path: { ws, id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey(ws) }),
  });
}
