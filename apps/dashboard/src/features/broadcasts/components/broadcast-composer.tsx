import { Grid, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useCan } from '@/lib/auth';
import { useListChoices, useMarketingIntegration } from '../api/broadcast-choices';
import { useBroadcastPreview } from '../api/broadcast-preview';
import { previewSourceOf, type BroadcastDraft } from './broadcast-draft';
import { BroadcastEditor } from './broadcast-editor';
import { BroadcastPreviewPanel } from './broadcast-preview-panel';
import { usePreviewContact } from './use-preview-contact';

/**
 * The editor beside its live preview: every change is rendered by the server for the chosen
 * contact once typing pauses, and the Liquid problems it finds show in the fields.
 * `children` gets the chosen contact (tests are rendered for the same one).
 */
export function BroadcastComposer({
  ws,
  draft,
  onChange,
  readOnly,
  saveError,
  children,
}: {
  ws: string;
  draft: BroadcastDraft;
  onChange: (changes: Partial<BroadcastDraft>) => void;
  readOnly: boolean;
  saveError: unknown;
  children?: (contactId: string | undefined) => ReactNode;
}) {
  const can = useCan();
  const lists = useListChoices(ws);
  const integration = useMarketingIntegration(ws, can('GET /v1/workspaces/{ws}/integrations'));
  const contact = usePreviewContact(ws, draft.listId);
  const preview = useBroadcastPreview(ws, previewSourceOf(draft), contact.chosenId, !contact.loading);

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack>
          <BroadcastEditor
            ws={ws}
            draft={draft}
            onChange={onChange}
            readOnly={readOnly}
            lists={lists.data?.data ?? []}
            integration={integration.data}
            problems={preview.data?.errors ?? []}
            saveError={saveError}
          />
          {children?.(contact.chosenId)}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <BroadcastPreviewPanel preview={preview} contact={contact} />
      </Grid.Col>
    </Grid>
  );
}
