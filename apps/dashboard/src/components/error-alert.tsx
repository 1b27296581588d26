import { Alert, List } from '@mantine/core';
import { ApiError, describeError } from '@/lib/api-error';

/** An API refusal or a lost connection, in the API's own words; `messages` narrows what is shown (the ones no field claims). */
export function ErrorAlert({ error, messages, title = 'That did not work' }: { error: unknown; messages?: string[]; title?: string }) {
  if (!error) return null;
  const lines = messages ?? (error instanceof ApiError ? error.messages : [describeError(error)]);
  if (lines.length === 0) return null;
  return (
    <Alert color="red" title={title} role="alert" mb="md">
      {lines.length === 1 ? (
        lines[0]
      ) : (
        <List size="sm">
          {lines.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
