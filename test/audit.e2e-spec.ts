import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditLog } from '@app/audit';
import { trustedWorkspaceId } from '@app/workspace-id';
import { createList } from './support/contact-factory';
import { basicIntegration, createIntegration } from './support/integration-factory';
import { OAuthConnectDriver } from './support/oauth-connect-driver';
import { OAuthProviders, startOAuthProviders } from './support/oauth-providers';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createApiKey, createWorkspace, CreatedWorkspace } from './support/workspace-factory';

interface AuditEvent {
  at: string;
  actor: { type: string; id: string | null; label: string };
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

const OPERATOR = { type: 'operator', id: null, label: 'operator token' };

describe('audit log', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  let providers: OAuthProviders;
  const connect = new OAuthConnectDriver(() => ({ t, ws, providers }));
  const secrets: string[] = [];

  const api = (path: string) => `/v1/workspaces/${ws.id}${path}`;
  const workspaceLog = async (query = ''): Promise<AuditEvent[]> =>
    (
      await t.http
        .get(api(`/audit${query}`))
        .set(bearer(t.adminToken))
        .expect(200)
    ).body.data;
  const adminKeyActor = async () => {
    const keys = (await t.http.get(api('/api-keys')).set(bearer(ws.adminKey)).expect(200)).body.data as Array<{
      id: string;
      prefix: string;
    }>;
    const key = keys.find((candidate) => ws.adminKey.startsWith(candidate.prefix))!;
    return { type: 'api_key', id: key.id, label: `Default admin key (${key.prefix}…)` };
  };

  beforeAll(async () => {
    providers = await startOAuthProviders();
    t = await startTestApp({ captureLogs: true, env: providers.env });
    ws = await createWorkspace(t, 'Audited');
    secrets.push(ws.adminKey);
  });
  afterAll(async () => {
    await t?.close();
    await providers?.close();
  });

  it('records in the operator log who created a workspace, and in the workspace log its first key', async () => {
    const operatorLog = (await t.http.get('/v1/audit').set(bearer(t.adminToken)).expect(200)).body.data as AuditEvent[];
    expect(operatorLog).toContainEqual(
      expect.objectContaining({ actor: OPERATOR, action: 'workspace.created', target: `workspace:${ws.id}`, details: { name: 'Audited' } }),
    );
    expect(await workspaceLog()).toContainEqual(
      expect.objectContaining({ actor: OPERATOR, action: 'api_key.created', details: { name: 'Default admin key', scopes: ['admin'] } }),
    );
  });

  it('names the API key that acted by its name and prefix, for integration and key changes', async () => {
    const integration = await createIntegration(t, ws, basicIntegration({ name: 'Audited SMTP' }));
    await t.http
      .patch(api(`/integrations/${integration.id}`))
      .set(bearer(ws.adminKey))
      .send({ name: 'Renamed SMTP' })
      .expect(200);
    await t.http
      .post(api(`/integrations/${integration.id}/test`))
      .set(bearer(ws.adminKey))
      .send({})
      .expect(200);
    await t.http
      .delete(api(`/integrations/${integration.id}`))
      .set(bearer(ws.adminKey))
      .expect(204);
    const created = (
      await t.http
        .post(api('/api-keys'))
        .set(bearer(ws.adminKey))
        .send({ name: 'CI', scopes: ['send'] })
        .expect(201)
    ).body;
    secrets.push(created.key);
    await t.http
      .delete(api(`/api-keys/${created.id}`))
      .set(bearer(ws.adminKey))
      .expect(204);

    const actor = await adminKeyActor();
    const mine = (await workspaceLog()).filter((event) => event.actor.id === actor.id);
    expect(mine.map((event) => [event.action, event.target])).toEqual([
      ['api_key.revoked', `api_key:${created.id}`],
      ['api_key.created', `api_key:${created.id}`],
      ['integration.deleted', `integration:${integration.id}`],
      ['integration.tested', `integration:${integration.id}`],
      ['integration.updated', `integration:${integration.id}`],
      ['integration.created', `integration:${integration.id}`],
    ]);
    expect(mine.every((event) => JSON.stringify(event.actor) === JSON.stringify(actor))).toBe(true);
    expect(mine.find((event) => event.action === 'integration.updated')!.details).toEqual({ name: 'Renamed SMTP', fields: ['name'] });
    expect(mine.find((event) => event.action === 'integration.tested')!.details).toMatchObject({
      name: 'Renamed SMTP',
      ok: expect.any(Boolean),
    });
  });

  it('records a broadcast being sent, paused, resumed and cancelled', async () => {
    await createIntegration(
      t,
      ws,
      basicIntegration({
        name: 'News SMTP',
        usage: { transactional: false, marketing: true },
        senders: [{ name: 'News', email: 'news@example.com' }],
      }),
    );
    const list = await createList(t, ws, 'Audited list');
    const later = new Date(Date.now() + 24 * 3600_000).toISOString();
    const broadcast = (
      await t.http
        .post(api('/broadcasts'))
        .set(bearer(ws.adminKey))
        .send({ name: 'Spring', listId: list.id, subject: 'Hi', text: 'Hello' })
        .expect(201)
    ).body;
    for (const [verb, body] of [
      ['send', { scheduledAt: later }],
      ['pause', {}],
      ['resume', {}],
      ['cancel', {}],
    ] as const) {
      await t.http
        .post(api(`/broadcasts/${broadcast.id}/${verb}`))
        .set(bearer(ws.adminKey))
        .send(body)
        .expect(200);
    }
    const events = (await workspaceLog()).filter((event) => event.target === `broadcast:${broadcast.id}`);
    expect(events.map((event) => event.action)).toEqual(['broadcast.cancelled', 'broadcast.resumed', 'broadcast.paused', 'broadcast.sent']);
    expect(events[3]!.details).toEqual({ name: 'Spring', scheduledAt: later });
  });

  it('records an OAuth connect in the name of whoever pressed "connect", though the callback carries no credentials', async () => {
    const app = connect.microsoftApp('audited');
    const integration = await connect.microsoftIntegration(app);
    const url = await connect.authorize(integration.id);
    expect((await connect.callback({ code: connect.consentAtMicrosoft(url), state: url.searchParams.get('state')! })).status).toBe(200);
    const [connected] = (await workspaceLog()).filter((event) => event.action === 'integration.connected');
    expect(connected).toMatchObject({
      actor: await adminKeyActor(),
      target: `integration:${integration.id}`,
      details: { provider: 'microsoft' },
    });
  });

  it('labels a person by their email', async () => {
    const userId = randomUUID();
    await t.app
      .get(AuditLog)
      .record(
        trustedWorkspaceId(ws.id),
        { kind: 'user', userId, sessionId: randomUUID(), email: 'ada@example.com', isOperator: false, hasSecondFactor: false },
        'member.removed',
        null,
      );
    expect((await workspaceLog())[0]!.actor).toEqual({ type: 'user', id: userId, label: 'ada@example.com' });
  });

  it('pages newest first with a cursor, without repeating or skipping an event', async () => {
    const all = await workspaceLog('?limit=100');
    const paged: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = (
        await t.http
          .get(api(`/audit${query}`))
          .set(bearer(t.adminToken))
          .expect(200)
      ).body;
      paged.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all.length).toBeGreaterThan(4);
    await t.http.get(api('/audit?cursor=nonsense')).set(bearer(t.adminToken)).expect(400);
  });

  it('lets an admin key read the workspace log, refuses it to a send key, and the operator log to every key', async () => {
    await t.http.get(api('/audit')).set(bearer(ws.adminKey)).expect(200);
    const sendKey = await createApiKey(t, ws, ['send']);
    secrets.push(sendKey);
    expect((await t.http.get(api('/audit')).set(bearer(sendKey)).expect(403)).body.message).toMatch(/needs admin/);
    await t.http.get('/v1/audit').set(bearer(ws.adminKey)).expect(403);
    const other = await createWorkspace(t, 'Other');
    await t.http.get(`/v1/workspaces/${other.id}/audit`).set(bearer(ws.adminKey)).expect(404);
  });

  it('holds no key, password, client secret or token, in any row', async () => {
    const password = `pw-${randomUUID()}`;
    await createIntegration(
      t,
      ws,
      basicIntegration({ name: 'Secretive', usage: {}, auth: { type: 'basic', username: 'u@example.com', password } }),
    );
    const rows = JSON.stringify(await t.app.get(DataSource).query('SELECT * FROM audit_events'));
    const values = [
      ...secrets,
      password,
      t.adminToken,
      ...connect.clientSecrets,
      ...connect.codes,
      ...connect.states,
      ...providers.issuedTokens().refreshTokens,
    ];
    expect(values.length).toBeGreaterThan(6);
    for (const value of values) expect(rows).not.toContain(value);
  });
});
