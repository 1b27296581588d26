import { Alert, Anchor, Card, Code, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { LiquidProblemNote, type LiquidProblem } from '@/components/liquid-problem-note';
import { formatDateTime } from '@/lib/format';
import type { StoredTemplate, TemplateContent } from '../api/broadcast-templates';

const FIELD_NAMES: Record<LiquidProblem['field'], string> = { subject: 'The subject', html: 'The HTML', text: 'The text' };

function parts(content: TemplateContent): string {
  if (content.html !== null && content.text !== null) return 'HTML and text';
  return content.html !== null ? 'HTML only' : 'Text only';
}

/** Which version a broadcast takes of its template, in words. */
function versionInWords(template: StoredTemplate, heldVersion: number | null, fixed: boolean): string {
  if (fixed) {
    const version = heldVersion === null ? 'the version that was its latest when it was sent' : `version ${heldVersion}`;
    return `The broadcast went out with ${version}; the preview shows what it said.`;
  }
  if (heldVersion !== null) return `Held to version ${heldVersion} (the latest is version ${template.version}).`;
  return `Version ${template.version}, its latest, saved ${formatDateTime(template.updatedAt)}: a version saved before the broadcast is sent is the one it sends.`;
}

/**
 * What a broadcast using a stored template takes from it, read-only: which template and version,
 * its subject and parts, what it can refer to, and the Liquid problems the preview found in it.
 * The template is changed on its own page.
 */
export function TemplateSummary({
  ws,
  template,
  content,
  error,
  heldVersion,
  fixed,
  problems,
}: {
  ws: string;
  template: StoredTemplate | undefined;
  content: TemplateContent | undefined;
  error: unknown;
  heldVersion: number | null;
  fixed: boolean;
  problems: LiquidProblem[];
}) {
  if (error) return <ErrorAlert error={error} title="The template cannot be loaded" />;
  if (!template || !content) return <Loader size="sm" aria-label="Loading the template" />;
  return (
    <Card withBorder component="section" aria-labelledby="template-summary-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h5" id="template-summary-title">
              {template.name}
            </Title>
            <Text size="sm" c="dimmed">
              Template <Code>{template.key}</Code>
            </Text>
          </Stack>
          <Anchor component={Link} to={`/w/${ws}/templates/${template.id}`} size="sm">
            Open the template
          </Anchor>
        </Group>
        <Text size="sm">{versionInWords(template, heldVersion, fixed)}</Text>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Subject
          </Text>
          <Code data-testid="template-subject">{content.subject}</Code>
        </div>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Parts
          </Text>
          <Text size="sm">{parts(content)}</Text>
        </div>
        {problems.map((problem) => (
          <Alert key={problem.field} color="red" title={`${FIELD_NAMES[problem.field]} cannot be rendered`} role="alert">
            <LiquidProblemNote problem={problem} source={content[problem.field] ?? ''} />
          </Alert>
        ))}
        <Text size="xs" c="dimmed">
          It is rendered for each member with {'{{ contact.first_name }}'}, {'{{ contact.attributes.plan }}'}, {'{{ to.email }}'} and{' '}
          {'{{ unsubscribe_url }}'}. A broadcast gives no data: {'{{ data.… }}'} renders empty, even in a strict template.
        </Text>
      </Stack>
    </Card>
  );
}
