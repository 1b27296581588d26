import { Card, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorAlert } from '@/components/error-alert';
import { RenderedMail } from '@/components/rendered-mail';
import type { BroadcastPreview } from '../api/broadcast-preview';
import type { usePreviewContact } from './use-preview-contact';

/** The mail as the chosen contact gets it, rendered by the server; `waiting` says why there is nothing to render yet. */
export function BroadcastPreviewPanel({
  preview,
  contact,
  waiting,
}: {
  preview: UseQueryResult<BroadcastPreview>;
  contact: ReturnType<typeof usePreviewContact>;
  waiting?: string;
}) {
  const rendered = preview.data;
  const broken = (field: 'subject' | 'html' | 'text') => rendered?.errors.some((problem) => problem.field === field) ?? false;
  return (
    <Card withBorder component="section" aria-labelledby="preview-title">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4" id="preview-title">
            Preview
          </Title>
          {preview.isFetching && <Loader size="xs" aria-label="Rendering the preview" />}
        </Group>
        <Select
          label="Preview for"
          description="A subscribed member of the list"
          placeholder={contact.loading ? 'Loading members…' : 'The list has no subscribed members; contact fields stay empty'}
          data={contact.options}
          value={contact.chosenId ?? null}
          onChange={(value) => value && contact.pick(value)}
          searchable
          allowDeselect={false}
          disabled={contact.options.length === 0}
        />
        {waiting && (
          <Text size="sm" c="dimmed">
            {waiting}
          </Text>
        )}
        <ErrorAlert error={preview.error} title="No preview" />
        {rendered && !waiting && (
          <>
            <RenderedMail mail={rendered} broken={broken} />
            <Text size="xs" c="dimmed">
              In previews and tests the unsubscribe link goes to a page that unsubscribes nobody. Images from other sites are not loaded
              here.
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}
