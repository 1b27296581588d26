import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type Integration = components['schemas']['IntegrationResponse'];
type CreateBody = components['schemas']['CreateIntegrationDto'];
type UpdateBody = components['schemas']['UpdateIntegrationDto'];

export const integrationsKey = (ws: string) => ['workspaces', ws, 'integrations'] as const;
export const integrationKey = (ws: string, id: string) => [...integrationsKey(ws), id] as const;

export function useIntegrations(ws: string) {
  return useQuery({
    queryKey: integrationsKey(ws),
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/integrations', { params: { path: { ws } } })),
  });
}

export function useIntegration(ws: string, id: string) {
  return useQuery({
    queryKey: integrationKey(ws, id),
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/integrations/{id}', { params: { path: { ws, id } } })),
    // Bounce processing just switched on is pending until the watcher has looked at the mailbox, which it does soon after.
    refetchInterval: (query) => (query.state.data?.bounces.status.state === 'pending' ? 15_000 : false),
  });
}

export function useCreateIntegration(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBody) => unwrap(api.POST('/v1/workspaces/{ws}/integrations', { params: { path: { ws } }, body })),
    onSuccess: (created) => {
      queryClient.setQueryData(integrationKey(ws, created.id), created);
      return queryClient.invalidateQueries({ queryKey: integrationsKey(ws), exact: true });
    },
  });
}

export function useUpdateIntegration(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateBody) => unwrap(api.PATCH('/v1/workspaces/{ws}/integrations/{id}', { params: { path: { ws, id } }, body })),
    onSuccess: (updated) => {
      queryClient.setQueryData(integrationKey(ws, id), updated);
      return queryClient.invalidateQueries({ queryKey: integrationsKey(ws), exact: true });
    },
  });
}

export function useDeleteIntegration(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/workspaces/{ws}/integrations/{id}', { params: { path: { ws, id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: integrationKey(ws, id) });
      return queryClient.invalidateQueries({ queryKey: integrationsKey(ws), exact: true });
    },
  });
}
