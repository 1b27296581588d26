import { Card, Group, Loader, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorAlert } from '@/components/error-alert';
import { RenderedMail } from '@/components/rendered-mail';
import type { components } from '@/lib/api/schema';
import type { SampleInput } from './use-sample';

type Preview = components['schemas']['TemplateContentPreviewResponse'];

const MONOSPACE = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' } };

/** The mail as a send with the sample data would render it, and the sample data and recipient it is rendered for. */
export function TemplatePreviewPanel({ preview, sample }: { preview: UseQueryResult<Preview>; sample: SampleInput }) {
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
        <Textarea
          label="Sample data"
          description='A JSON object the template sees as data, as an application sends it: {"name": "Ada"}'
          autosize
          minRows={3}
          maxRows={12}
          styles={MONOSPACE}
          spellCheck={false}
          value={sample.text}
          onChange={(event) => sample.setText(event.currentTarget.value)}
          error={sample.problem}
        />
        <Group grow align="flex-start">
          <TextInput
            label="Recipient address"
            description="to.email"
            type="email"
            value={sample.to.email}
            onChange={(event) => sample.setTo({ ...sample.to, email: event.currentTarget.value })}
          />
          <TextInput
            label="Recipient name"
            description="to.name"
            value={sample.to.name}
            onChange={(event) => sample.setTo({ ...sample.to, name: event.currentTarget.value })}
          />
        </Group>
        <ErrorAlert error={preview.error} title="No preview" />
        {rendered && (
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
