import { Injectable } from '@nestjs/common';
import { integrationStatusEvent, WebhookOutbox } from '@app/webhooks';
import { WorkspaceId } from '@app/workspace-id';
import { IntegrationStatusUpdate, IntegrationsRepository } from './integrations.repository';

/**
 * Writes what a check found out about an integration (a test, a delivery refused by the
 * server or the identity provider, a new consent), and, when that moves it to another state,
 * `integration.status_changed` with the error and the hint in the same transaction: the
 * workspace hears at once that Microsoft refused the client secret, and hears it once however
 * many deliveries found out together.
 */
@Injectable()
export class IntegrationStatusRecorder {
  constructor(
    private readonly integrations: IntegrationsRepository,
    private readonly outbox: WebhookOutbox,
  ) {}

  async record(workspaceId: WorkspaceId, integrationId: string, status: IntegrationStatusUpdate): Promise<void> {
    await this.outbox.run(async (manager, emit) => {
      const before = await this.integrations.updateStatus(workspaceId, integrationId, status, manager);
      if (!before || before.previousState === status.state) return;
      emit(
        integrationStatusEvent(
          { id: integrationId, workspaceId, name: before.name },
          { previousState: before.previousState, state: status.state, lastError: status.lastError, hint: status.hint },
        ),
      );
    });
    await this.integrations.changed(workspaceId);
  }
}
