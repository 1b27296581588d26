import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type Stats = components['schemas']['StatsResponse'];
export type StatsPeriod = Stats['period'];
export type MessageCounts = components['schemas']['MessageCountsResponse'];
export type Integration = components['schemas']['IntegrationResponse'];

export const STATS_PERIODS: readonly StatsPeriod[] = ['24h', '7d', '30d'];

/** What the workspace sent over `period`, and what waits now: refreshed every half minute while the page is open. */
export function useStats(ws: string, period: StatsPeriod) {
  return useQuery({
    queryKey: ['stats', ws, period],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/stats', { params: { path: { ws }, query: { period } } })),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useIntegrations(ws: string) {
  return useQuery({
    queryKey: ['integrations', ws, 'list'],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/integrations', { params: { path: { ws } } })),
  });
}
