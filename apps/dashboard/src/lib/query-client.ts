import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error';

/** The query of the signed-in person: when any call answers 401, it is refetched and the session guard sends the person to sign in. */
export const ME_QUERY_KEY = ['auth', 'me'] as const;

/** Every workspace of the deployment (operators): refreshed by whatever creates or renames one. */
export const WORKSPACES_QUERY_KEY = ['workspaces'] as const;

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (error instanceof ApiError && error.status === 401 && query.queryKey !== ME_QUERY_KEY) {
        void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      }
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A refusal will be the same next time; only a lost connection or a 5xx is worth retrying.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status < 500),
    },
  },
});
