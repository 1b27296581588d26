import { Stack, Switch, TextInput } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors } from '@/components/form-fields';
import { LiquidContentFields } from '@/components/liquid-content-fields';
import type { LiquidProblem } from '@/components/liquid-problem-note';
import type { TemplateDraft } from './template-draft';

const FIELDS = ['key', 'name', 'subject', 'html', 'text', 'strict'] as const;
const LIQUID_HELP = 'Liquid: {{ data.name }} (what the send gives), {{ to.email }}, {{ to.name }}; {{ unsubscribe_url }} in marketing mail';

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
      <LiquidContentFields
        content={draft}
        onChange={onChange}
        readOnly={readOnly}
        problems={problems}
        savedError={(field) => fieldError(saveError, field)}
        idPrefix="template"
        liquidHelp={LIQUID_HELP}
        htmlHelp="Values from data are HTML-escaped"
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
