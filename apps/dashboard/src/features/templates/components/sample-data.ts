import type { TemplateDraft } from './template-draft';

export type SampleData = Record<string, unknown>;

/**
 * Sample data to start from: each top-level `data.<name>` the template uses, with its name as the
 * value, so even a strict template renders before the author types anything.
 */
export function sampleDataFor(draft: TemplateDraft): string {
  const source = [draft.subject, draft.html, draft.text].join('\n');
  const names = [...new Set([...source.matchAll(/\bdata\.([A-Za-z_][\w-]*)/g)].map((match) => match[1]!))];
  return JSON.stringify(Object.fromEntries(names.map((name) => [name, name])), null, 2);
}

/** The sample data typed as a JSON object (empty means none), or why it is not one. */
export function parseSampleData(text: string): { data: SampleData } | { problem: string } {
  if (text.trim() === '') return { data: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `Sample data is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'Sample data must be a JSON object, such as {"name": "Ada"}' };
  }
  return { data: value as SampleData };
}
