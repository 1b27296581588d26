import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { useResetPassword } from '../api/auth-mutations';
import { AuthCard, BackToSignIn } from '../components/auth-card';
import { NEW_PASSWORD_HINT, NEW_PASSWORD_RULES } from '@/lib/password-rules';

/** A password-reset link (mailed, or handed over by an admin): a new password, and every session of the account ends. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const reset = useResetPassword();
  const token = params.get('token') ?? '';

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    const { password } = formValues(event);
    reset.mutate({ token, password }, { onSuccess: () => void navigate('/login?password=reset', { replace: true }) });
  };

  return (
    <AuthCard title="Choose a new password" intro="Signing in elsewhere ends once the new password is set.">
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={reset.error} messages={formLevelErrors(reset.error, ['password'])} />
          <PasswordInput
            label="New password"
            name="password"
            description={NEW_PASSWORD_HINT}
            required
            {...NEW_PASSWORD_RULES}
            error={fieldError(reset.error, 'password')}
          />
          <Button type="submit" loading={reset.isPending} disabled={!token}>
            Set password
          </Button>
          <Text size="sm">
            <BackToSignIn />
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
