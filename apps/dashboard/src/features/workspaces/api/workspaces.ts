import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { ME_QUERY_KEY, WORKSPACES_QUERY_KEY } from '@/lib/query-client';

/** Every workspace of the deployment: for operators only (members see theirs in `me`). */
export function useAllWorkspaces(enabled: boolean) {
  return useQuery({ queryKey: WORKSPACES_QUERY_KEY, queryFn: () => unwrap(api.GET('/v1/workspaces')), enabled });
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST('/v1/workspaces', { body: { name } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: WORKSPACES_QUERY_KEY }),
        queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
      ]),
  });
}
