import { Grid, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useCan } from '@/lib/auth';
import { useListChoices, useMarketingIntegration } from '../api/broadcast-choices';
import { useBroadcastPreview } from '../api/broadcast-preview';
import { useBroadcastTemplate } from '../api/broadcast-templates';
import { previewSourceOf, type BroadcastDraft } from './broadcast-draft';
import { BroadcastEditor } from './broadcast-editor';
import { BroadcastPreviewPanel } from './broadcast-preview-panel';
import { usePreviewContact } from './use-preview-contact';

/**
 * The editor beside its live preview: the content, as typed or as its stored template says, is
 * rendered by the server for the chosen contact once typing pauses, and the Liquid problems it
 * finds show where the content is. `fixed`: the broadcast went out, and shows what it said.
 * `children` gets the chosen contact (tests are rendered for the same one).
 */
export function BroadcastComposer({
  ws,
  draft,
  onChange,
  readOnly,
  fixed = false,
  saveError,
  children,
}: {
  ws: string;
  draft: BroadcastDraft;
  onChange: (changes: Partial<BroadcastDraft>) => void;
  readOnly: boolean;
  fixed?: boolean;
  saveError: unknown;
  children?: (contactId: string | undefined) => ReactNode;
}) {
  const can = useCan();
  const lists = useListChoices(ws);
  const integration = useMarketingIntegration(ws, can('GET /v1/workspaces/{ws}/integrations'));
  const contact = usePreviewContact(ws, draft.listId);
  const template = useBroadcastTemplate(ws, draft.source === 'template' ? draft.templateId : null, draft.templateVersion);
  // A sent broadcast keeps what went out, whatever its template says now.
  const content = draft.source === 'written' || fixed ? draft : template.content;
  const preview = useBroadcastPreview(ws, content && previewSourceOf(content), contact.chosenId, !contact.loading);
  // While typing, the last problems stay at their fields; another template's would be about other content.
  const problems = draft.source === 'template' && preview.isPlaceholderData ? [] : (preview.data?.errors ?? []);

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack>
          <BroadcastEditor
            ws={ws}
            draft={draft}
            onChange={onChange}
            readOnly={readOnly}
            fixed={fixed}
            lists={lists.data?.data ?? []}
            integration={integration.data}
            template={template}
            content={content}
            problems={problems}
            saveError={saveError}
          />
          {children?.(contact.chosenId)}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <BroadcastPreviewPanel
          preview={preview}
          contact={contact}
          waiting={
            content ? undefined : draft.templateId === null ? 'Choose a template to see it rendered for a member.' : 'Loading the template…'
          }
        />
      </Grid.Col>
    </Grid>
  );
}
