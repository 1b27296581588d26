import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { SecretBox } from '@app/crypto';
import { trustedWorkspaceId } from '@app/workspace-id';
import { WorkspacesRepository } from '@app/workspaces';

/**
 * Each workspace signs its tracking and unsubscribe links with its own random key, so one
 * tenant's key can never vouch for another's links. Keys are made on first use, stored
 * encrypted, and never change, so they are cached for the life of the process.
 */
@Injectable()
export class WorkspaceTrackingKeys {
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly workspaces: WorkspacesRepository,
    private readonly box: SecretBox,
  ) {}

  /**
   * The key, or null when the workspace does not exist. The id comes from a stored row (a
   * message's, a job's), never from a request.
   */
  async keyOf(id: string): Promise<Buffer | null> {
    const workspaceId = trustedWorkspaceId(id);
    const cached = this.cache.get(workspaceId);
    if (cached) return cached;
    let stored = await this.workspaces.trackingKey(workspaceId);
    if (stored === undefined) return null;
    if (stored === null) {
      const ciphertext = this.box.encrypt(randomBytes(32).toString('base64'), this.context(workspaceId));
      // Two processes may race to create it: the first write wins and both then read that one.
      await this.workspaces.storeTrackingKeyIfAbsent(workspaceId, ciphertext);
      stored = (await this.workspaces.trackingKey(workspaceId))!;
    }
    const key = Buffer.from(this.box.decrypt(stored, this.context(workspaceId)), 'base64');
    this.cache.set(workspaceId, key);
    return key;
  }

  private context(workspaceId: string): string {
    return `workspace:${workspaceId}:tracking-key`;
  }
}
