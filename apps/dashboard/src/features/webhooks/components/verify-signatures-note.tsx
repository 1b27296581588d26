import { Code, Text } from '@mantine/core';

/** How a receiver checks that a request came from Mailroom (Standard Webhooks), shown with a new secret. */
export function VerifySignaturesNote() {
  return (
    <Text size="sm" mb="md">
      Each request carries the headers <Code>webhook-id</Code>, <Code>webhook-timestamp</Code> and <Code>webhook-signature</Code>. Verify
      them with the secret before trusting the body, for instance with the <Code>standardwebhooks</Code> package:{' '}
      <Code>new Webhook(secret).verify(rawBody, headers)</Code> throws when the signature or the timestamp is wrong. Use{' '}
      <Code>webhook-id</Code> to ignore a delivery you already handled: retries keep it.
    </Text>
  );
}

/** Mailroom must sign with the secret, so it keeps it (encrypted) rather than a hash of it. */
export const SIGNING_SECRET_NOTE =
  'Copy it now into the receiver: Mailroom keeps it encrypted to sign each request and never shows it again.';
