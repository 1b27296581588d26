import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { useSetup } from '../api/auth-mutations';
import { AuthCard } from '../components/auth-card';
import { NEW_PASSWORD_HINT, NEW_PASSWORD_RULES } from '@/lib/password-rules';

const FIELDS = ['email', 'name', 'password'] as const;

/** First run: the link `npm start` printed creates the first operator, once. */
export function SetupPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const setup = useSetup();
  const token = params.get('token') ?? '';

  if (!token)
    return (
      <AuthCard title="Set up Mailroom">
        <Text size="sm">
          Open the set-up link that <code>npm start</code> printed in its terminal (it ends in <code>/setup?token=…</code>). A new start
          prints a new link while no operator exists.
        </Text>
      </AuthCard>
    );

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    const { email, name, password } = formValues(event);
    setup.mutate({ token, email, name, password }, { onSuccess: () => void navigate('/login?setup=done', { replace: true }) });
  };

  return (
    <AuthCard title="Set up Mailroom" intro="Create the first operator account. Operators see every workspace and create new ones.">
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={setup.error} messages={formLevelErrors(setup.error, FIELDS)} />
          <TextInput label="Your name" name="name" autoComplete="name" required error={fieldError(setup.error, 'name')} />
          <TextInput label="Email" name="email" type="email" autoComplete="username" required error={fieldError(setup.error, 'email')} />
          <PasswordInput
            label="Password"
            name="password"
            description={NEW_PASSWORD_HINT}
            required
            {...NEW_PASSWORD_RULES}
            error={fieldError(setup.error, 'password')}
          />
          <Button type="submit" loading={setup.isPending}>
            Create operator
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
