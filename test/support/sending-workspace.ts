import type { IntegrationResponse } from '../../apps/api/src/integrations/integration.response';
import type { FakeSmtpSecurity } from './fake-smtp-server';
import { basicIntegration, createIntegration } from './integration-factory';
import type { Json } from './json-body';
import type { TestApp } from './test-app';
import { createApiKey, createWorkspace, CreatedWorkspace } from './workspace-factory';

/** An SMTP server on loopback an integration can send to: a FakeSmtpServer, or a port and how it speaks. */
export interface SmtpEndpoint {
  port: number;
  security: FakeSmtpSecurity;
}

export interface SendingWorkspaceOptions {
  /**
   * The server the integration sends to, without authentication unless `integration.auth` says
   * otherwise. Without one the integration is `basicIntegration()`'s, where nothing listens: for
   * specs that accept messages but never deliver them.
   */
  smtp?: SmtpEndpoint;
  name?: string;
  /** Fields of the integration body that differ (usage, senders, auth, rateLimitPerMinute…). */
  integration?: Record<string, unknown>;
}

export interface SendingWorkspace extends CreatedWorkspace {
  integration: Json<IntegrationResponse>;
  /** A key with the `send` scope only, as an application server holds one. */
  sendKey: string;
}

/** A workspace with an integration that serves its mail, and a send key: where every sending spec starts. */
export async function createSendingWorkspace(
  app: TestApp,
  { smtp, name, integration: overrides = {} }: SendingWorkspaceOptions = {},
): Promise<SendingWorkspace> {
  const workspace = await createWorkspace(app, name);
  const endpoint = smtp ? { port: smtp.port, security: smtp.security, auth: { type: 'none' } } : {};
  const integration = await createIntegration(app, workspace, basicIntegration({ ...endpoint, ...overrides }));
  return { ...workspace, integration, sendKey: await createApiKey(app, workspace, ['send']) };
}
