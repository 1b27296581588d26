import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useUpdateIntegration, type Integration } from '../api/integrations';
import { authKindOf } from './auth-kind';
import { IntegrationForm } from './integration-form';
import { draftOf, updateBody } from './integration-draft';

/**
 * The settings form of a saved integration. It sends only what changed, so an untouched sign-in
 * keeps its stored secrets. A test or a connect changes the integration too, but leaves what the
 * person is typing alone; only their own save starts the form again from the saved values.
 */
export function EditIntegration({ ws, integration }: { ws: string; integration: Integration }) {
  const [draft, setDraft] = useState(() => draftOf(integration));
  const [saves, setSaves] = useState(0);
  const update = useUpdateIntegration(ws, integration.id);
  return (
    <IntegrationForm
      key={saves}
      draft={draft}
      change={(changes) => setDraft((current) => ({ ...current, ...changes }))}
      chooseKind={(kind) => setDraft((current) => ({ ...current, kind }))}
      // Secrets stored for another kind of sign-in are dropped when the kind changes: none counts as stored then.
      stored={authKindOf(integration.auth) === draft.kind ? integration.auth : undefined}
      storedBounces={integration.bounces}
      editing
      error={update.error}
      pending={update.isPending}
      submitLabel="Save changes"
      onSubmit={() =>
        update.mutate(updateBody(draft, integration), {
          onSuccess: (saved) => {
            setDraft(draftOf(saved));
            setSaves((count) => count + 1);
            notifications.show({ color: 'green', title: 'Saved', message: `${saved.name} was saved. Test it to see that it works.` });
          },
        })
      }
    />
  );
}
