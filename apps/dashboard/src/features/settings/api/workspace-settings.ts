import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { ME_QUERY_KEY, WORKSPACES_QUERY_KEY } from '@/lib/query-client';
import type { components } from '@/lib/api/schema';

export type Workspace = components['schemas']['WorkspaceResponse'];
export type WorkspaceChanges = components['schemas']['UpdateWorkspaceDto'];

const workspaceKey = (ws: string) => ['workspace', ws] as const;

export function useWorkspace(ws: string) {
  return useQuery({
    queryKey: workspaceKey(ws),
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}', { params: { path: { ws } } })),
  });
}

/** A new name also shows in the workspace switcher: it comes from `me` (members) and the list of all workspaces (operators). */
export function useUpdateWorkspace(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkspaceChanges) => unwrap(api.PATCH('/v1/workspaces/{ws}', { params: { path: { ws } }, body })),
    onSuccess: (workspace) => {
      queryClient.setQueryData(workspaceKey(ws), workspace);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
        queryClient.invalidateQueries({ queryKey: WORKSPACES_QUERY_KEY }),
      ]);
    },
  });
}
