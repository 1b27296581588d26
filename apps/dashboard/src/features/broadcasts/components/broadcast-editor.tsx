import { Alert, Anchor, Select, Stack, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { LiquidContentFields } from '@/components/liquid-content-fields';
import type { LiquidProblem } from '@/components/liquid-problem-note';
import type { components } from '@/lib/api/schema';
import type { BroadcastTemplate, TemplateContent } from '../api/broadcast-templates';
import type { BroadcastDraft } from './broadcast-draft';
import { ContentSourceChoice } from './content-source-choice';
import { saveFieldError, saveFormErrors } from './save-errors';
import { TemplateSourceFields } from './template-source-fields';

const LIQUID_HELP =
  'Liquid: {{ contact.first_name }}, {{ contact.last_name }}, {{ contact.email }}, {{ contact.attributes.plan }}, {{ unsubscribe_url }}';

type Integration = components['schemas']['IntegrationResponse'];

/**
 * The broadcast's list, sender and content: written here, or a stored template's. What the API
 * refused when it was saved shows at the field it names, the rest above the form.
 */
export function BroadcastEditor({
  ws,
  draft,
  onChange,
  readOnly,
  fixed,
  lists,
  integration,
  template,
  content,
  problems,
  saveError,
}: {
  ws: string;
  draft: BroadcastDraft;
  onChange: (changes: Partial<BroadcastDraft>) => void;
  readOnly: boolean;
  /** Sent (or on its way): what it says can no longer change. */
  fixed: boolean;
  lists: { id: string; name: string }[];
  /** The marketing integration: undefined while unknown (or not readable), null when there is none. */
  integration: Integration | null | undefined;
  template: BroadcastTemplate;
  /** What the preview renders: the draft's own content or the template's. */
  content: TemplateContent | undefined;
  /** The Liquid problems the preview found in that content. */
  problems: LiquidProblem[];
  saveError: unknown;
}) {
  const senders = integration?.senders ?? [];
  const defaultSender = senders.find((sender) => sender.default) ?? senders[0];
  const senderOptions = [
    { value: '', label: defaultSender ? `Default sender: ${defaultSender.name} <${defaultSender.email}>` : 'Default sender' },
    ...senders.map((sender) => ({ value: sender.email, label: `${sender.name} <${sender.email}>` })),
  ];
  if (draft.from && !senders.some((sender) => sender.email === draft.from)) senderOptions.push({ value: draft.from, label: draft.from });

  return (
    <Stack>
      <ErrorAlert error={saveError} messages={saveFormErrors(saveError, draft.source)} title="Not saved" />
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
      {!readOnly && <ContentSourceChoice draft={draft} onChange={onChange} template={template} />}
      {draft.source === 'template' ? (
        <TemplateSourceFields
          ws={ws}
          draft={draft}
          onChange={onChange}
          readOnly={readOnly}
          template={template}
          content={content}
          fixed={fixed}
          problems={problems}
          saveError={saveError}
        />
      ) : (
        <LiquidContentFields
          content={draft}
          onChange={onChange}
          readOnly={readOnly}
          problems={problems}
          savedError={(field) => saveFieldError(saveError, field)}
          idPrefix="broadcast"
          liquidHelp={LIQUID_HELP}
          htmlHelp="Values from contacts are HTML-escaped"
        />
      )}
    </Stack>
  );
}
