import { bearer, startTestApp, TestApp } from './support/test-app';
import { createApiKey, createWorkspace, CreatedWorkspace } from './support/workspace-factory';

describe('authentication and tenancy', () => {
  let t: TestApp;
  let a: CreatedWorkspace;
  let b: CreatedWorkspace;
  let aSendKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    a = await createWorkspace(t, 'A');
    b = await createWorkspace(t, 'B');
    aSendKey = await createApiKey(t, a, ['send']);
  });
  afterAll(() => t.close());

  it('answers 401 naming the problem when no token is sent', async () => {
    const response = await t.http.get(`/v1/workspaces/${a.id}`).expect(401);
    expect(response.body.message).toMatch(/bearer token/i);
  });

  it('answers 401 for an unknown API key and for a wrong platform token', async () => {
    await t.http.get(`/v1/workspaces/${a.id}`).set(bearer('mr_doesnotexist')).expect(401);
    await t.http.get('/v1/workspaces').set(bearer('not-the-admin-token')).expect(401);
  });

  it('answers 401 for a malformed Authorization header', async () => {
    await t.http.get(`/v1/workspaces/${a.id}`).set('Authorization', `Basic ${a.adminKey}`).expect(401);
  });

  it('lets the platform token create and list workspaces, and read any workspace', async () => {
    const list = await t.http.get('/v1/workspaces').set(bearer(t.adminToken)).expect(200);
    expect(list.body.data.map((w: { id: string }) => w.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    await t.http.get(`/v1/workspaces/${b.id}`).set(bearer(t.adminToken)).expect(200);
  });

  it('refuses workspace keys on platform endpoints with 403', async () => {
    await t.http.get('/v1/workspaces').set(bearer(a.adminKey)).expect(403);
    await t.http.post('/v1/workspaces').set(bearer(a.adminKey)).send({ name: 'X' }).expect(403);
  });

  it('gives 404, never data, when a key asks for another workspace', async () => {
    const response = await t.http.get(`/v1/workspaces/${b.id}`).set(bearer(a.adminKey)).expect(404);
    expect(JSON.stringify(response.body)).not.toContain('"name":"B"');
    await t.http.get(`/v1/workspaces/${b.id}/api-keys`).set(bearer(a.adminKey)).expect(404);
    await t.http.patch(`/v1/workspaces/${b.id}`).set(bearer(a.adminKey)).send({ name: 'taken' }).expect(404);
    await t.http.get(`/v1/workspaces/${b.id}`).set(bearer(aSendKey)).expect(404);
  });

  it('gives 404 for a workspace id that does not exist or is not an id', async () => {
    await t.http.get('/v1/workspaces/00000000-0000-4000-8000-000000000000').set(bearer(t.adminToken)).expect(404);
    await t.http.get('/v1/workspaces/not-a-uuid').set(bearer(t.adminToken)).expect(404);
  });

  it('gives 403 when a send-only key calls an admin endpoint of its own workspace', async () => {
    const response = await t.http.get(`/v1/workspaces/${a.id}/api-keys`).set(bearer(aSendKey)).expect(403);
    expect(response.body.message).toMatch(/needs admin/);
    await t.http.patch(`/v1/workspaces/${a.id}`).set(bearer(aSendKey)).send({ name: 'x' }).expect(403);
  });

  it('lets an admin key of the workspace act in it', async () => {
    await t.http.get(`/v1/workspaces/${a.id}/api-keys`).set(bearer(a.adminKey)).expect(200);
  });
});
