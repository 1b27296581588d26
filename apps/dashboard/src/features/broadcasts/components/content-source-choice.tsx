import { Radio, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ConfirmDialog } from '@/components/confirm-dialog';
import type { BroadcastTemplate } from '../api/broadcast-templates';
import { detached, type BroadcastDraft, type ContentSource } from './broadcast-draft';

/**
 * Whether the broadcast's content is written here or taken from a stored template. Going back to
 * writing it here detaches the broadcast from its template, so that asks first; the content it
 * then holds starts as a copy of the template's.
 */
export function ContentSourceChoice({
  draft,
  onChange,
  template,
}: {
  draft: BroadcastDraft;
  onChange: (changes: Partial<BroadcastDraft>) => void;
  template: BroadcastTemplate;
}) {
  const [asking, { open, close }] = useDisclosure(false);
  const choose = (source: ContentSource) => {
    if (source === draft.source) return;
    if (source === 'written' && draft.templateId !== null) open();
    else onChange({ source });
  };
  const name = template.template ? `template “${template.template.name}”` : 'its template';
  const copied = draft.templateVersion === null ? 'its latest version' : `version ${draft.templateVersion}`;

  return (
    <>
      <Radio.Group label="Content" value={draft.source} onChange={(value) => choose(value as ContentSource)}>
        <Stack gap="xs" mt="xs">
          <Radio value="written" label="Write it here" description="Subject, HTML and text belong to this broadcast" />
          <Radio
            value="template"
            label="Use a stored template"
            description="One of the workspace's templates, rendered for each member; changes to it reach the broadcast until it is sent"
          />
        </Stack>
      </Radio.Group>
      <ConfirmDialog
        opened={asking}
        onClose={close}
        title="Write it here instead?"
        message={`The broadcast stops using ${name}: its subject, HTML and text become its own, starting as a copy of ${copied}, and later changes to the template no longer reach it.`}
        confirmLabel="Write it here"
        onConfirm={() => onChange(detached(template.content ?? draft))}
      />
    </>
  );
}
