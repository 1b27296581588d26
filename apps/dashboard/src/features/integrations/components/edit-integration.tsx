import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useUpdateIntegration, type Integration } from '../api/integrations';
import { IntegrationForm } from './integration-form';
import { draftOf, updateBody } from './integration-draft';

/**
 * The settings form of a saved integration. It sends only what changed, so an untouched sign-in
 * keeps its stored secrets; remount it (key) when the integration changes to start from the saved values.
 */
export function EditIntegration({ ws, integration }: { ws: string; integration: Integration }) {
  const [draft, setDraft] = useState(() => draftOf(integration));
  const update = useUpdateIntegration(ws, integration.id);
  return (
    <IntegrationForm
      draft={draft}
      change={(changes) => setDraft((current) => ({ ...current, ...changes }))}
      chooseKind={(kind) => setDraft((current) => ({ ...current, kind }))}
      stored={integration.auth}
      error={update.error}
      pending={update.isPending}
      submitLabel="Save changes"
      onSubmit={() =>
        update.mutate(updateBody(draft, integration), {
          onSuccess: (saved) =>
            notifications.show({ color: 'green', title: 'Saved', message: `${saved.name} was saved. Test it to see that it works.` }),
        })
      }
    />
  );
}
