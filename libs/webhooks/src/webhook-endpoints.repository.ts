import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { storableText, WebhookEndpointEntity } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

const lease = (parameter: string) => `make_interval(secs => ${parameter}::double precision / 1000)`;

/** Every query names the workspace first: an endpoint is only ever found inside its own. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(@InjectRepository(WebhookEndpointEntity) private readonly endpoints: Repository<WebhookEndpointEntity>) {}

  findById(workspaceId: WorkspaceId, id: string): Promise<WebhookEndpointEntity | null> {
    return this.endpoints.findOneBy({ workspaceId, id });
  }

  list(workspaceId: WorkspaceId): Promise<WebhookEndpointEntity[]> {
    return this.endpoints.find({ where: { workspaceId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  save(workspaceId: WorkspaceId, endpoint: WebhookEndpointEntity): Promise<WebhookEndpointEntity> {
    endpoint.workspaceId = workspaceId;
    endpoint.description = storableText(endpoint.description);
    return this.endpoints.save(endpoint);
  }

  async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
    const result = await this.endpoints.delete({ workspaceId, id });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Makes the job holding `token` the one delivering to the endpoint for `leaseMs`, if it is
   * enabled and no other job owns it (or its owner died and the time ran out); answers the
   * endpoint, or null. One owner at a time keeps the requests in flight to an endpoint at the
   * owner's concurrency, whatever the number of workers.
   */
  async acquire(workspaceId: WorkspaceId, id: string, token: string, leaseMs: number): Promise<WebhookEndpointEntity | null> {
    const [, owned] = (await this.endpoints.query(
      `UPDATE "public"."webhook_endpoints" SET owner_token = $3, owned_until = now() + ${lease('$4')}
       WHERE workspace_id = $1 AND id = $2 AND enabled AND (owned_until IS NULL OR owned_until < now() OR owner_token = $3)`,
      [workspaceId, id, token, leaseMs],
    )) as [unknown, number];
    return owned > 0 ? this.findById(workspaceId, id) : null;
  }

  /** While the owner works: false once it no longer owns the endpoint. */
  async renew(workspaceId: WorkspaceId, id: string, token: string, leaseMs: number): Promise<boolean> {
    const [, renewed] = (await this.endpoints.query(
      `UPDATE "public"."webhook_endpoints" SET owned_until = now() + ${lease('$4')} WHERE workspace_id = $1 AND id = $2 AND owner_token = $3`,
      [workspaceId, id, token, leaseMs],
    )) as [unknown, number];
    return renewed > 0;
  }

  async release(workspaceId: WorkspaceId, id: string, token: string): Promise<void> {
    await this.endpoints.query(
      `UPDATE "public"."webhook_endpoints" SET owner_token = NULL, owned_until = NULL WHERE workspace_id = $1 AND id = $2 AND owner_token = $3`,
      [workspaceId, id, token],
    );
  }

  /** The event types the workspace's enabled endpoints take, `*` standing for all. */
  async subscribedTypes(workspaceId: WorkspaceId): Promise<string[]> {
    const rows: Array<{ type: string }> = await this.endpoints.query(
      `SELECT DISTINCT unnest(event_types) AS type FROM "public"."webhook_endpoints" WHERE workspace_id = $1 AND enabled`,
      [workspaceId],
    );
    return rows.map((row) => row.type);
  }
}
