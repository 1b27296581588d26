import { Anchor, Button, Group, Table } from '@mantine/core';
import { Link } from 'react-router';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { useCan } from '@/lib/auth';
import { contactName } from '@/lib/contact-name';
import { formatDateTime } from '@/lib/format';
import { useRemoveMember, useSetMembershipStatus, type ListMember } from '../api/list-members';
import { MembershipStatusBadge } from './membership-status-badge';

/** The list's members with their subscription status; members may be unsubscribed, subscribed again or taken off the list. */
export function MembersTable({ ws, listId, members }: { ws: string; listId: string; members: ListMember[] }) {
  const can = useCan();
  const setStatus = useSetMembershipStatus(ws, listId);
  const remove = useRemoveMember(ws, listId);
  const canChange = can('PATCH /v1/workspaces/{ws}/lists/{id}/contacts/{contactId}');
  const canRemove = can('DELETE /v1/workspaces/{ws}/lists/{id}/contacts/{contactId}');

  return (
    <>
      <ErrorAlert error={setStatus.error ?? remove.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Email</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Joined</Table.Th>
              <Table.Th>Unsubscribed</Table.Th>
              {(canChange || canRemove) && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => (
              <Table.Tr key={member.contactId}>
                <Table.Td>
                  <Anchor component={Link} to={`/w/${ws}/contacts/${member.contactId}`}>
                    {member.email}
                  </Anchor>
                </Table.Td>
                <Table.Td>{contactName(member) || '—'}</Table.Td>
                <Table.Td>
                  <MembershipStatusBadge status={member.status} />
                </Table.Td>
                <Table.Td>{formatDateTime(member.addedAt)}</Table.Td>
                <Table.Td>{formatDateTime(member.unsubscribedAt)}</Table.Td>
                {(canChange || canRemove) && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {canChange && member.status === 'subscribed' && (
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => setStatus.mutate({ contactId: member.contactId, status: 'unsubscribed' })}
                          aria-label={`Unsubscribe: ${member.email}`}
                        >
                          Unsubscribe
                        </Button>
                      )}
                      {canChange && member.status === 'unsubscribed' && (
                        <ConfirmButton
                          size="compact-sm"
                          color="blue"
                          variant="default"
                          aria-label={`Subscribe again: ${member.email}`}
                          title={`Subscribe ${member.email} again?`}
                          message="Only when the person asked for it: they unsubscribed from this list. An address they unsubscribed with a link in a mail also stays suppressed until that is lifted under Suppressions."
                          confirmLabel="Subscribe again"
                          onConfirm={() => setStatus.mutate({ contactId: member.contactId, status: 'subscribed' })}
                        >
                          Subscribe again
                        </ConfirmButton>
                      )}
                      {canRemove && (
                        <ConfirmButton
                          size="compact-sm"
                          aria-label={`Remove: ${member.email}`}
                          title={`Remove ${member.email} from this list?`}
                          message="The contact stays in the workspace and on its other lists; only this membership, and its unsubscribed status, go."
                          confirmLabel="Remove from list"
                          onConfirm={() => remove.mutate(member.contactId)}
                        >
                          Remove
                        </ConfirmButton>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
