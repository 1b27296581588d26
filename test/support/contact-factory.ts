import type { ContactResponse } from '../../apps/api/src/contacts/contact.response';
import type { ListResponse } from '../../apps/api/src/lists/list.response';
import type { Json } from './json-body';
import { bearer, TestApp } from './test-app';
import { CreatedWorkspace } from './workspace-factory';

export async function createContact(
  app: TestApp,
  workspace: CreatedWorkspace,
  body: Record<string, unknown>,
): Promise<Json<ContactResponse>> {
  const response = await app.http.post(`/v1/workspaces/${workspace.id}/contacts`).set(bearer(workspace.adminKey)).send(body);
  if (response.status !== 201) throw new Error(`contact not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function createList(app: TestApp, workspace: CreatedWorkspace, name = 'Newsletter'): Promise<Json<ListResponse>> {
  const response = await app.http.post(`/v1/workspaces/${workspace.id}/lists`).set(bearer(workspace.adminKey)).send({ name });
  if (response.status !== 201) throw new Error(`list not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
