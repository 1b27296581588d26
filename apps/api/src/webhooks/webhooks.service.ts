import { BadRequestException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog, givenFields } from '@app/audit';
import { AppConfig } from '@app/config';
import { WebhookEndpointEntity } from '@app/database';
import { WebhookProducer } from '@app/queue';
import type { Principal } from '@app/tenancy';
import {
  checkWebhookHost,
  generateWebhookSecret,
  WebhookEndpointsRepository,
  WebhookHostRefusedError,
  WebhookSecrets,
  WebhookSubscriptions,
  webhookUrlProblem,
} from '@app/webhooks';
import { WorkspaceId } from '@app/workspace-id';
import { CreateWebhookDto, UpdateWebhookDto } from './webhook.dto';
import { CreatedWebhookResponse, RotatedSecretResponse, WebhookResponse } from './webhook.response';

const DISABLED_BY_REQUEST = 'Disabled with PATCH …/webhooks/{id} ("enabled": false)';

@Injectable()
export class WebhooksService {
  constructor(
    private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly secrets: WebhookSecrets,
    private readonly subscriptions: WebhookSubscriptions,
    private readonly producer: WebhookProducer,
    private readonly audit: AuditLog,
  ) {}

  async create(workspaceId: WorkspaceId, principal: Principal, dto: CreateWebhookDto): Promise<CreatedWebhookResponse> {
    const id = randomUUID();
    const secret = generateWebhookSecret();
    const endpoint = Object.assign(new WebhookEndpointEntity(), {
      id,
      url: await this.checkedUrl(dto.url),
      description: dto.description ?? null,
      eventTypes: dto.events,
      secretEncrypted: this.secrets.encrypt(id, 'current', secret),
      previousSecretEncrypted: null,
      previousSecretExpiresAt: null,
      lastSuccessAt: null,
      failingSince: null,
      lastError: null,
    });
    this.applyEnabled(endpoint, dto.enabled ?? true);
    const saved = await this.endpoints.save(workspaceId, endpoint);
    await this.subscriptions.changed(workspaceId);
    await this.audit.record(workspaceId, principal, 'webhook.created', `webhook:${id}`, { url: saved.url, events: saved.eventTypes });
    return { ...WebhookResponse.from(saved), secret };
  }

  async list(workspaceId: WorkspaceId): Promise<WebhookResponse[]> {
    return (await this.endpoints.list(workspaceId)).map(WebhookResponse.from);
  }

  async get(workspaceId: WorkspaceId, id: string): Promise<WebhookResponse> {
    return WebhookResponse.from(await this.find(workspaceId, id));
  }

  /** Enabling it again starts afresh: its failing streak is forgotten, and its pending deliveries go at once. */
  async update(workspaceId: WorkspaceId, principal: Principal, id: string, dto: UpdateWebhookDto): Promise<WebhookResponse> {
    const endpoint = await this.find(workspaceId, id);
    if (dto.url !== undefined) endpoint.url = await this.checkedUrl(dto.url);
    endpoint.eventTypes = dto.events ?? endpoint.eventTypes;
    if (dto.description !== undefined) endpoint.description = dto.description || null;
    const resumed = dto.enabled === true && !endpoint.enabled;
    if (dto.enabled !== undefined && dto.enabled !== endpoint.enabled) this.applyEnabled(endpoint, dto.enabled);
    const saved = await this.endpoints.save(workspaceId, endpoint);
    await this.subscriptions.changed(workspaceId);
    if (resumed) await this.producer.wake([{ workspaceId, endpointId: id }]);
    await this.audit.record(workspaceId, principal, 'webhook.updated', `webhook:${id}`, { url: saved.url, fields: givenFields(dto) });
    return WebhookResponse.from(saved);
  }

  async remove(workspaceId: WorkspaceId, principal: Principal, id: string): Promise<void> {
    if (!(await this.endpoints.remove(workspaceId, id))) throw this.notFound(id);
    await this.subscriptions.changed(workspaceId);
    await this.audit.record(workspaceId, principal, 'webhook.deleted', `webhook:${id}`);
  }

  /** The secret replaced keeps signing, beside the new one, for WEBHOOK_SECRET_GRACE_MS, so receivers can switch over. */
  async rotateSecret(workspaceId: WorkspaceId, principal: Principal, id: string): Promise<RotatedSecretResponse> {
    const endpoint = await this.find(workspaceId, id);
    const secret = generateWebhookSecret();
    const previousSecretExpiresAt = new Date(Date.now() + this.config.WEBHOOK_SECRET_GRACE_MS);
    endpoint.previousSecretEncrypted = this.secrets.encrypt(id, 'previous', this.secrets.decrypt(id, 'current', endpoint.secretEncrypted));
    endpoint.previousSecretExpiresAt = previousSecretExpiresAt;
    endpoint.secretEncrypted = this.secrets.encrypt(id, 'current', secret);
    await this.endpoints.save(workspaceId, endpoint);
    await this.audit.record(workspaceId, principal, 'webhook.secret_rotated', `webhook:${id}`, { previousSecretExpiresAt });
    return { secret, previousSecretExpiresAt };
  }

  async find(workspaceId: WorkspaceId, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = await this.endpoints.findById(workspaceId, id);
    if (!endpoint) throw this.notFound(id);
    return endpoint;
  }

  private notFound(id: string): NotFoundException {
    return new NotFoundException(`Webhook endpoint ${id} not found`);
  }

  private applyEnabled(endpoint: WebhookEndpointEntity, enabled: boolean): void {
    endpoint.enabled = enabled;
    endpoint.disabledReason = enabled ? null : DISABLED_BY_REQUEST;
    endpoint.disabledAt = enabled ? null : new Date();
    if (enabled) endpoint.failingSince = null;
  }

  /** The URL as it is stored (WHATWG-serialised), once its form and, where private hosts are refused, its host pass. */
  private async checkedUrl(url: string): Promise<string> {
    const problem = webhookUrlProblem(url, this.config.WEBHOOK_ALLOW_HTTP);
    if (problem) throw new BadRequestException([problem]);
    const parsed = new URL(url);
    if (this.config.WEBHOOK_ALLOW_PRIVATE_HOSTS) return parsed.href;
    try {
      await checkWebhookHost(parsed);
    } catch (error) {
      if (error instanceof WebhookHostRefusedError) throw new UnprocessableEntityException([`url: ${error.message}`]);
      throw new UnprocessableEntityException([`url: ${parsed.hostname} could not be resolved in DNS`]);
    }
    return parsed.href;
  }
}
