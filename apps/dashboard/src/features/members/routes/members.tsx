import { List, Text } from '@mantine/core';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { useMembers, type MemberRole } from '../api/members';
import { InvitationsSection } from '../components/invitations-section';
import { InviteMemberForm } from '../components/invite-member-form';
import { MEMBER_ROLES } from '../components/member-roles';
import { MembersTable } from '../components/members-table';

/** `/w/{ws}/members`: who works in the workspace and with which role; admins invite, change and remove. */
export function MembersPage() {
  const ws = useWorkspaceId();
  const can = useCan();
  const members = useMembers(ws);

  return (
    <>
      <PageHeader
        title="Members"
        description="The people who sign in to this workspace. A role applies from the person's next request; the workspace always keeps at least one admin."
      />
      <List size="sm" mb="lg" spacing={4}>
        {(Object.entries(MEMBER_ROLES) as [MemberRole, string][]).map(([role, meaning]) => (
          <List.Item key={role}>
            <Text span fw={600} size="sm">
              {role}
            </Text>
            : {meaning}
          </List.Item>
        ))}
      </List>
      {can('POST /v1/workspaces/{ws}/members') && <InviteMemberForm ws={ws} />}
      <QueryState
        query={members}
        isEmpty={(page) => page.data.length === 0}
        empty="Nobody is a member yet: the operator manages this workspace. Invite the first admin."
      >
        {(page) => <MembersTable ws={ws} members={page.data} />}
      </QueryState>
      {can('GET /v1/workspaces/{ws}/invitations') && <InvitationsSection ws={ws} />}
    </>
  );
}
