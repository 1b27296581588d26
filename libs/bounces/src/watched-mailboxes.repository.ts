import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How the watcher's last look at a mailbox went, as `bounces.status` shows it. */
export interface WatchedMailboxStatus {
  state: 'ok' | 'failing';
  lastError: string | null;
  hint: string | null;
}

/**
 * The mailboxes bounce processing watches, and how each one's last look went (left alone once
 * bounce processing is off).
 */
@Injectable()
export class WatchedMailboxesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(integrationId: string, status: WatchedMailboxStatus): Promise<void> {
    await this.dataSource.query(
      `UPDATE "public"."integrations"
       SET bounces_state = $2, bounces_last_error = $3, bounces_hint = $4, bounces_checked_at = now()
       WHERE id = $1 AND bounces_enabled`,
      [integrationId, status.state, status.lastError, status.hint],
    );
  }

  /**
   * Every integration with bounce processing on, in every workspace: what the workers share out
   * among themselves. `version` changes with anything a watch connects with.
   */
  async watched(): Promise<Array<{ id: string; workspaceId: string; version: string }>> {
    return this.dataSource.query(
      `SELECT id, workspace_id AS "workspaceId",
         md5(concat_ws('|', bounces_host, bounces_port, bounces_security, bounces_folder, bounces_processed_folder, bounces_auth_type,
           bounces_username, bounces_password_encrypted, bounces_envelope_sender, credentials_version, password_encrypted)) AS version
       FROM "public"."integrations" WHERE bounces_enabled ORDER BY id`,
    );
  }
}
