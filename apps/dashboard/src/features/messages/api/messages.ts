import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components, operations } from '@/lib/api/schema';

export type MessageSummary = components['schemas']['MessageSummaryResponse'];
export type Message = components['schemas']['MessageResponse'];
export type MessageEvent = Message['events'][number];
export type MessageStatus = MessageSummary['status'];
export type MessageType = MessageSummary['type'];
type ListQuery = NonNullable<operations['MessagesController_list']['parameters']['query']>;

export const MESSAGE_STATUSES: readonly MessageStatus[] = ['queued', 'sending', 'sent', 'failed', 'suppressed', 'bounced'];
export const MESSAGE_TYPES: readonly MessageType[] = ['transactional', 'marketing'];

/** The list's filters as the page's URL holds them (and as the API names them), the cursor included. */
export const MESSAGE_FILTER_KEYS = ['status', 'type', 'complained', 'to', 'tag', 'since', 'until', 'cursor'] as const;
export type MessageFilters = Partial<Record<(typeof MESSAGE_FILTER_KEYS)[number], string>>;

/** A status a delivery can still leave: pages showing one keep asking until it settles. */
export const isUnfinished = (status: MessageStatus) => status === 'queued' || status === 'sending';

/**
 * One page of the workspace's messages. The URL's values go to the API as they are: one it does
 * not know (a hand-edited link) is refused with a message naming the field, which the page shows.
 */
export function useMessages(ws: string, filters: MessageFilters) {
  const query = filters as ListQuery;
  return useQuery({
    queryKey: ['messages', ws, 'list', filters],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/messages', { params: { path: { ws }, query } })),
    // The previous page stays on screen while the next one loads, instead of a spinner.
    placeholderData: keepPreviousData,
    refetchInterval: (current) => (current.state.data?.data.some((message) => isUnfinished(message.status)) ? 3_000 : 30_000),
  });
}

export function useMessage(ws: string, id: string) {
  return useQuery({
    queryKey: ['messages', ws, 'one', id],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/messages/{id}', { params: { path: { ws, id } } })),
    // Opens and clicks arrive whenever the recipient reads; a delivery under way settles within seconds.
    refetchInterval: (current) => (current.state.data && isUnfinished(current.state.data.status) ? 2_000 : 15_000),
  });
}
