import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { useAcceptInvitation } from '../api/auth-mutations';
import { AuthCard, BackToSignIn } from '../components/auth-card';
import { NEW_PASSWORD_HINT } from '@/lib/password-rules';

const FIELDS = ['name', 'password'] as const;

/** An invitation link: a new person chooses a name and password; someone with an account proves it with theirs. */
export function InvitePage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const accept = useAcceptInvitation();

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    const { name, password } = formValues(event);
    accept.mutate(
      { token, ...(name ? { name } : {}), password },
      { onSuccess: () => void navigate('/login?invitation=accepted', { replace: true }) },
    );
  };

  return (
    <AuthCard title="Join a workspace" intro="You were invited to a Mailroom workspace.">
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={accept.error} messages={formLevelErrors(accept.error, FIELDS)} />
          <TextInput
            label="Your name"
            name="name"
            autoComplete="name"
            description="Leave empty if this address already has a Mailroom account"
            error={fieldError(accept.error, 'name')}
          />
          <PasswordInput
            label="Password"
            name="password"
            required
            autoComplete="new-password"
            description={`A new account: choose one. ${NEW_PASSWORD_HINT} An existing account: its current password.`}
            error={fieldError(accept.error, 'password')}
          />
          <Button type="submit" loading={accept.isPending}>
            Accept invitation
          </Button>
          <Text size="sm">
            <BackToSignIn />
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
