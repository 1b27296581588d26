import type { IntegrationTestResponse } from '../../apps/api/src/integrations/integration-test.response';
import type { IntegrationResponse } from '../../apps/api/src/integrations/integration.response';
import type { Json } from './json-body';
import { bearer, TestApp } from './test-app';
import { CreatedWorkspace } from './workspace-factory';

export function basicIntegration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Company SMTP',
    host: '127.0.0.1',
    port: 2525,
    security: 'starttls',
    auth: { type: 'basic', username: 'sender@example.com', password: 'correct horse battery staple' },
    senders: [{ name: 'Support Team', email: 'support@example.com' }],
    usage: { transactional: true, marketing: false },
    ...overrides,
  };
}

export async function createIntegration(
  app: TestApp,
  workspace: CreatedWorkspace,
  body: Record<string, unknown> = basicIntegration(),
): Promise<Json<IntegrationResponse>> {
  const response = await app.http.post(`/v1/workspaces/${workspace.id}/integrations`).set(bearer(workspace.adminKey)).send(body);
  if (response.status !== 201) throw new Error(`integration not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The step called `name` in the answer of POST /integrations/{id}/test. */
export const step = (result: Json<IntegrationTestResponse>, name: string) => result.steps.find((s) => s.name === name);

/** The integration fields of a Microsoft 365 app-only (client credentials) sender for `mailbox`. */
export function microsoftAppOnly(app: {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  mailbox: string;
}): Record<string, unknown> {
  return {
    auth: {
      type: 'oauth2',
      provider: 'microsoft',
      flow: 'client_credentials',
      tenantId: app.tenantId,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      username: app.mailbox,
    },
    senders: [{ name: 'Contoso', email: app.mailbox }],
  };
}
