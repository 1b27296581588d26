import { Badge, Button, Group, Table, Title, VisuallyHidden } from '@mantine/core';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { QueryState } from '@/components/query-state';
import { useCan } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useInvitations, useResendInvitation, useRevokeInvitation } from '../api/members';
import { IssuedInvitation } from './issued-invitation';

/** Invitations nobody has accepted yet; a new link replaces a lost one, revoking kills it. */
export function InvitationsSection({ ws }: { ws: string }) {
  const can = useCan();
  const invitations = useInvitations(ws);
  const resend = useResendInvitation(ws);
  const revoke = useRevokeInvitation(ws);
  const mayResend = can('POST /v1/workspaces/{ws}/invitations/{id}/resend');
  const mayRevoke = can('DELETE /v1/workspaces/{ws}/invitations/{id}');

  return (
    <section aria-labelledby="pending-invitations">
      <Title order={2} size="h4" mt="xl" mb="sm" id="pending-invitations">
        Pending invitations
      </Title>
      <ErrorAlert error={resend.error} title="No new link" />
      <ErrorAlert error={revoke.error} title="Not revoked" />
      {resend.data && <IssuedInvitation invitation={resend.data.invitation} />}
      <QueryState query={invitations} isEmpty={(page) => page.data.length === 0} empty="No invitation is waiting to be accepted.">
        {(page) => (
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Invited</Table.Th>
                <Table.Th>Link works until</Table.Th>
                {(mayResend || mayRevoke) && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>{invitation.email}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{invitation.role}</Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(invitation.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(invitation.expiresAt)}</Table.Td>
                  {(mayResend || mayRevoke) && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap" justify="flex-end">
                        {mayResend && (
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={`New link for ${invitation.email}`}
                            loading={resend.isPending && resend.variables === invitation.id}
                            onClick={() => resend.mutate(invitation.id)}
                          >
                            New link
                          </Button>
                        )}
                        {mayRevoke && (
                          <ConfirmButton
                            size="xs"
                            aria-label={`Revoke the invitation of ${invitation.email}`}
                            title={`Revoke the invitation of ${invitation.email}?`}
                            message="Its link stops working. You can invite the address again later."
                            confirmLabel="Revoke invitation"
                            loading={revoke.isPending}
                            onConfirm={() => revoke.mutate(invitation.id)}
                          >
                            Revoke
                          </ConfirmButton>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </section>
  );
}
