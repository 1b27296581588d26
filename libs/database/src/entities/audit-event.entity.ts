import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditActorType = 'user' | 'api_key' | 'operator';

/** Append-only: who did what. `workspaceId` null is the operator-level log. Never holds a secret. */
@Entity({ name: 'audit_events', synchronize: false })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid', nullable: true })
  workspaceId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_type', type: 'text' })
  actorType: AuditActorType;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_label', type: 'text' })
  actorLabel: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  target: string | null;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;
}
