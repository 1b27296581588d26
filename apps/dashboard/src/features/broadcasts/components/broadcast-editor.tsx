import { Alert, Anchor, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { LiquidProblemNote, selectTextareaLine, type LiquidProblem } from '@/components/liquid-problem-note';
import type { components } from '@/lib/api/schema';
import type { BroadcastDraft } from './broadcast-draft';
import { saveFieldError, saveFormErrors } from './save-errors';

type Integration = components['schemas']['IntegrationResponse'];

const TEMPLATE_HELP =
  'Liquid: {{ contact.first_name }}, {{ contact.last_name }}, {{ contact.email }}, {{ contact.attributes.plan }}, {{ unsubscribe_url }}';
const FIELD_IDS = { html: 'broadcast-html', text: 'broadcast-text' } as const;
const MONOSPACE = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' } };

/**
 * The broadcast's list, sender and content. Each field shows the Liquid problem the live preview
 * found in it, at its line, and whatever the API refused when it was saved.
 */
export function BroadcastEditor({
  ws,
  draft,
  onChange,
  readOnly,
  lists,
  integration,
  problems,
  saveError,
}: {
  ws: string;
  draft: BroadcastDraft;
  onChange: (changes: Partial<BroadcastDraft>) => void;
  readOnly: boolean;
  lists: { id: string; name: string }[];
  /** The marketing integration: undefined while unknown (or not readable), null when there is none. */
  integration: Integration | null | undefined;
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
  const senders = integration?.senders ?? [];
  const defaultSender = senders.find((sender) => sender.default) ?? senders[0];
  const senderOptions = [
    { value: '', label: defaultSender ? `Default sender: ${defaultSender.name} <${defaultSender.email}>` : 'Default sender' },
    ...senders.map((sender) => ({ value: sender.email, label: `${sender.name} <${sender.email}>` })),
  ];
  if (draft.from && !senders.some((sender) => sender.email === draft.from)) senderOptions.push({ value: draft.from, label: draft.from });

  return (
    <Stack>
      <ErrorAlert error={saveError} messages={saveFormErrors(saveError)} title="Not saved" />
      {integration === null && (
        <Alert color="yellow" title="Nothing can be sent yet">
          No integration of this workspace serves marketing mail. Mark one for marketing under{' '}
          <Anchor component={Link} to={`/w/${ws}/integrations`} inherit>
            Integrations
          </Anchor>{' '}
          to send broadcasts and tests.
        </Alert>
      )}
      <TextInput
        label="Name"
        description="For the people of the workspace; recipients do not see it"
        required
        maxLength={200}
        value={draft.name}
        onChange={(event) => onChange({ name: event.currentTarget.value })}
        error={saveFieldError(saveError, 'name')}
        readOnly={readOnly}
      />
      <Select
        label="List"
        description="Its subscribed members get the broadcast"
        required
        placeholder={lists.length === 0 ? 'Create a list first' : 'Choose a list'}
        data={lists.map((list) => ({ value: list.id, label: list.name }))}
        value={draft.listId}
        onChange={(listId) => onChange({ listId })}
        error={saveFieldError(saveError, 'listId')}
        readOnly={readOnly}
        searchable
      />
      <Select
        label="From"
        data={senderOptions}
        value={draft.from}
        onChange={(from) => onChange({ from: from ?? '' })}
        error={saveFieldError(saveError, 'from')}
        readOnly={readOnly}
        allowDeselect={false}
      />
      <TextInput
        label="Subject"
        description={TEMPLATE_HELP}
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
    </Stack>
  );
}
