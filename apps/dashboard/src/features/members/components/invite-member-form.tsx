import { Button, Group, Paper, Radio, Stack, TextInput, Title } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { useInvite, type MemberRole } from '../api/members';
import { IssuedInvitation } from './issued-invitation';
import { MEMBER_ROLES } from './member-roles';

const FIELDS = ['email', 'role'] as const;

/** Invites an address with a role; without a mail integration, the link is the admin's to hand over. */
export function InviteMemberForm({ ws }: { ws: string }) {
  const invite = useInvite(ws);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const { email, role } = formValues(event);
    invite.mutate({ email, role: role as MemberRole }, { onSuccess: () => form.reset() });
  };

  return (
    <Paper withBorder p="md" mb="xl">
      <Title order={2} size="h4" mb="sm">
        Invite a person
      </Title>
      {invite.data && <IssuedInvitation invitation={invite.data.invitation} />}
      <form onSubmit={submit}>
        <ErrorAlert error={invite.error} messages={formLevelErrors(invite.error, FIELDS)} />
        <Stack gap="md">
          <TextInput label="Email" name="email" type="email" required maxLength={320} error={fieldError(invite.error, 'email')} maw={420} />
          <Radio.Group label="Role" name="role" defaultValue="member" error={fieldError(invite.error, 'role')}>
            <Stack gap="xs" mt="xs">
              {Object.entries(MEMBER_ROLES).map(([role, meaning]) => (
                <Radio key={role} value={role} label={role} description={meaning} />
              ))}
            </Stack>
          </Radio.Group>
          <Group>
            <Button type="submit" loading={invite.isPending}>
              Invite
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
