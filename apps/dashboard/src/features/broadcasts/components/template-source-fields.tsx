import { Anchor, Select, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { LiquidProblem } from '@/components/liquid-problem-note';
import { formatDateTime } from '@/lib/format';
import {
  useTemplateChoices,
  useTemplateVersionChoices,
  type BroadcastTemplate,
  type StoredTemplate,
  type TemplateContent,
} from '../api/broadcast-templates';
import type { BroadcastDraft } from './broadcast-draft';
import { saveFieldError } from './save-errors';
import { TemplateSummary } from './template-summary';

const LATEST = 'latest';

const templateLabel = (template: StoredTemplate) => `${template.name} (${template.key}), version ${template.version}`;

/**
 * The stored template a broadcast uses and the version it is held to (or its latest), chosen from
 * the workspace's templates, above a read-only summary of it. People who cannot edit see the summary only.
 */
export function TemplateSourceFields({
  ws,
  draft,
  onChange,
  readOnly,
  template,
  content,
  fixed,
  problems,
  saveError,
}: {
  ws: string;
  draft: BroadcastDraft;
  onChange: (changes: Partial<BroadcastDraft>) => void;
  readOnly: boolean;
  template: BroadcastTemplate;
  /** What the broadcast renders: the template's, or what a sent one went out with. */
  content: TemplateContent | undefined;
  fixed: boolean;
  problems: LiquidProblem[];
  saveError: unknown;
}) {
  const choices = useTemplateChoices(ws, !readOnly);
  const versions = useTemplateVersionChoices(ws, draft.templateId, !readOnly);
  const summary = (
    <TemplateSummary
      ws={ws}
      template={template.template}
      content={content}
      error={template.error}
      heldVersion={draft.templateVersion}
      fixed={fixed}
      problems={problems}
    />
  );
  if (readOnly) return summary;

  const templates = [...(choices.data?.data ?? [])];
  // The one in use may lie beyond the first hundred.
  if (template.template && !templates.some((candidate) => candidate.id === template.template!.id)) templates.push(template.template);
  const none = choices.isSuccess && templates.length === 0;
  const versionOptions = [
    {
      value: LATEST,
      label: template.template ? `Its latest when sent (now version ${template.template.version})` : 'Its latest when sent',
    },
    ...(versions.data?.data ?? []).map((version) => ({
      value: String(version.version),
      label: `Version ${version.version}, saved ${formatDateTime(version.createdAt)}`,
    })),
  ];
  if (draft.templateVersion !== null && !versionOptions.some((option) => option.value === String(draft.templateVersion))) {
    versionOptions.push({ value: String(draft.templateVersion), label: `Version ${draft.templateVersion}` });
  }

  return (
    <>
      <Select
        label="Template"
        description={choices.data?.nextCursor ? 'The first 100 templates by key; type to narrow them' : 'Type to narrow the list'}
        required
        placeholder={none ? 'This workspace has no templates yet' : 'Choose a template to save the draft'}
        data={templates.map((candidate) => ({ value: candidate.id, label: templateLabel(candidate) }))}
        value={draft.templateId}
        onChange={(templateId) => templateId && onChange({ templateId, templateVersion: null })}
        error={saveFieldError(saveError, 'templateId')}
        disabled={none}
        searchable
        allowDeselect={false}
        nothingFoundMessage="No template by that name or key"
      />
      {none && (
        <Text size="sm">
          Write one under{' '}
          <Anchor component={Link} to={`/w/${ws}/templates/new`} inherit>
            Templates
          </Anchor>{' '}
          first, or write this broadcast here.
        </Text>
      )}
      {draft.templateId !== null && (
        <Select
          label="Version"
          description="A broadcast sends its template's latest version unless it is held to one"
          data={versionOptions}
          value={draft.templateVersion === null ? LATEST : String(draft.templateVersion)}
          onChange={(value) => value && onChange({ templateVersion: value === LATEST ? null : Number(value) })}
          error={saveFieldError(saveError, 'templateVersion')}
          allowDeselect={false}
        />
      )}
      {draft.templateId !== null && summary}
    </>
  );
}
