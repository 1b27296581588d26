import { useState } from 'react';
import { useMe } from '@/lib/auth';
import { parseSampleData, sampleDataFor, type SampleData } from './sample-data';
import type { TemplateDraft } from './template-draft';

export interface SampleRecipient {
  email: string;
  name: string;
}

export interface SampleInput {
  text: string;
  setText: (text: string) => void;
  /** Why the text is not a JSON object; meanwhile `data` stays the last one that was. */
  problem?: string;
  data: SampleData;
  to: SampleRecipient;
  setTo: (to: SampleRecipient) => void;
  /** The recipient as the API takes it: left out until the address looks like one, so typing it never breaks the preview. */
  mailbox?: { email: string; name?: string };
}

const LOOKS_LIKE_AN_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * What the preview and the test are rendered with: sample data typed as JSON (`initialText`, else
 * started from the template's own `data.` names) and a recipient (the signed-in person, until changed).
 */
export function useSample(draft: TemplateDraft, initialText?: string): SampleInput {
  const me = useMe().data;
  const [sample, setSample] = useState(() => {
    const text = initialText ?? sampleDataFor(draft);
    const parsed = parseSampleData(text);
    return { text, data: 'data' in parsed ? parsed.data : {} };
  });
  const [typedTo, setTo] = useState<SampleRecipient>();
  const parsed = parseSampleData(sample.text);
  const to = typedTo ?? { email: me?.user.email ?? '', name: me?.user.name ?? '' };
  return {
    text: sample.text,
    setText: (text) =>
      setSample((current) => {
        const next = parseSampleData(text);
        return { text, data: 'data' in next ? next.data : current.data };
      }),
    problem: 'problem' in parsed ? parsed.problem : undefined,
    data: sample.data,
    to,
    setTo,
    mailbox: LOOKS_LIKE_AN_ADDRESS.test(to.email.trim())
      ? { email: to.email.trim(), ...(to.name.trim() && { name: to.name.trim() }) }
      : undefined,
  };
}
