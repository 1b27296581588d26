import { TestApp, bearer } from './test-app';

export interface CreatedWorkspace {
  id: string;
  adminKey: string;
}

export async function createWorkspace(app: TestApp, name = 'Acme'): Promise<CreatedWorkspace> {
  const response = await app.http.post('/v1/workspaces').set(bearer(app.adminToken)).send({ name }).expect(201);
  return { id: response.body.id, adminKey: response.body.apiKey.key };
}

export async function createApiKey(app: TestApp, workspace: CreatedWorkspace, scopes: string[]): Promise<string> {
  const response = await app.http
    .post(`/v1/workspaces/${workspace.id}/api-keys`)
    .set(bearer(workspace.adminKey))
    .send({ name: `${scopes.join('+')} key`, scopes })
    .expect(201);
  return response.body.key;
}
