import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace } from './support/workspace-factory';

describe('workspaces', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates a workspace with tracking on and returns its first admin key once', async () => {
    const response = await t.http.post('/v1/workspaces').set(bearer(t.adminToken)).send({ name: 'Acme' }).expect(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      name: 'Acme',
      tracking: { opens: true, clicks: true },
      createdAt: expect.any(String),
      apiKey: { id: expect.any(String), name: expect.any(String), scopes: ['admin'], key: expect.stringMatching(/^mr_/) },
    });
    const keys = await t.http.get(`/v1/workspaces/${response.body.id}/api-keys`).set(bearer(response.body.apiKey.key));
    expect(JSON.stringify(keys.body)).not.toContain(response.body.apiKey.key);
  });

  it('gets and patches the name and tracking defaults', async () => {
    const ws = await createWorkspace(t, 'Before');
    await t.http
      .patch(`/v1/workspaces/${ws.id}`)
      .set(bearer(ws.adminKey))
      .send({ name: 'After', tracking: { clicks: false } })
      .expect(200);
    const response = await t.http.get(`/v1/workspaces/${ws.id}`).set(bearer(ws.adminKey)).expect(200);
    expect(response.body).toMatchObject({ id: ws.id, name: 'After', tracking: { opens: true, clicks: false } });
  });

  it('rejects a missing name with a message naming the field', async () => {
    const response = await t.http.post('/v1/workspaces').set(bearer(t.adminToken)).send({}).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body.message.join(' ')).toMatch(/name/);
  });

  it('rejects unknown fields and wrong types, naming them', async () => {
    const ws = await createWorkspace(t);
    const unknown = await t.http.patch(`/v1/workspaces/${ws.id}`).set(bearer(ws.adminKey)).send({ colour: 'red' }).expect(400);
    expect(unknown.body.message).toContain('property colour should not exist');
    const wrongType = await t.http
      .patch(`/v1/workspaces/${ws.id}`)
      .set(bearer(ws.adminKey))
      .send({ tracking: { opens: 'yes' } })
      .expect(400);
    expect(wrongType.body.message.join(' ')).toMatch(/tracking\.opens must be a boolean/);
  });

  it('rejects line breaks in a name', async () => {
    const response = await t.http.post('/v1/workspaces').set(bearer(t.adminToken)).send({ name: 'A\r\nB' }).expect(400);
    expect(response.body.message).toContain('name must not contain line breaks');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    await t.http.post('/v1/workspaces').set(bearer(t.adminToken)).set('Content-Type', 'application/json').send('{"name": ').expect(400);
  });
});
