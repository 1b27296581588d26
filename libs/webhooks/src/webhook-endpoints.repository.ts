import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { storableText, WebhookEndpointEntity } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

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

  /** The event types the workspace's enabled endpoints take, `*` standing for all. */
  async subscribedTypes(workspaceId: WorkspaceId): Promise<string[]> {
    const rows: Array<{ type: string }> = await this.endpoints.query(
      `SELECT DISTINCT unnest(event_types) AS type FROM "public"."webhook_endpoints" WHERE workspace_id = $1 AND enabled`,
      [workspaceId],
    );
    return rows.map((row) => row.type);
  }
}
