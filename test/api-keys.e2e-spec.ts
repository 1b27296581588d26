import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

describe('API keys', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.close());

  it('creates a send key, shows it once and lists it without the secret', async () => {
    const created = await t.http
      .post(`/v1/workspaces/${ws.id}/api-keys`)
      .set(bearer(ws.adminKey))
      .send({ name: 'App server', scopes: ['send'] })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'App server', scopes: ['send'], key: expect.stringMatching(/^mr_.{40,}/) });

    const list = await t.http.get(`/v1/workspaces/${ws.id}/api-keys`).set(bearer(ws.adminKey)).expect(200);
    const listed = list.body.data.find((key: { id: string }) => key.id === created.body.id);
    expect(listed).toMatchObject({ name: 'App server', scopes: ['send'], prefix: created.body.key.slice(0, 9) });
    expect(listed.key).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
  });

  it('stores only a hash of the key', async () => {
    const created = await t.http
      .post(`/v1/workspaces/${ws.id}/api-keys`)
      .set(bearer(ws.adminKey))
      .send({ name: 'hash check', scopes: ['admin'] })
      .expect(201);
    const { DataSource } = await import('typeorm');
    const rows = await t.app.get(DataSource).query('SELECT * FROM api_keys WHERE id = $1', [created.body.id]);
    expect(JSON.stringify(rows)).not.toContain(created.body.key);
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records when a key was last used', async () => {
    const created = await t.http
      .post(`/v1/workspaces/${ws.id}/api-keys`)
      .set(bearer(ws.adminKey))
      .send({ name: 'usage', scopes: ['admin'] })
      .expect(201);
    expect(created.body.lastUsedAt).toBeNull();
    await t.http.get(`/v1/workspaces/${ws.id}`).set(bearer(created.body.key)).expect(200);
    const { DataSource } = await import('typeorm');
    const [row] = await t.app.get(DataSource).query('SELECT last_used_at FROM api_keys WHERE id = $1', [created.body.id]);
    expect(row.last_used_at).not.toBeNull();
  });

  it('revokes a key: its next request gets 401 and it leaves the list', async () => {
    const created = await t.http
      .post(`/v1/workspaces/${ws.id}/api-keys`)
      .set(bearer(ws.adminKey))
      .send({ name: 'to revoke', scopes: ['send'] })
      .expect(201);
    await t.http.delete(`/v1/workspaces/${ws.id}/api-keys/${created.body.id}`).set(bearer(ws.adminKey)).expect(204);
    await t.http.get(`/v1/workspaces/${ws.id}`).set(bearer(created.body.key)).expect(401);
    const list = await t.http.get(`/v1/workspaces/${ws.id}/api-keys`).set(bearer(ws.adminKey)).expect(200);
    expect(list.body.data.map((key: { id: string }) => key.id)).not.toContain(created.body.id);
    await t.http.delete(`/v1/workspaces/${ws.id}/api-keys/${created.body.id}`).set(bearer(ws.adminKey)).expect(404);
  });

  it("cannot revoke another workspace's key", async () => {
    const other = await createWorkspace(t, 'Other');
    const otherKeys = await t.http.get(`/v1/workspaces/${other.id}/api-keys`).set(bearer(other.adminKey)).expect(200);
    await t.http.delete(`/v1/workspaces/${ws.id}/api-keys/${otherKeys.body.data[0].id}`).set(bearer(ws.adminKey)).expect(404);
    await t.http.get(`/v1/workspaces/${other.id}`).set(bearer(other.adminKey)).expect(200);
  });

  it('rejects unknown scopes and empty names, naming the field', async () => {
    const response = await t.http
      .post(`/v1/workspaces/${ws.id}/api-keys`)
      .set(bearer(ws.adminKey))
      .send({ name: '', scopes: ['root'] })
      .expect(400);
    const text = response.body.message.join(' ');
    expect(text).toMatch(/name should not be empty/);
    expect(text).toMatch(/scopes must be one of: admin, send/);
  });
});
