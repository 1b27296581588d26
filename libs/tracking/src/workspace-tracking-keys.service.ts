import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { SecretBox } from '@app/crypto';
import { WorkspaceEntity } from '@app/database';

/**
 * Each workspace signs its tracking and unsubscribe links with its own random key, so one
 * tenant's key can never vouch for another's links. Keys are made on first use, stored
 * encrypted, and never change, so they are cached for the life of the process.
 */
@Injectable()
export class WorkspaceTrackingKeys {
  private readonly cache = new Map<string, Buffer>();

  constructor(
    @InjectRepository(WorkspaceEntity) private readonly workspaces: Repository<WorkspaceEntity>,
    private readonly box: SecretBox,
  ) {}

  /** The key, or null when the workspace does not exist. */
  async keyOf(workspaceId: string): Promise<Buffer | null> {
    const cached = this.cache.get(workspaceId);
    if (cached) return cached;
    let stored = await this.read(workspaceId);
    if (stored === undefined) return null;
    if (stored === null) {
      const ciphertext = this.box.encrypt(randomBytes(32).toString('base64'), this.context(workspaceId));
      // Two processes may race to create it: the first write wins and both then read that one.
      await this.workspaces.update({ id: workspaceId, trackingKeyEncrypted: IsNull() }, { trackingKeyEncrypted: ciphertext });
      stored = (await this.read(workspaceId))!;
    }
    const key = Buffer.from(this.box.decrypt(stored, this.context(workspaceId)), 'base64');
    this.cache.set(workspaceId, key);
    return key;
  }

  private async read(workspaceId: string): Promise<string | null | undefined> {
    const row = await this.workspaces.findOne({ where: { id: workspaceId }, select: { id: true, trackingKeyEncrypted: true } });
    return row ? row.trackingKeyEncrypted : undefined;
  }

  private context(workspaceId: string): string {
    return `workspace:${workspaceId}:tracking-key`;
  }
}
