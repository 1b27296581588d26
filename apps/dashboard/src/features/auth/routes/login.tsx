import { Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formValues } from '@/components/form-fields';
import { ApiError } from '@/lib/api-error';
import { useMe } from '@/lib/auth';
import { useForgotPassword, useLogin } from '../api/auth-mutations';
import { AuthCard } from '../components/auth-card';

const SECOND_FACTOR_REQUIRED = 'second factor required';

/** Only a page of this dashboard is a place to return to after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const forgot = useForgotPassword();
  const [askForCode, setAskForCode] = useState(false);
  const [forgetting, setForgetting] = useState(false);
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  const needsCode = askForCode || (login.error instanceof ApiError && login.error.messages.includes(SECOND_FACTOR_REQUIRED));
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    const { email, password, code } = formValues(event);
    if (forgetting) return forgot.mutate({ email });
    login.mutate(
      { email, password, ...(code ? { code } : {}) },
      {
        onSuccess: () => void navigate(next, { replace: true }),
        onError: (error) => setAskForCode(error instanceof ApiError && error.messages.includes(SECOND_FACTOR_REQUIRED)),
      },
    );
  };
  const loginError = login.error instanceof ApiError && login.error.messages.includes(SECOND_FACTOR_REQUIRED) ? null : login.error;

  return (
    <AuthCard title={forgetting ? 'Reset your password' : 'Sign in'}>
      <form onSubmit={submit} noValidate={false}>
        <Stack>
          {!forgetting && <ErrorAlert error={loginError} title="Not signed in" />}
          {forgetting && forgot.isSuccess && (
            <Text size="sm" role="status">
              If that address has an account and Mailroom can send mail, a reset link is on its way. Otherwise ask a workspace admin for a
              reset link.
            </Text>
          )}
          <TextInput label="Email" name="email" type="email" autoComplete="username" required error={fieldError(login.error, 'email')} />
          {!forgetting && (
            <PasswordInput
              label="Password"
              name="password"
              autoComplete="current-password"
              required
              error={fieldError(login.error, 'password')}
            />
          )}
          {!forgetting && needsCode && (
            <TextInput
              label="Authenticator code"
              description="The six digits your authenticator app shows, or one of your recovery codes"
              name="code"
              autoComplete="one-time-code"
              required
              autoFocus
              error={fieldError(login.error, 'code')}
            />
          )}
          <Group justify="space-between">
            <Anchor component="button" type="button" size="sm" onClick={() => setForgetting(!forgetting)}>
              {forgetting ? 'Back to sign in' : 'Forgot your password?'}
            </Anchor>
            <Button type="submit" loading={login.isPending || forgot.isPending}>
              {forgetting ? 'Send reset link' : 'Sign in'}
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthCard>
  );
}
