import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { broadcastsKey } from './broadcasts';

/** The lists a broadcast can go to (the first hundred, newest first). */
export function useListChoices(ws: string) {
  return useQuery({
    queryKey: [...broadcastsKey(ws), 'list-choices'],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/lists', { params: { path: { ws }, query: { limit: 100 } } })),
  });
}

/** Subscribed members of the list to preview for (the first hundred). */
export function usePreviewContacts(ws: string, listId: string | null) {
  return useQuery({
    queryKey: [...broadcastsKey(ws), 'preview-contacts', listId],
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{ws}/lists/{id}/contacts', {
          params: { path: { ws, id: listId! }, query: { status: 'subscribed', limit: 100 } },
        }),
      ),
    enabled: listId !== null,
  });
}

/** The integration that sends marketing mail, whose senders a broadcast may use; null when none serves it. */
export function useMarketingIntegration(ws: string, enabled: boolean) {
  return useQuery({
    queryKey: [...broadcastsKey(ws), 'marketing-integration'],
    queryFn: async () => {
      const { data } = await unwrap(api.GET('/v1/workspaces/{ws}/integrations', { params: { path: { ws } } }));
      return data.find((integration) => integration.usage.marketing) ?? null;
    },
    enabled,
  });
}
