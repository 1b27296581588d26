import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WorkspaceId } from '@app/workspace-id';

/**
 * Forgets processed reports of a workspace's mailboxes past its metadata retention: by then the
 * messages they were about are gone too, and the report itself sits in the processed folder, not
 * in the watched one, so nothing will read it again.
 */
@Injectable()
export class ProcessedReportsRetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async purge(workspaceId: WorkspaceId, before: Date, limit: number): Promise<number> {
    const [row] = (await this.dataSource.query(
      `WITH doomed AS (
         SELECT r.integration_id, r.report_key FROM "public"."processed_mailbox_reports" r
         JOIN "public"."integrations" i ON i.id = r.integration_id AND i.workspace_id = $1
         WHERE r.processed_at < $2 LIMIT $3
       ),
       gone AS (
         DELETE FROM "public"."processed_mailbox_reports" r USING doomed
         WHERE r.integration_id = doomed.integration_id AND r.report_key = doomed.report_key RETURNING 1
       )
       SELECT count(*)::int AS deleted FROM gone`,
      [workspaceId, before, limit],
    )) as Array<{ deleted: number }>;
    return row!.deleted;
  }
}
