import { Textarea, TextInput } from '@mantine/core';
import { LiquidProblemNote, selectTextareaLine, type LiquidProblem } from '@/components/liquid-problem-note';
import type { BroadcastDraft } from './broadcast-draft';
import { saveFieldError } from './save-errors';

const LIQUID_HELP =
  'Liquid: {{ contact.first_name }}, {{ contact.last_name }}, {{ contact.email }}, {{ contact.attributes.plan }}, {{ unsubscribe_url }}';
const FIELD_IDS = { html: 'broadcast-html', text: 'broadcast-text' } as const;
const MONOSPACE = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' } };

/**
 * Subject, HTML and text written for this broadcast. Each shows the Liquid problem the live preview
 * found in it, at its line, and whatever the API refused when it was saved.
 */
export function WrittenContentFields({
  draft,
  onChange,
  readOnly,
  problems,
  saveError,
}: {
  draft: BroadcastDraft;
  onChange: (changes: Partial<BroadcastDraft>) => void;
  readOnly: boolean;
  problems: LiquidProblem[];
  saveError: unknown;
}) {
  const problemAt = (field: LiquidProblem['field']) => {
    const problem = problems.find((candidate) => candidate.field === field);
    if (!problem) return saveFieldError(saveError, field);
    // A subject is one line: there is no line to go to.
    const showLine = field === 'subject' ? undefined : (line: number) => selectTextareaLine(FIELD_IDS[field], line);
    return <LiquidProblemNote problem={problem} source={draft[field]} onShowLine={showLine} />;
  };

  return (
    <>
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
        description="Values from contacts are HTML-escaped"
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
    </>
  );
}
