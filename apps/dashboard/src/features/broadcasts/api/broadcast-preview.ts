import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { broadcastsKey } from './broadcasts';

export type BroadcastPreview = components['schemas']['BroadcastPreviewResponse'];

export interface PreviewSource {
  subject: string;
  html: string | null;
  text: string | null;
}

// Long enough that a word is typed before the server renders, short enough to feel live.
const TYPING_PAUSE_MS = 350;

/**
 * The content as typed (or as its template says), rendered by the server for the contact once
 * typing pauses; the last rendering stays while the next one comes. Nothing is asked while there
 * is no content yet (a template not chosen or still loading) or `enabled` waits for the contact to be known.
 */
export function useBroadcastPreview(ws: string, source: PreviewSource | undefined, contactId: string | undefined, enabled: boolean) {
  // Debounced as text: a new object each render would restart the wait. A contact chosen renders at once.
  const [settled] = useDebouncedValue(JSON.stringify(source ?? null), TYPING_PAUSE_MS);
  const content = JSON.parse(settled) as PreviewSource | null;
  return useQuery({
    queryKey: [...broadcastsKey(ws), 'preview', settled, contactId],
    queryFn: () =>
      unwrap(
        api.POST('/v1/workspaces/{ws}/broadcasts/preview', {
          params: { path: { ws } },
          body: { ...content!, contactId },
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    enabled: enabled && content !== null,
  });
}
