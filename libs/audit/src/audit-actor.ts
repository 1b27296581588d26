import type { AuditActorType } from '@app/database';

/** Who acted, as the audit log shows it: never a credential, only what names it. */
export interface AuditActor {
  type: AuditActorType;
  /** The user's or API key's id; null for the platform admin token. */
  id: string | null;
  /** The user's email, the key's name and prefix, or "operator token". */
  label: string;
}

export const OPERATOR_TOKEN_ACTOR: AuditActor = { type: 'operator', id: null, label: 'operator token' };
