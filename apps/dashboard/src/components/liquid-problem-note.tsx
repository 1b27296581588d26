import { Anchor, Code, Stack, Text } from '@mantine/core';
import type { components } from '@/lib/api/schema';

/** A Liquid problem the API found in one field of a mail: where it is and what it is. */
export type LiquidProblem = components['schemas']['TemplateProblemResponse'];

/** The engine's words without what the note already shows: the field in front, the position at the end. */
function reason(problem: LiquidProblem): string {
  return problem.message.replace(`${problem.field}: `, '').replace(/, line:\d+, col:\d+$/, '');
}

/**
 * A Liquid problem where it is: its line number, that line of the source, and a link that puts the
 * cursor on it, so the author does not count lines.
 */
export function LiquidProblemNote({
  problem,
  source,
  onShowLine,
}: {
  problem: LiquidProblem;
  source: string;
  onShowLine?: (line: number) => void;
}) {
  if (problem.line === null) return <>{reason(problem)}</>;
  const { line } = problem;
  return (
    <Stack gap={2} component="span" align="flex-start">
      <Text span inherit>
        Line {line}
        {problem.column !== null && `, column ${problem.column}`}: {reason(problem)}
      </Text>
      <Code block component="span" style={{ display: 'block', alignSelf: 'stretch' }}>
        {`${line} | ${source.split('\n')[line - 1] ?? ''}`}
      </Code>
      {onShowLine && (
        <Anchor component="button" type="button" size="xs" onClick={() => onShowLine(line)}>
          Go to line {line}
        </Anchor>
      )}
    </Stack>
  );
}

/** Selects line `line` (1-based) of the textarea with id `textareaId` and moves the cursor there. */
export function selectTextareaLine(textareaId: string, line: number): void {
  const textarea = document.getElementById(textareaId);
  if (!(textarea instanceof HTMLTextAreaElement)) return;
  const lines = textarea.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((offset, text) => offset + text.length + 1, 0);
  textarea.focus();
  textarea.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
}
