import { Stack, Switch, Text } from '@mantine/core';
import { fieldError } from '@/components/form-fields';
import type { IntegrationDraft } from './integration-draft';

/** Which mail goes through this integration; each usage has one holder per workspace, and a second is refused with the holder's name. */
export function UsageFields({
  draft,
  change,
  error,
}: {
  draft: IntegrationDraft;
  change: (changes: Partial<IntegrationDraft>) => void;
  error: unknown;
}) {
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Each kind of mail goes through one integration of the workspace. If another integration already has it, saving names that one: take
        it away there first. An integration with neither can still be tested.
      </Text>
      <Switch
        label="Transactional mail"
        description="Messages an application sends one at a time: password resets, receipts, invitations."
        checked={draft.transactional}
        onChange={(event) => change({ transactional: event.currentTarget.checked })}
        error={fieldError(error, 'usage.transactional')}
      />
      <Switch
        label="Marketing mail"
        description="Broadcasts to lists, throttled to the rate limit below, with one-click unsubscribe."
        checked={draft.marketing}
        onChange={(event) => change({ marketing: event.currentTarget.checked })}
        error={fieldError(error, 'usage.marketing')}
      />
    </Stack>
  );
}
