import { Button, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors } from '@/components/form-fields';
import { useTestIntegration } from '../api/integration-test';
import { TestChecklist } from './test-checklist';

/** Test: a real SMTP session with the saved settings, optionally sending a message, shown step by step; with bounce processing on, an IMAP login too. */
export function TestPanel({ ws, id, readsBounces }: { ws: string; id: string; readsBounces: boolean }) {
  const test = useTestIntegration(ws, id);
  const [to, setTo] = useState('');
  return (
    <Paper withBorder p="lg" component="section" aria-label="Test">
      <Title order={2} size="h4" mb="xs">
        Test
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Connects with the saved settings and goes through every step a delivery takes, stopping at the first that fails. The outcome becomes
        the integration&apos;s status.
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          test.mutate(to.trim() === '' ? undefined : to.trim());
        }}
      >
        <ErrorAlert error={test.error} messages={formLevelErrors(test.error, ['to'])} title="The test did not run" />
        <Group align="flex-end">
          <TextInput
            label="Send a test message to (optional)"
            type="email"
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            error={fieldError(test.error, 'to')}
            placeholder="you@example.com"
            style={{ flex: 1, maxWidth: 420 }}
          />
          <Button type="submit" loading={test.isPending}>
            Test
          </Button>
        </Group>
      </form>
      <Stack mt="md" aria-live="polite">
        {test.isPending && (
          <Group gap="sm">
            <Loader size="sm" aria-hidden />
            <Text size="sm">
              Testing: resolve, connect, TLS, EHLO, sign-in{to ? ', send' : ''}
              {readsBounces ? ', the bounce mailbox' : ''}. The steps appear when the server has answered.
            </Text>
          </Group>
        )}
        {test.data && !test.isPending && <TestChecklist result={test.data} />}
      </Stack>
    </Paper>
  );
}
