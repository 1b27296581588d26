import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { IntegrationEntity, IntegrationState } from '@app/database';
import { WorkspaceId } from '@app/tenancy';

export type Usage = 'transactional' | 'marketing';

export interface IntegrationStatusUpdate {
  state: IntegrationState;
  lastError: string | null;
  hint: string | null;
}

/** Every query names the workspace first: an integration is only ever found inside its own. */
@Injectable()
export class IntegrationsRepository {
  constructor(@InjectRepository(IntegrationEntity) private readonly integrations: Repository<IntegrationEntity>) {}

  findById(workspaceId: WorkspaceId, id: string): Promise<IntegrationEntity | null> {
    return this.integrations.findOne({ where: { workspaceId, id }, relations: { senders: true }, order: { senders: { position: 'ASC' } } });
  }

  list(workspaceId: WorkspaceId): Promise<IntegrationEntity[]> {
    return this.integrations.find({ where: { workspaceId }, relations: { senders: true }, order: { createdAt: 'ASC', senders: { position: 'ASC' } } });
  }

  findByUsage(workspaceId: WorkspaceId, usage: Usage): Promise<IntegrationEntity | null> {
    const where = usage === 'transactional' ? { workspaceId, usageTransactional: true } : { workspaceId, usageMarketing: true };
    return this.integrations.findOne({ where, relations: { senders: true }, order: { senders: { position: 'ASC' } } });
  }

  save(workspaceId: WorkspaceId, integration: IntegrationEntity, manager: EntityManager = this.integrations.manager): Promise<IntegrationEntity> {
    integration.workspaceId = workspaceId;
    return manager.save(IntegrationEntity, integration);
  }

  async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
    const result = await this.integrations.delete({ workspaceId, id });
    return (result.affected ?? 0) > 0;
  }

  async updateStatus(workspaceId: WorkspaceId, id: string, status: IntegrationStatusUpdate): Promise<void> {
    await this.integrations.update(
      { workspaceId, id },
      { statusState: status.state, statusLastError: status.lastError, statusHint: status.hint, statusCheckedAt: new Date() },
    );
  }

  /**
   * Stores a rotated or newly consented refresh token, only if the credentials are still the ones
   * the token was obtained with (a concurrent edit wins over a late rotation).
   */
  async saveRefreshToken(
    workspaceId: WorkspaceId,
    id: string,
    credentialsVersion: number,
    refreshTokenEncrypted: string,
  ): Promise<boolean> {
    const result = await this.integrations.update({ workspaceId, id, credentialsVersion }, { refreshTokenEncrypted });
    return (result.affected ?? 0) > 0;
  }
}
