/** Every action the audit log records; a dashboard filters and words them by these names. */
export const AUDIT_ACTIONS = [
  'workspace.created',
  'workspace.updated',
  'api_key.created',
  'api_key.revoked',
  'integration.created',
  'integration.updated',
  'integration.deleted',
  'integration.tested',
  'integration.connected',
  'broadcast.sent',
  'broadcast.paused',
  'broadcast.resumed',
  'broadcast.cancelled',
  'member.invited',
  'member.role_changed',
  'member.removed',
  'member.password_reset_issued',
  'invitation.accepted',
  'invitation.resent',
  'invitation.revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
