import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError } from '@/components/form-fields';
import { useCan } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import {
  useCancelBroadcast,
  usePauseBroadcast,
  useResumeBroadcast,
  useSendBroadcast,
  type Broadcast,
  type BroadcastStatus,
} from '../api/broadcasts';

const CANCELLABLE: BroadcastStatus[] = ['draft', 'scheduled', 'sending', 'paused'];

/**
 * What can be done to the broadcast in its state: a draft is sent now or scheduled, a running one
 * paused, a paused one resumed, and all of them cancelled for good (after confirming).
 */
export function BroadcastActions({
  ws,
  broadcast,
  unsaved,
  listName,
}: {
  ws: string;
  broadcast: Broadcast;
  unsaved: boolean;
  listName?: string;
}) {
  const can = useCan();
  const send = useSendBroadcast(ws, broadcast.id);
  const pause = usePauseBroadcast(ws, broadcast.id);
  const resume = useResumeBroadcast(ws, broadcast.id);
  const cancel = useCancelBroadcast(ws, broadcast.id);
  const { status } = broadcast;
  const error = send.error ?? pause.error ?? resume.error ?? cancel.error;
  const route = (action: 'send' | 'pause' | 'resume' | 'cancel') => can(`POST /v1/workspaces/{ws}/broadcasts/{id}/${action}`);

  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="sm">
        {status === 'draft' && route('send') && (
          <>
            <ConfirmButton
              color="blue"
              variant="filled"
              disabled={unsaved}
              title="Send this broadcast now?"
              message={`It goes to every subscribed member of ${listName ?? 'its list'} who is not suppressed. It can be paused or cancelled while it sends, but what went out stays out.`}
              confirmLabel="Send now"
              loading={send.isPending}
              onConfirm={() => send.mutate(undefined)}
            >
              Send now
            </ConfirmButton>
            <ScheduleButton disabled={unsaved} pending={send.isPending} error={send.error} onSchedule={(at) => send.mutate(at)} />
          </>
        )}
        {(status === 'sending' || status === 'scheduled') && route('pause') && (
          <Button variant="default" loading={pause.isPending} onClick={() => pause.mutate()}>
            Pause
          </Button>
        )}
        {status === 'paused' && route('resume') && (
          <Button loading={resume.isPending} onClick={() => resume.mutate()}>
            Resume
          </Button>
        )}
        {CANCELLABLE.includes(status) && route('cancel') && (
          <ConfirmButton
            title="Cancel this broadcast?"
            message="For good: nothing more is sent, and it cannot be resumed or sent again. What already went out stays out."
            confirmLabel="Cancel broadcast"
            loading={cancel.isPending}
            onConfirm={() => cancel.mutate()}
          >
            Cancel broadcast
          </ConfirmButton>
        )}
      </Group>
      {unsaved && status === 'draft' && (
        <Text size="xs" c="dimmed">
          Save the draft to send it or test it.
        </Text>
      )}
      {status === 'scheduled' && (
        <Text size="xs" c="dimmed">
          Scheduled for {formatDateTime(broadcast.scheduledAt)}
        </Text>
      )}
      <ErrorAlert error={error} title="Not done" />
    </Stack>
  );
}

/** A local date and time from the browser's own picker, sent as an instant. */
function ScheduleButton({
  disabled,
  pending,
  error,
  onSchedule,
}: {
  disabled: boolean;
  pending: boolean;
  error: unknown;
  onSchedule: (at: string) => void;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  const [when, setWhen] = useState('');
  const [past, setPast] = useState(false);
  return (
    <>
      <Button variant="default" disabled={disabled} onClick={open}>
        Schedule
      </Button>
      <Modal opened={opened} onClose={close} title="Schedule the broadcast">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const at = new Date(when);
            setPast(at.getTime() <= Date.now());
            if (at.getTime() <= Date.now()) return;
            onSchedule(at.toISOString());
            close();
          }}
        >
          <Stack>
            <TextInput
              type="datetime-local"
              label="Send at"
              description={`In your time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone})`}
              required
              value={when}
              onChange={(event) => {
                setWhen(event.currentTarget.value);
                setPast(false);
              }}
              error={past ? 'Choose a time in the future, or send it now' : fieldError(error, 'scheduledAt')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Back
              </Button>
              <Button type="submit" disabled={when === ''} loading={pending}>
                Schedule
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
