import { randomUUID } from 'node:crypto';
import { onlyReads, ROUTE_PERMISSIONS } from '@app/tenancy';
import { dashboardSession, invitePerson } from './support/people';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

type Method = 'get' | 'post' | 'patch' | 'delete';

/** People signed in with a session cookie, held to their role on every request. */
describe('roles of people signed in to the dashboard', () => {
  let t: TestApp;
  let a: CreatedWorkspace;
  let b: CreatedWorkspace;

  const api = (path: string, workspace = a) => `/v1/workspaces/${workspace.id}${path}`;

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://mail.example.test' } });
    a = await createWorkspace(t, 'A');
    b = await createWorkspace(t, 'B');
  });
  afterAll(() => t.close());

  it('lets an invited viewer read messages, and answers 403 to every write of the workspace', async () => {
    const viewer = await dashboardSession(t, await invitePerson(t, a, 'viewer'));
    await t.http.get(api('/messages')).set(viewer).expect(200);
    await t.http.get(api('')).set(viewer).expect(200);

    const writes = Object.keys(ROUTE_PERMISSIONS).filter((operation) => !onlyReads(operation));
    expect(writes.length).toBeGreaterThan(20);
    const answers: string[] = [];
    for (const operation of writes) {
      const [method, template] = operation.split(' ') as [string, string];
      const path = template.replace('{ws}', a.id).replace(/\{[^}]+\}/g, randomUUID());
      const response = await t.http[method.toLowerCase() as Method](path).set(viewer).send({});
      if (response.status !== 403 || !/role in this workspace is viewer/.test(response.body.message))
        answers.push(`${operation} → ${response.status}`);
    }
    expect(answers).toEqual([]);
  });

  it("lists in /v1/auth/me the routes each member's role may call, which the dashboard offers and no others", async () => {
    const permissionsOf = async (role: string) => {
      const session = await dashboardSession(t, await invitePerson(t, a, role));
      const me = await t.http.get('/v1/auth/me').set(session).expect(200);
      expect(me.body.memberships).toEqual([expect.objectContaining({ workspaceId: a.id, role })]);
      return me.body.memberships[0].permissions as string[];
    };
    const viewer = await permissionsOf('viewer');
    expect(viewer).toEqual(expect.arrayContaining(['GET /v1/workspaces/{ws}/messages', 'GET /v1/workspaces/{ws}/members']));
    expect(viewer.filter((route) => !onlyReads(route))).toEqual([]);
    expect(viewer).not.toContain('POST /v1/workspaces/{ws}/integrations');
    expect(viewer).not.toContain('GET /v1/workspaces/{ws}/audit');

    const admin = await permissionsOf('admin');
    expect(admin).toEqual(expect.arrayContaining(['POST /v1/workspaces/{ws}/integrations', 'GET /v1/workspaces/{ws}/audit']));
    expect([...admin].sort()).toEqual(Object.keys(ROUTE_PERMISSIONS).sort());
  });

  it('answers 404 to an admin of workspace A asking for workspace B', async () => {
    const admin = await dashboardSession(t, await invitePerson(t, a, 'admin'));
    await t.http.get(api('')).set(admin).expect(200);
    await t.http.get(api('', b)).set(admin).expect(404);
    await t.http.get(api('/messages', b)).set(admin).expect(404);
    await t.http.post(api('/members', b)).set(admin).send({ email: 'x@example.com', role: 'admin' }).expect(404);
  });

  it("ends a removed member's access on their next request", async () => {
    const person = await invitePerson(t, a, 'member');
    const member = await dashboardSession(t, person);
    await t.http.get(api('/messages')).set(member).expect(200);
    await t.http
      .delete(api(`/members/${person.userId}`))
      .set(bearer(t.adminToken))
      .expect(204);
    await t.http.get(api('/messages')).set(member).expect(404);
  });

  it('applies a lower role on the next request', async () => {
    const person = await invitePerson(t, a, 'member');
    const member = await dashboardSession(t, person);
    await t.http
      .post(api('/contacts'))
      .set(member)
      .send({ email: `${randomUUID()}@example.com` })
      .expect(201);
    await t.http
      .patch(api(`/members/${person.userId}`))
      .set(bearer(t.adminToken))
      .send({ role: 'viewer' })
      .expect(200);
    await t.http
      .post(api('/contacts'))
      .set(member)
      .send({ email: `${randomUUID()}@example.com` })
      .expect(403);
  });

  it('lets an admin signed in manage members, and the audit log names them', async () => {
    const person = await invitePerson(t, a, 'admin');
    const admin = await dashboardSession(t, person);
    const invited = await t.http
      .post(api('/members'))
      .set(admin)
      .send({ email: `${randomUUID()}@example.com`, role: 'viewer' })
      .expect(201);
    const [latest] = (await t.http.get(api('/audit')).set(admin).expect(200)).body.data;
    expect(latest).toMatchObject({
      action: 'member.invited',
      actor: { type: 'user', id: person.userId, label: person.email },
      target: `invitation:${invited.body.invitation.id}`,
    });
  });

  it('keeps a member out of integration changes but lets them read integrations', async () => {
    const member = await dashboardSession(t, await invitePerson(t, a, 'member'));
    await t.http.get(api('/integrations')).set(member).expect(200);
    const refused = await t.http.post(api('/integrations')).set(member).send({}).expect(403);
    expect(refused.body.message).toMatch(/role in this workspace is member; this endpoint needs admin/);
  });
});
