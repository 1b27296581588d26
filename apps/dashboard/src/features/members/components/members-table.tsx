import { Badge, Button, Group, Select, Table, Text, VisuallyHidden } from '@mantine/core';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { ShownOnce } from '@/components/shown-once';
import { useCan, useMe } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useChangeRole, useIssuePasswordReset, useRemoveMember, type Member, type MemberRole } from '../api/members';
import { ROLE_OPTIONS } from './member-roles';

/** The people of the workspace; admins change roles, remove people and issue password-reset links for those who cannot sign in. */
export function MembersTable({ ws, members }: { ws: string; members: Member[] }) {
  const can = useCan();
  const myId = useMe().data?.user.id;
  const changeRole = useChangeRole(ws);
  const remove = useRemoveMember(ws);
  const reset = useIssuePasswordReset(ws);
  const mayChangeRole = can('PATCH /v1/workspaces/{ws}/members/{userId}');
  const mayRemove = can('DELETE /v1/workspaces/{ws}/members/{userId}');
  const mayReset = can('POST /v1/workspaces/{ws}/members/{userId}/password-reset');
  const resetFor = members.find((member) => member.userId === reset.variables);

  return (
    <>
      <ErrorAlert error={changeRole.error} title="Role not changed" />
      <ErrorAlert error={remove.error} title="Not removed" />
      <ErrorAlert error={reset.error} title="No reset link" />
      {reset.data && resetFor && <ShownOnce label={`Password-reset link for ${resetFor.email}`} value={reset.data.url} />}
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Member since</Table.Th>
            {(mayRemove || mayReset) && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => {
            const isMe = member.userId === myId;
            return (
              <Table.Tr key={member.userId}>
                <Table.Td>
                  {member.name}
                  {isMe && (
                    <Text span c="dimmed" size="sm">
                      {' '}
                      (you)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{member.email}</Table.Td>
                <Table.Td>
                  {mayChangeRole ? (
                    <Select
                      aria-label={`Role of ${member.name}`}
                      data={ROLE_OPTIONS}
                      value={member.role}
                      allowDeselect={false}
                      disabled={changeRole.isPending}
                      onChange={(role) =>
                        role && role !== member.role && changeRole.mutate({ userId: member.userId, role: role as MemberRole })
                      }
                      w={130}
                    />
                  ) : (
                    <Badge variant="light">{member.role}</Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatDateTime(member.since)}</Table.Td>
                {(mayRemove || mayReset) && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" justify="flex-end">
                      {mayReset && !isMe && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`Password-reset link for ${member.name}`}
                          onClick={() => reset.mutate(member.userId)}
                        >
                          Reset link
                        </Button>
                      )}
                      {mayRemove && (
                        <ConfirmButton
                          size="xs"
                          aria-label={`Remove ${member.name}`}
                          title={isMe ? 'Leave this workspace?' : `Remove ${member.name}?`}
                          message={
                            isMe
                              ? 'You lose access to this workspace with your next request. An admin can invite you again.'
                              : `${member.email} loses access to this workspace with their next request. Their account and other workspaces stay.`
                          }
                          confirmLabel={isMe ? 'Leave' : 'Remove'}
                          loading={remove.isPending}
                          onConfirm={() => remove.mutate(member.userId)}
                        >
                          {isMe ? 'Leave' : 'Remove'}
                        </ConfirmButton>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}
