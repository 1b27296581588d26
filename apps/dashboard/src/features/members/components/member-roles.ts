import type { MemberRole } from '../api/members';

/** What each role may do (libs/tenancy/src/route-permissions.ts), in the order from most to least. */
export const MEMBER_ROLES: Record<MemberRole, string> = {
  admin: 'Everything in the workspace: integrations and senders, API keys, members, settings and the audit log.',
  member: 'Sends mail and runs marketing: contacts, lists, broadcasts and suppressions. Sees integrations without changing them.',
  viewer: 'Reads what a member reads and changes nothing.',
};

export const ROLE_OPTIONS = (Object.keys(MEMBER_ROLES) as MemberRole[]).map((role) => ({ value: role, label: role }));
