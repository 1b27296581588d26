import { Radio, Stack } from '@mantine/core';
import { fieldError } from '@/components/form-fields';
import type { EnvelopeSender } from './bounce-draft';

/**
 * The SMTP envelope sender (MAIL FROM, the Return-Path recipients' servers see) is where bounces
 * are sent; recipients read the From header either way. `watchedAddress` is the mailbox read, when
 * the form knows it.
 */
export function EnvelopeSenderField({
  value,
  onChange,
  watchedAddress,
  error,
}: {
  value: EnvelopeSender;
  onChange: (value: EnvelopeSender) => void;
  watchedAddress: string | undefined;
  error: unknown;
}) {
  const watched = watchedAddress ? `the mailbox read here (${watchedAddress})` : 'the mailbox read here';
  return (
    <Radio.Group
      label="Envelope sender (where bounces go)"
      description="Servers send a bounce to the envelope sender (MAIL FROM, shown as Return-Path), not to the From that recipients see."
      value={value}
      onChange={(chosen) => onChange(chosen as EnvelopeSender)}
      error={fieldError(error, 'bounces.envelopeSender')}
    >
      <Stack gap="xs" mt={4}>
        <Radio
          value="watched_mailbox"
          label="The watched mailbox (recommended)"
          description={`MAIL FROM is ${watched}, so the bounces for every sender of this integration come back to it.`}
        />
        <Radio
          value="from"
          label="The From address"
          description="MAIL FROM is each message's own sender: its bounces go to that sender's mailbox, and only those arriving in the watched mailbox are read."
        />
      </Stack>
    </Radio.Group>
  );
}
