import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type Template = components['schemas']['TemplateResponse'];
export type TemplateVersion = components['schemas']['TemplateVersionResponse'];
export type NewTemplate = components['schemas']['CreateTemplateDto'];
export type TemplateChanges = components['schemas']['UpdateTemplateDto'];
export type TemplateTest = components['schemas']['TestTemplateDto'];

export const templatesKey = (ws: string) => ['templates', ws] as const;
const templateKey = (ws: string, id: string) => [...templatesKey(ws), 'one', id] as const;
const versionsKey = (ws: string, id: string) => [...templateKey(ws, id), 'versions'] as const;

/** One page of the workspace's templates, in key order. */
export function useTemplates(ws: string, cursor: string | undefined) {
  return useQuery({
    queryKey: [...templatesKey(ws), 'page', cursor],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/templates', { params: { path: { ws }, query: { cursor } } })),
    // The table keeps its rows while the next page loads, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

export function useTemplate(ws: string, id: string) {
  return useQuery({
    queryKey: templateKey(ws, id),
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/templates/{id}', { params: { path: { ws, id } } })),
  });
}

/** Newest first, a page at a time ("Show older versions"). */
export function useTemplateVersions(ws: string, id: string) {
  return useInfiniteQuery({
    queryKey: versionsKey(ws, id),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/v1/workspaces/{ws}/templates/{id}/versions', { params: { path: { ws, id }, query: { cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useCreateTemplate(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewTemplate) => unwrap(api.POST('/v1/workspaces/{ws}/templates', { params: { path: { ws } }, body })),
    onSuccess: (template) => {
      queryClient.setQueryData(templateKey(ws, template.id), template);
      return queryClient.invalidateQueries({ queryKey: [...templatesKey(ws), 'page'] });
    },
  });
}

/** A change or a restore answers the template as it is now, with its new latest version: it replaces what the page shows. */
function useTemplateChange<V>(ws: string, id: string, call: (variables: V) => Promise<Template>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (template) => {
      queryClient.setQueryData(templateKey(ws, id), template);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: versionsKey(ws, id) }),
        queryClient.invalidateQueries({ queryKey: [...templatesKey(ws), 'page'] }),
      ]);
    },
  });
}

export function useUpdateTemplate(ws: string, id: string) {
  return useTemplateChange(ws, id, (body: TemplateChanges) =>
    unwrap(api.PATCH('/v1/workspaces/{ws}/templates/{id}', { params: { path: { ws, id } }, body })),
  );
}

export function useRestoreVersion(ws: string, id: string) {
  return useTemplateChange(ws, id, (n: number) =>
    unwrap(api.POST('/v1/workspaces/{ws}/templates/{id}/versions/{n}/restore', { params: { path: { ws, id, n } } })),
  );
}

export function useDeleteTemplate(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/workspaces/{ws}/templates/{id}', { params: { path: { ws, id } } })),
    onSuccess: () => queryClient.removeQueries({ queryKey: templateKey(ws, id) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...templatesKey(ws), 'page'] }),
  });
}

export function useSendTemplateTest(ws: string, id: string) {
  return useMutation({
    mutationFn: (body: TemplateTest) => unwrap(api.POST('/v1/workspaces/{ws}/templates/{id}/test', { params: { path: { ws, id } }, body })),
  });
}
