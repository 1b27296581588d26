import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a template said at one version, never changed once written: a send that names version 3
 * gets what version 3 said, whatever was saved since. A restore writes a new version.
 */
@Entity({ name: 'template_versions', synchronize: false })
export class TemplateVersionEntity {
  @PrimaryColumn({ name: 'template_id', type: 'uuid' })
  templateId: string;

  /** 1 for the first, one more for each change. */
  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', nullable: true })
  html: string | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  /** A variable the template uses but a send's data lacks is an error rather than blank. */
  @Column({ type: 'boolean' })
  strict: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
