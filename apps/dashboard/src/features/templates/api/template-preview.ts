import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { templatesKey } from './templates';

export type TemplatePreviewRequest = components['schemas']['PreviewTemplateContentDto'];

// Long enough that a word is typed before the server renders, short enough to feel live.
const TYPING_PAUSE_MS = 350;

/**
 * The content and sample data as typed, rendered by the server once typing pauses, with every
 * Liquid problem at its field and line; the last rendering stays while the next one comes.
 */
export function useTemplatePreview(ws: string, request: TemplatePreviewRequest) {
  // Debounced as text: a new object each render would restart the wait.
  const [settled] = useDebouncedValue(JSON.stringify(request), TYPING_PAUSE_MS);
  return useQuery({
    queryKey: [...templatesKey(ws), 'preview', settled],
    queryFn: () =>
      unwrap(
        api.POST('/v1/workspaces/{ws}/templates/preview', {
          params: { path: { ws } },
          body: JSON.parse(settled) as TemplatePreviewRequest,
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
