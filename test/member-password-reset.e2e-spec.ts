import { randomUUID } from 'node:crypto';
import { UsersRepository, WorkspaceMembersRepository } from '@app/accounts';
import { trustedWorkspaceId } from '@app/workspace-id';
import { cookie, dashboard, dashboardSession, invitePerson, OPERATOR, OPERATOR_ENV, signIn } from './support/people';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const NEW_PASSWORD = 'a password chosen after the reset';

/** An admin (or the operator) hands a person a single-use password-reset link. */
describe('password-reset links issued for a member', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  let admin: Record<string, string>;

  const resetOf = (userId: string, workspace = ws) => `/v1/workspaces/${workspace.id}/members/${userId}/password-reset`;
  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
  const useLink = (url: string, password = NEW_PASSWORD) =>
    t.http
      .post('/v1/auth/password-reset')
      .set(dashboard(t))
      .send({ token: tokenOf(url), password });

  beforeAll(async () => {
    t = await startTestApp({ env: OPERATOR_ENV });
  });
  beforeEach(async () => {
    ws = await createWorkspace(t, 'Acme');
    admin = await dashboardSession(t, await invitePerson(t, ws, 'admin'));
  });
  afterAll(() => t.close());

  it("lets an admin issue a single-use link that sets the member's new password", async () => {
    const member = await invitePerson(t, ws, 'member');
    const issued = await t.http.post(resetOf(member.userId)).set(admin).expect(201);
    expect(issued.body).toEqual({ url: expect.stringMatching(/^https?:\/\/[^/]+\/reset-password\?token=[\w-]{43}$/) });

    await useLink(issued.body.url).expect(204);
    await signIn(t, member.email, NEW_PASSWORD);
    await useLink(issued.body.url, 'yet another new password').expect(403);
  });

  it('records the issue in the workspace audit log, naming the member but not the link', async () => {
    const member = await invitePerson(t, ws, 'viewer');
    const { url } = (await t.http.post(resetOf(member.userId)).set(admin).expect(201)).body;
    const log = (await t.http.get(`/v1/workspaces/${ws.id}/audit`).set(bearer(t.adminToken)).expect(200)).body.data;
    expect(log[0]).toMatchObject({
      action: 'member.password_reset_issued',
      target: `user:${member.userId}`,
      details: { email: member.email },
      actor: { type: 'user' },
    });
    expect(JSON.stringify(log)).not.toContain(tokenOf(url));
  });

  it('refuses an API key, even an admin one', async () => {
    const member = await invitePerson(t, ws, 'member');
    await t.http.post(resetOf(member.userId)).set(bearer(ws.adminKey)).expect(403);
  });

  it('refuses an admin when the person is an operator, and says only the operator may', async () => {
    const operator = (await t.app.get(UsersRepository).findByEmail(OPERATOR.email))!;
    await t.app.get(WorkspaceMembersRepository).upsert(trustedWorkspaceId(ws.id), operator.id, 'member');
    const refused = await t.http.post(resetOf(operator.id)).set(admin).expect(403);
    expect(refused.body.message).toMatch(/operator/);
  });

  it('refuses an admin when the person belongs to another workspace too', async () => {
    const other = await createWorkspace(t, 'Other');
    const shared = await invitePerson(t, other, 'admin');
    await t.app.get(WorkspaceMembersRepository).upsert(trustedWorkspaceId(ws.id), shared.userId, 'member');
    const refused = await t.http.post(resetOf(shared.userId)).set(admin).expect(403);
    expect(refused.body.message).toMatch(/another workspace/);
  });

  it('lets the operator token and an operator signed in issue a link for anyone, operators included', async () => {
    const operator = (await t.app.get(UsersRepository).findByEmail(OPERATOR.email))!;
    await t.app.get(WorkspaceMembersRepository).upsert(trustedWorkspaceId(ws.id), operator.id, 'member');
    const other = await createWorkspace(t, 'Other');
    const shared = await invitePerson(t, other, 'member');
    await t.app.get(WorkspaceMembersRepository).upsert(trustedWorkspaceId(ws.id), shared.userId, 'viewer');

    await t.http.post(resetOf(operator.id)).set(bearer(t.adminToken)).expect(201);
    await t.http.post(resetOf(shared.userId)).set(bearer(t.adminToken)).expect(201);
    const signedIn = { ...cookie(await signIn(t)), ...dashboard(t) };
    await t.http.post(resetOf(shared.userId)).set(signedIn).expect(201);
  });

  it('answers 404 for a person who is not a member of the workspace, and for a malformed id', async () => {
    const elsewhere = await invitePerson(t, await createWorkspace(t, 'Elsewhere'), 'member');
    await t.http.post(resetOf(elsewhere.userId)).set(admin).expect(404);
    await t.http.post(resetOf(elsewhere.userId)).set(bearer(t.adminToken)).expect(404);
    await t.http.post(resetOf(randomUUID())).set(admin).expect(404);
    await t.http.post(resetOf('not-a-uuid')).set(admin).expect(404);
  });
});
