import { Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { LiquidProblemNote, selectTextareaLine, type LiquidProblem } from './liquid-problem-note';

const MONOSPACE = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' } };

export interface LiquidContent {
  subject: string;
  html: string;
  text: string;
}

/**
 * Subject, HTML and text as Liquid templates (a broadcast's, a stored template's). Each shows the
 * Liquid problem the live preview found in it, at its line (the HTML and text areas can be jumped
 * to), else what the API refused when it was saved (`savedError`). `idPrefix` keeps the areas' ids
 * apart; `liquidHelp` and `htmlHelp` say what the template sees.
 */
export function LiquidContentFields({
  content,
  onChange,
  readOnly,
  problems,
  savedError,
  idPrefix,
  liquidHelp,
  htmlHelp,
}: {
  content: LiquidContent;
  onChange: (changes: Partial<LiquidContent>) => void;
  readOnly: boolean;
  problems: LiquidProblem[];
  savedError: (field: keyof LiquidContent) => ReactNode;
  idPrefix: string;
  liquidHelp: string;
  htmlHelp: string;
}) {
  const ids = { html: `${idPrefix}-html`, text: `${idPrefix}-text` };
  const problemAt = (field: keyof LiquidContent) => {
    const problem = problems.find((candidate) => candidate.field === field);
    if (!problem) return savedError(field);
    // A subject is one line: there is no line to go to.
    const showLine = field === 'subject' ? undefined : (line: number) => selectTextareaLine(ids[field], line);
    return <LiquidProblemNote problem={problem} source={content[field]} onShowLine={showLine} />;
  };

  return (
    <>
      <TextInput
        label="Subject"
        description={liquidHelp}
        required
        maxLength={998}
        value={content.subject}
        onChange={(event) => onChange({ subject: event.currentTarget.value })}
        error={problemAt('subject')}
        readOnly={readOnly}
      />
      <Textarea
        id={ids.html}
        label="HTML"
        description={htmlHelp}
        autosize
        minRows={8}
        maxRows={24}
        styles={MONOSPACE}
        spellCheck={false}
        value={content.html}
        onChange={(event) => onChange({ html: event.currentTarget.value })}
        error={problemAt('html')}
        readOnly={readOnly}
      />
      <Textarea
        id={ids.text}
        label="Text"
        description="The plain-text part, for mail clients that show no HTML"
        autosize
        minRows={5}
        maxRows={16}
        styles={MONOSPACE}
        spellCheck={false}
        value={content.text}
        onChange={(event) => onChange({ text: event.currentTarget.value })}
        error={problemAt('text')}
        readOnly={readOnly}
      />
    </>
  );
}
