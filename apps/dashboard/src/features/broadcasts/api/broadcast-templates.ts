import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { broadcastsKey } from './broadcasts';

export type StoredTemplate = components['schemas']['TemplateResponse'];

/** What a template (or one of its versions) says: the content a broadcast using it renders. */
export interface TemplateContent {
  subject: string;
  html: string | null;
  text: string | null;
}

const templatesKey = (ws: string) => [...broadcastsKey(ws), 'templates'] as const;

/** The stored templates a broadcast can use: the first hundred, in key order. */
export function useTemplateChoices(ws: string, enabled: boolean) {
  return useQuery({
    queryKey: [...templatesKey(ws), 'choices'],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/templates', { params: { path: { ws }, query: { limit: 100 } } })),
    enabled,
  });
}

/** The versions of a template a broadcast can be held to: the latest hundred, newest first. */
export function useTemplateVersionChoices(ws: string, templateId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [...templatesKey(ws), 'one', templateId, 'versions'],
    queryFn: () =>
      unwrap(api.GET('/v1/workspaces/{ws}/templates/{id}/versions', { params: { path: { ws, id: templateId! }, query: { limit: 100 } } })),
    enabled: enabled && templateId !== null,
  });
}

/**
 * The template a broadcast uses (`id` null: none) and the content it renders for each member: the
 * version it is held to, else the latest, which is what a send takes at that moment.
 */
export function useBroadcastTemplate(ws: string, id: string | null, version: number | null) {
  const template = useQuery({
    queryKey: [...templatesKey(ws), 'one', id],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/templates/{id}', { params: { path: { ws, id: id! } } })),
    enabled: id !== null,
  });
  const held = useQuery({
    queryKey: [...templatesKey(ws), 'one', id, 'version', version],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/templates/{id}/versions/{n}', { params: { path: { ws, id: id!, n: version! } } })),
    enabled: id !== null && version !== null,
  });
  const content: TemplateContent | undefined = version === null ? template.data : held.data;
  return { template: template.data, content, error: template.error ?? held.error };
}

export type BroadcastTemplate = ReturnType<typeof useBroadcastTemplate>;
