import { Grid, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTemplatePreview } from '../api/template-preview';
import { contentOf, type TemplateDraft } from './template-draft';
import { TemplateEditor } from './template-editor';
import { TemplatePreviewPanel } from './template-preview-panel';
import type { SampleInput } from './use-sample';

/**
 * The editor beside its live preview: every change is rendered by the server with the sample data
 * once typing pauses, and the Liquid problems it finds show in the fields. `children` go under the editor.
 */
export function TemplateComposer({
  ws,
  draft,
  onChange,
  readOnly,
  keyEditable,
  sample,
  saveError,
  children,
}: {
  ws: string;
  draft: TemplateDraft;
  onChange: (changes: Partial<TemplateDraft>) => void;
  readOnly: boolean;
  keyEditable: boolean;
  sample: SampleInput;
  saveError: unknown;
  children?: ReactNode;
}) {
  const preview = useTemplatePreview(ws, { ...contentOf(draft), data: sample.data, to: sample.mailbox });

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack>
          <TemplateEditor
            draft={draft}
            onChange={onChange}
            readOnly={readOnly}
            keyEditable={keyEditable}
            problems={preview.data?.errors ?? []}
            saveError={saveError}
          />
          {children}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <TemplatePreviewPanel preview={preview} sample={sample} />
      </Grid.Col>
    </Grid>
  );
}
