import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SuppressionsRepository } from '@app/marketing';
import { WorkspaceId } from '@app/workspace-id';

/**
 * The addresses transactional mail skips: hard bounces and complaints, unless the workspace turned
 * that off. Most workspaces have none, and transactional sending is the hot path, so whether a
 * workspace has any is remembered for BOUNCED_ADDRESSES_CACHE_MS, and only then are a message's
 * addresses looked up.
 */
@Injectable()
export class BouncedAddresses {
  private readonly anyByWorkspace = new Map<string, { any: Promise<boolean>; until: number }>();

  constructor(
    private readonly suppressions: SuppressionsRepository,
    private readonly config: AppConfig,
  ) {}

  async among(workspaceId: WorkspaceId, emails: string[]): Promise<Set<string>> {
    if (!(await this.workspaceHasAny(workspaceId))) return new Set();
    return this.suppressions.bouncedAmong(workspaceId, emails);
  }

  private workspaceHasAny(workspaceId: WorkspaceId): Promise<boolean> {
    const known = this.anyByWorkspace.get(workspaceId);
    if (known && known.until > Date.now()) return known.any;
    const any = this.suppressions.anyBounced(workspaceId);
    this.anyByWorkspace.set(workspaceId, { any, until: Date.now() + this.config.BOUNCED_ADDRESSES_CACHE_MS });
    any.catch(() => this.anyByWorkspace.delete(workspaceId));
    return any;
  }
}
