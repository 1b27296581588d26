import { Anchor, Button, Group, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors } from '@/components/form-fields';
import { useCan } from '@/lib/auth';
import { useUpdateWorkspace, type Workspace, type WorkspaceChanges } from '../api/workspace-settings';
import { RetentionFields, type RetentionDraft } from './retention-fields';

const FIELDS = [
  'name',
  'tracking',
  'requireTotp',
  'suppressTransactionalOnBounce',
  'retention',
  'retention.bodiesDays',
  'retention.metadataDays',
] as const;

/** The settings as the form holds them. */
interface Draft extends RetentionDraft {
  name: string;
  opens: boolean;
  clicks: boolean;
  requireTotp: boolean;
  suppressTransactionalOnBounce: boolean;
}

const draftOf = (workspace: Workspace): Draft => ({
  name: workspace.name,
  ...workspace.tracking,
  requireTotp: workspace.requireTotp,
  suppressTransactionalOnBounce: workspace.suppressTransactionalOnBounce,
  ...workspace.retention,
});

function retentionChanges(saved: Draft, draft: Draft): WorkspaceChanges {
  const retention = {
    ...(draft.bodiesDays !== saved.bodiesDays ? { bodiesDays: Number(draft.bodiesDays) } : {}),
    ...(draft.metadataDays !== saved.metadataDays ? { metadataDays: Number(draft.metadataDays) } : {}),
  };
  return Object.keys(retention).length > 0 ? { retention } : {};
}

/** Only what changed is sent, so the audit log names the fields someone actually changed. */
function changesBetween(saved: Draft, draft: Draft): WorkspaceChanges {
  return {
    ...(draft.name !== saved.name ? { name: draft.name } : {}),
    ...(draft.opens !== saved.opens || draft.clicks !== saved.clicks ? { tracking: { opens: draft.opens, clicks: draft.clicks } } : {}),
    ...(draft.requireTotp !== saved.requireTotp ? { requireTotp: draft.requireTotp } : {}),
    ...(draft.suppressTransactionalOnBounce !== saved.suppressTransactionalOnBounce
      ? { suppressTransactionalOnBounce: draft.suppressTransactionalOnBounce }
      : {}),
    ...retentionChanges(saved, draft),
  };
}

/** Name, tracking defaults, the second-factor rule, what bounces stop and retention; people who may not change them see them read-only. */
export function WorkspaceSettingsForm({ ws, workspace }: { ws: string; workspace: Workspace }) {
  const can = useCan();
  const update = useUpdateWorkspace(ws);
  const saved = draftOf(workspace);
  const [draft, setDraft] = useState(saved);
  const mayChange = can('PATCH /v1/workspaces/{ws}');
  const changes = changesBetween(saved, draft);
  const set = (change: Partial<Draft>) => {
    update.reset();
    setDraft({ ...draft, ...change });
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate(changes);
      }}
    >
      <ErrorAlert error={update.error} messages={formLevelErrors(update.error, FIELDS)} title="Not saved" />
      <Stack gap="xl" maw={640}>
        <TextInput
          label="Workspace name"
          value={draft.name}
          onChange={(event) => set({ name: event.currentTarget.value })}
          required
          maxLength={200}
          disabled={!mayChange}
          error={fieldError(update.error, 'name')}
        />
        <Stack gap="sm">
          <Title order={2} size="h4">
            Tracking
          </Title>
          <Text size="sm" c="dimmed">
            What a message gets when it does not say (its own <code>tracking</code> field wins). Scanners and image proxies are recognised
            and not counted.
          </Text>
          <Switch
            label="Track opens"
            description="Adds an invisible image to HTML mail and records when it is loaded"
            checked={draft.opens}
            onChange={(event) => set({ opens: event.currentTarget.checked })}
            disabled={!mayChange}
            error={fieldError(update.error, 'tracking.opens')}
          />
          <Switch
            label="Track clicks"
            description="Sends links through Mailroom to record clicks; the recipient lands on the same page"
            checked={draft.clicks}
            onChange={(event) => set({ clicks: event.currentTarget.checked })}
            disabled={!mayChange}
            error={fieldError(update.error, 'tracking.clicks')}
          />
        </Stack>
        <Stack gap="sm">
          <Title order={2} size="h4">
            Sign-in
          </Title>
          <Switch
            label="Require a second factor"
            description={
              <>
                Everyone who signs in must have an authenticator app set up to act in this workspace. Set up your own first, on{' '}
                <Anchor component={Link} to="/account" size="xs" underline="always">
                  your account page
                </Anchor>
                . API keys are not affected.
              </>
            }
            checked={draft.requireTotp}
            onChange={(event) => set({ requireTotp: event.currentTarget.checked })}
            disabled={!mayChange}
            error={fieldError(update.error, 'requireTotp')}
          />
        </Stack>
        <Stack gap="sm">
          <Title order={2} size="h4">
            Bounces and complaints
          </Title>
          <Switch
            label="Stop transactional mail to addresses that bounce or complain"
            description={
              <>
                On (the default): a hard bounce or a spam complaint read back from an integration&apos;s mailbox also stops transactional
                mail to the address, since mail to dead addresses and to people who reported it hurts the sender&apos;s reputation with
                every provider. Off: only marketing mail to it stops. Lift a single address on the{' '}
                <Anchor component={Link} to={`/w/${ws}/suppressions`} size="xs" underline="always">
                  suppressions page
                </Anchor>
                .
              </>
            }
            checked={draft.suppressTransactionalOnBounce}
            onChange={(event) => set({ suppressTransactionalOnBounce: event.currentTarget.checked })}
            disabled={!mayChange}
            error={fieldError(update.error, 'suppressTransactionalOnBounce')}
          />
        </Stack>
        <RetentionFields values={draft} onChange={set} readOnly={!mayChange} error={update.error} />
        {mayChange && (
          <Group>
            <Button type="submit" disabled={Object.keys(changes).length === 0} loading={update.isPending}>
              Save settings
            </Button>
            {update.isSuccess && (
              <Text size="sm" role="status">
                Saved.
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </form>
  );
}
