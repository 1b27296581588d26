import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { NEW_PASSWORD_HINT, NEW_PASSWORD_RULES } from '@/lib/password-rules';
import { useChangePassword } from '../api/account';

const FIELDS = ['current', 'next'] as const;

export function ChangePasswordForm() {
  const change = useChangePassword();
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const { current, next } = formValues(event);
    change.mutate({ current, next }, { onSuccess: () => form.reset() });
  };

  return (
    <form onSubmit={submit} aria-label="Change password">
      <Stack gap="md" maw={420}>
        <ErrorAlert error={change.error} messages={formLevelErrors(change.error, FIELDS)} title="Password not changed" />
        {change.isSuccess && (
          <Text size="sm" role="status">
            Password changed. Every other session of yours has ended; this one goes on.
          </Text>
        )}
        <PasswordInput
          label="Current password"
          name="current"
          autoComplete="current-password"
          required
          error={fieldError(change.error, 'current')}
        />
        <PasswordInput
          label="New password"
          name="next"
          required
          {...NEW_PASSWORD_RULES}
          description={NEW_PASSWORD_HINT}
          error={fieldError(change.error, 'next')}
        />
        <Group>
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
