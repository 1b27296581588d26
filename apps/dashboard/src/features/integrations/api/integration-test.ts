import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { integrationKey, integrationsKey } from './integrations';

export type TestResult = components['schemas']['IntegrationTestResponse'];

/** A real SMTP session, step by step; the API records the outcome as the integration's status, so both are read again. */
export function useTestIntegration(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (to: string | undefined) =>
      unwrap(api.POST('/v1/workspaces/{ws}/integrations/{id}/test', { params: { path: { ws, id } }, body: { to } })),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: integrationKey(ws, id) }),
        queryClient.invalidateQueries({ queryKey: integrationsKey(ws), exact: true }),
      ]),
  });
}
