import { UnprocessableEntityException } from '@nestjs/common';
import type { IntegrationEntity } from '@app/database';
import type { IntegrationsRepository } from '@app/integrations';
import type { WorkspaceId } from '@app/workspace-id';

/** The integration a broadcast (and its test) goes out through; a 422 saying how to set one when there is none. */
export async function requireMarketingIntegration(
  integrations: IntegrationsRepository,
  workspaceId: WorkspaceId,
): Promise<IntegrationEntity> {
  const integration = await integrations.findByUsage(workspaceId, 'marketing');
  if (!integration) {
    throw new UnprocessableEntityException(['no integration of this workspace serves marketing mail; set usage.marketing on one']);
  }
  return integration;
}
