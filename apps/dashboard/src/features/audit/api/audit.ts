import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type AuditEvent = components['schemas']['AuditEventResponse'];

/** One page of the workspace's audit log, newest first; `cursor` is the previous page's `nextCursor`. */
export function useAuditLog(ws: string, cursor: string | undefined) {
  return useQuery({
    queryKey: ['audit', ws, cursor ?? null],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/audit', { params: { path: { ws }, query: { cursor } } })),
  });
}
