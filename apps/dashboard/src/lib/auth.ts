import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, unwrap } from './api-client';
import { ApiError } from './api-error';
import { ME_QUERY_KEY } from './query-client';
import type { paths } from './api/schema';

export type Me = Awaited<ReturnType<typeof fetchMe>>;

async function fetchMe() {
  return unwrap(api.GET('/v1/auth/me'));
}

/** The signed-in person and their workspaces; `data` is null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: () => fetchMe().catch((error: unknown) => (error instanceof ApiError && error.status === 401 ? null : Promise.reject(error))),
    staleTime: 60_000,
  });
}

/** The workspace of the page (`/w/{ws}/…`). */
export function useWorkspaceId(): string {
  const { ws } = useParams();
  if (!ws) throw new Error('useWorkspaceId is used outside a /w/{ws} page');
  return ws;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type WorkspaceRoute = Extract<keyof paths, `/v1/workspaces/{ws}${string}`>;
/** A workspace route as the API's permission table names it: `POST /v1/workspaces/{ws}/integrations`. */
export type RouteKey = `${Method} ${WorkspaceRoute}`;

/**
 * Whether the signed-in person may call `route` in the page's workspace: operators may call all;
 * members what their role's `permissions` list. The dashboard offers no button that would answer 403.
 */
export function useCan(): (route: RouteKey) => boolean {
  const ws = useWorkspaceId();
  const me = useMe().data;
  return (route) => {
    if (!me) return false;
    if (me.user.isOperator) return true;
    return me.memberships.find((membership) => membership.workspaceId === ws)?.permissions.includes(route) ?? false;
  };
}
