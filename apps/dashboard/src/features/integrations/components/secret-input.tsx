import { Button, Group, Input, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';

/**
 * A password, client secret or refresh token: never shown back. A stored one reads "stored" until
 * the person chooses to replace it; a refusal naming it (422: resend it) opens the input by itself.
 */
export function SecretInput({
  label,
  description,
  stored,
  value,
  onChange,
  error,
  required,
}: {
  label: string;
  description?: ReactNode;
  stored: boolean;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
}) {
  const [replacing, setReplacing] = useState(false);
  if (stored && !replacing && !error) {
    return (
      <Input.Wrapper label={label} description={description} labelElement="div">
        <Group gap="sm" mt={4}>
          <Text size="sm">Stored (encrypted, never shown)</Text>
          <Button variant="default" size="xs" onClick={() => setReplacing(true)} aria-label={`Replace the ${label.toLowerCase()}`}>
            Replace
          </Button>
        </Group>
      </Input.Wrapper>
    );
  }
  return (
    <Stack gap={4}>
      <PasswordInput
        label={label}
        description={description}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        required={required && !stored}
        autoComplete="new-password"
      />
      {stored && !error && (
        <Button
          variant="subtle"
          size="xs"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => {
            onChange('');
            setReplacing(false);
          }}
        >
          Keep the stored {label.toLowerCase()}
        </Button>
      )}
    </Stack>
  );
}
