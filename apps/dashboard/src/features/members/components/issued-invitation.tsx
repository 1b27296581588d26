import { Alert } from '@mantine/core';
import { ShownOnce } from '@/components/shown-once';
import { formatDateTime } from '@/lib/format';
import type { IssuedInvitation as Issued } from '../api/members';

/** An invitation just issued: mailed through the workspace's transactional integration, or its link to hand over, shown this once. */
export function IssuedInvitation({ invitation }: { invitation: Issued }) {
  if (invitation.messageId)
    return (
      <Alert color="green" title="Invitation mailed" mb="md" role="status">
        Mailroom mailed the invitation link to {invitation.email}. It works until {formatDateTime(invitation.expiresAt)}.
      </Alert>
    );
  return (
    <ShownOnce
      label={`Invitation link for ${invitation.email} (${invitation.role}, until ${formatDateTime(invitation.expiresAt)})`}
      value={invitation.url}
    />
  );
}
