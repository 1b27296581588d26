import { Card, Code, Group, Loader, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorAlert } from '@/components/error-alert';
import type { BroadcastPreview } from '../api/broadcast-preview';
import type { usePreviewContact } from './use-preview-contact';

/**
 * The mail as the chosen contact gets it. The HTML is shown in a sandboxed frame: no script in it
 * runs, and it cannot reach the dashboard's page or session.
 */
export function BroadcastPreviewPanel({
  preview,
  contact,
}: {
  preview: UseQueryResult<BroadcastPreview>;
  contact: ReturnType<typeof usePreviewContact>;
}) {
  const rendered = preview.data;
  const problemIn = (field: 'subject' | 'html' | 'text') => rendered?.errors.some((problem) => problem.field === field) ?? false;
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
        <ErrorAlert error={preview.error} title="No preview" />
        {rendered && (
          <>
            <div>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Subject
              </Text>
              <Text data-testid="preview-subject">
                {problemIn('subject') ? 'Cannot be rendered: see the subject field' : rendered.subject}
              </Text>
            </div>
            <Tabs defaultValue="html" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="html">HTML</Tabs.Tab>
                <Tabs.Tab value="text">Text</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="html" pt="sm">
                {rendered.html !== null ? (
                  <iframe
                    title="HTML preview"
                    sandbox=""
                    srcDoc={rendered.html}
                    style={{ width: '100%', height: 420, border: '1px solid var(--mantine-color-default-border)', background: 'white' }}
                  />
                ) : (
                  <Text c="dimmed" size="sm">
                    {problemIn('html') ? 'Cannot be rendered: see the HTML field.' : 'No HTML part.'}
                  </Text>
                )}
              </Tabs.Panel>
              <Tabs.Panel value="text" pt="sm">
                {rendered.text !== null ? (
                  <Code block data-testid="preview-text" style={{ whiteSpace: 'pre-wrap' }}>
                    {rendered.text}
                  </Code>
                ) : (
                  <Text c="dimmed" size="sm">
                    {problemIn('text') ? 'Cannot be rendered: see the text field.' : 'No text part.'}
                  </Text>
                )}
              </Tabs.Panel>
            </Tabs>
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
