import { Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors } from '@/components/form-fields';
import { LiquidProblemNote, selectTextareaLine, type LiquidProblem } from '@/components/liquid-problem-note';
import type { TemplateDraft } from './template-draft';

const FIELDS = ['key', 'name', 'subject', 'html', 'text', 'strict'] as const;
const LIQUID_HELP = 'Liquid: {{ data.name }} (what the send gives), {{ to.email }}, {{ to.name }}; {{ unsubscribe_url }} in marketing mail';
const FIELD_IDS = { html: 'template-html', text: 'template-text' } as const;
const MONOSPACE = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' } };

/**
 * A template's key, name, content and strictness. Each Liquid field shows the problem the live
 * preview found in it, at its line, and whatever the API refused when it was saved.
 */
export function TemplateEditor({
  draft,
  onChange,
  readOnly,
  keyEditable,
  problems,
  saveError,
}: {
  draft: TemplateDraft;
  onChange: (changes: Partial<TemplateDraft>) => void;
  readOnly: boolean;
  /** Only a new template chooses its key: applications send by it. */
  keyEditable: boolean;
  problems: LiquidProblem[];
  saveError: unknown;
}) {
  const problemAt = (field: LiquidProblem['field']) => {
    const problem = problems.find((candidate) => candidate.field === field);
    if (!problem) return fieldError(saveError, field);
    // A subject is one line: there is no line to go to.
    const showLine = field === 'subject' ? undefined : (line: number) => selectTextareaLine(FIELD_IDS[field], line);
    return <LiquidProblemNote problem={problem} source={draft[field]} onShowLine={showLine} />;
  };

  return (
    <Stack>
      <ErrorAlert error={saveError} messages={formLevelErrors(saveError, FIELDS)} title="Not saved" />
      <TextInput
        label="Key"
        description={
          keyEditable
            ? 'What applications send it by, e.g. password-reset: lowercase letters and digits, with - or _ between them'
            : 'Fixed once created: applications send it by this key'
        }
        required
        maxLength={100}
        value={draft.key}
        onChange={(event) => onChange({ key: event.currentTarget.value })}
        error={fieldError(saveError, 'key')}
        readOnly={readOnly || !keyEditable}
        spellCheck={false}
      />
      <TextInput
        label="Name"
        description="For the people of the workspace; recipients do not see it"
        required
        maxLength={200}
        value={draft.name}
        onChange={(event) => onChange({ name: event.currentTarget.value })}
        error={fieldError(saveError, 'name')}
        readOnly={readOnly}
      />
      <TextInput
        label="Subject"
        description={LIQUID_HELP}
        required
        maxLength={998}
        value={draft.subject}
        onChange={(event) => onChange({ subject: event.currentTarget.value })}
        error={problemAt('subject')}
        readOnly={readOnly}
      />
      <Textarea
        id={FIELD_IDS.html}
        label="HTML"
        description="Values from data are HTML-escaped"
        autosize
        minRows={8}
        maxRows={24}
        styles={MONOSPACE}
        spellCheck={false}
        value={draft.html}
        onChange={(event) => onChange({ html: event.currentTarget.value })}
        error={problemAt('html')}
        readOnly={readOnly}
      />
      <Textarea
        id={FIELD_IDS.text}
        label="Text"
        description="The plain-text part, for mail clients that show no HTML"
        autosize
        minRows={5}
        maxRows={16}
        styles={MONOSPACE}
        spellCheck={false}
        value={draft.text}
        onChange={(event) => onChange({ text: event.currentTarget.value })}
        error={problemAt('text')}
        readOnly={readOnly}
      />
      <Switch
        label="Strict"
        description="A variable the template uses but a send's data lacks refuses the send (naming it) instead of rendering blank. {% if data.x %} and | default: still mark a value optional."
        checked={draft.strict}
        onChange={(event) => onChange({ strict: event.currentTarget.checked })}
        error={fieldError(saveError, 'strict')}
        disabled={readOnly}
      />
    </Stack>
  );
}
