import { Alert, Code, Stack, Text } from '@mantine/core';

/** What went wrong at the last look, in the server's own words, and what to do about it; nothing when all is well. */
export function StatusProblem({ lastError, hint, hintColor }: { lastError?: string | null; hint?: string | null; hintColor: string }) {
  return (
    <>
      {lastError && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            Last error
          </Text>
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {lastError}
          </Code>
        </Stack>
      )}
      {hint && (
        <Alert color={hintColor} title="What to do">
          {hint}
        </Alert>
      )}
    </>
  );
}
