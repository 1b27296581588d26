import { Alert, Code, Group, List, Stack, Text, ThemeIcon } from '@mantine/core';
import type { TestResult } from '../api/integration-test';

/** What each step of the API's SMTP session checks; a name the dashboard does not know yet is shown as the API spells it. */
const STEP_LABELS: Record<string, string> = {
  resolve: 'Resolve the host name',
  connect: 'Open the connection',
  tls: 'Set up TLS',
  ehlo: 'Greet the server (EHLO)',
  token: 'Get an access token from the identity provider',
  auth: 'Sign in to the server',
  send: 'Send the test message',
  imap: 'Read the bounce mailbox (IMAP)',
};

/**
 * The test's steps as a checklist, in the order they ran, each with its time and the server's own
 * words; then the hint for the failure. The API answers once, at the end, so the steps arrive together.
 */
export function TestChecklist({ result }: { result: TestResult }) {
  const failed = result.steps.find((step) => !step.ok);
  return (
    <Stack gap="sm">
      <List aria-label="Test steps" spacing="xs" listStyleType="none" p={0}>
        {result.steps.map((step, index) => (
          <List.Item
            key={`${step.name}-${index}`}
            data-step={step.name}
            data-ok={step.ok}
            icon={
              <ThemeIcon color={step.ok ? 'green' : 'red'} variant="light" size="sm" radius="xl" aria-hidden>
                {step.ok ? '✓' : '✕'}
              </ThemeIcon>
            }
          >
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>
                {STEP_LABELS[step.name] ?? step.name}
              </Text>
              <Text size="sm">{step.ok ? 'passed' : 'failed'}</Text>
              <Text size="sm" c="dimmed">
                {step.ms} ms
              </Text>
            </Group>
            <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{step.detail}</Code>
          </List.Item>
        ))}
      </List>
      {result.ok ? (
        <Alert color="green" title="Every step passed">
          {result.steps.some((step) => step.name === 'send')
            ? 'The server accepted the test message. Look for it in the inbox you named.'
            : 'Mailroom can sign in and send through this server. Name an address above to send a test message too.'}
        </Alert>
      ) : (
        <Alert color="red" title={failed ? `Failed at: ${STEP_LABELS[failed.name] ?? failed.name}` : 'The test failed'} role="alert">
          {result.hint ?? 'The server’s words are above, at the failed step.'}
        </Alert>
      )}
    </Stack>
  );
}
