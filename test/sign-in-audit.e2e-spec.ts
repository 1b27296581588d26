import { Secret, TOTP } from 'otpauth';
import { cookie, dashboard, invitePerson, OPERATOR, OPERATOR_ENV, sessionCookieOf, setupLinkIn, signIn } from './support/people';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

interface AuditEvent {
  actor: { type: string; id: string | null; label: string };
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

const GRACE = { email: 'grace@example.com', name: 'Grace Hopper', password: 'cobol compiler notes 1959' };
const BROWSER = 'Mozilla/5.0 (audit spec)';
const NEXT_PASSWORD = 'a second passphrase for this person';

/**
 * A person's own events (sign-in, sign-out, password, second factor, sessions) go to the
 * operator log when the person is an operator, and to the log of every workspace they belong to.
 */
describe('audit of signing in', () => {
  let t: TestApp;
  let a: CreatedWorkspace;
  let b: CreatedWorkspace;
  let graceId: string;

  const operatorLog = async (): Promise<AuditEvent[]> =>
    (await t.http.get('/v1/audit?limit=100').set(bearer(t.adminToken)).expect(200)).body.data;
  const workspaceLog = async (workspace: CreatedWorkspace): Promise<AuditEvent[]> =>
    (await t.http.get(`/v1/workspaces/${workspace.id}/audit?limit=100`).set(bearer(t.adminToken)).expect(200)).body.data;
  const personal = (events: AuditEvent[], userId: string) =>
    events.filter((event) => event.action.startsWith('auth.') && event.actor.id === userId);
  const login = (person: { email: string; password: string }) =>
    t.http
      .post('/v1/auth/login')
      .set(dashboard(t))
      .set('User-Agent', BROWSER)
      .send({ email: person.email, password: person.password })
      .expect(200);

  beforeAll(async () => {
    t = await startTestApp({ captureLogs: true });
    const token = new URL(setupLinkIn(t.logs)!).searchParams.get('token')!;
    graceId = (
      await t.http
        .post('/v1/auth/setup')
        .set(dashboard(t))
        .send({ ...GRACE, token })
        .expect(201)
    ).body.user.id;
    a = await createWorkspace(t, 'A');
    b = await createWorkspace(t, 'B');
  });
  afterAll(() => t.close());

  it('records the set-up in the operator log, in the name of the operator it created', async () => {
    expect(await operatorLog()).toContainEqual(
      expect.objectContaining({
        actor: { type: 'user', id: graceId, label: GRACE.email },
        action: 'auth.setup',
        target: `user:${graceId}`,
        details: { via: 'setup_link' },
      }),
    );
  });

  it("records an operator's sign-in in the operator log, with the address and the browser", async () => {
    await login(GRACE);
    const [event] = personal(await operatorLog(), graceId).filter((candidate) => candidate.action === 'auth.login');
    expect(event).toMatchObject({
      actor: { type: 'user', id: graceId, label: GRACE.email },
      action: 'auth.login',
      target: `user:${graceId}`,
      details: { ip: expect.any(String), userAgent: BROWSER },
    });
  });

  it("records a member's sign-in in the log of each of their workspaces, and not in the operator log", async () => {
    const person = await invitePerson(t, a, 'member');
    const invited = await t.http
      .post(`/v1/workspaces/${b.id}/members`)
      .set(bearer(t.adminToken))
      .send({ email: person.email, role: 'viewer' })
      .expect(201);
    const token = new URL(invited.body.invitation.url).pathname.split('/').pop();
    await t.http.post('/v1/auth/invitations/accept').set(dashboard(t)).send({ token, password: person.password }).expect(201);
    await login(person);
    for (const workspace of [a, b])
      expect(personal(await workspaceLog(workspace), person.userId).map((event) => event.action)).toEqual(['auth.login']);
    expect(personal(await operatorLog(), person.userId)).toEqual([]);
  });

  it('records sign-out, password change, second factor on and off, and an ended session', async () => {
    const person = await invitePerson(t, a, 'viewer');
    const first = sessionCookieOf(await login(person))!.value!;
    const second = await signIn(t, person.email, person.password);
    const mine = { ...cookie(first), ...dashboard(t) };
    const other = (await t.http.get('/v1/auth/sessions').set(mine).expect(200)).body.data.find(
      (session: { current: boolean }) => !session.current,
    );
    await t.http.delete(`/v1/auth/sessions/${other.id}`).set(mine).expect(204);
    await t.http.get('/v1/auth/me').set(cookie(second)).expect(401);

    const enrolled = await t.http.post('/v1/auth/totp').set(mine).expect(201);
    const secret = Secret.fromBase32(enrolled.body.secret);
    const confirmed = await t.http
      .post('/v1/auth/totp/confirm')
      .set(mine)
      .send({ code: TOTP.generate({ secret }) })
      .expect(200);
    const changed = await t.http.post('/v1/auth/password').set(mine).send({ current: person.password, next: NEXT_PASSWORD }).expect(204);
    const rotated = { ...cookie(sessionCookieOf(changed)!.value!), ...dashboard(t) };
    await t.http.delete('/v1/auth/totp').set(rotated).send({ code: confirmed.body.recoveryCodes[0] }).expect(204);
    await t.http.post('/v1/auth/logout').set(rotated).expect(204);

    const actions = personal(await workspaceLog(a), person.userId).map((event) => event.action);
    expect(actions).toEqual([
      'auth.logout',
      'auth.totp_disabled',
      'auth.password_changed',
      'auth.totp_enabled',
      'auth.session_ended',
      'auth.login',
      'auth.login',
    ]);
    const ended = personal(await workspaceLog(a), person.userId).find((event) => event.action === 'auth.session_ended')!;
    expect(ended.details).toEqual({ current: false });
  });

  it('records a password reset by link in the name of the person who used it', async () => {
    const person = await invitePerson(t, a, 'member');
    const { url } = (
      await t.http.post(`/v1/workspaces/${a.id}/members/${person.userId}/password-reset`).set(bearer(t.adminToken)).expect(201)
    ).body;
    await t.http
      .post('/v1/auth/password-reset')
      .set(dashboard(t))
      .send({ token: new URL(url).searchParams.get('token'), password: NEXT_PASSWORD })
      .expect(204);
    const [event] = personal(await workspaceLog(a), person.userId);
    expect(event).toMatchObject({
      actor: { type: 'user', id: person.userId, label: person.email },
      action: 'auth.password_reset',
      details: {},
    });
  });
});

describe('audit of the first operator created from MAILROOM_OPERATOR_EMAIL/PASSWORD', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: OPERATOR_ENV });
  });
  afterAll(() => t.close());

  it('records the set-up in the operator log, in the name of that operator', async () => {
    const log = (await t.http.get('/v1/audit').set(bearer(t.adminToken)).expect(200)).body.data as AuditEvent[];
    expect(log).toContainEqual(
      expect.objectContaining({
        actor: expect.objectContaining({ type: 'user', label: OPERATOR.email }),
        action: 'auth.setup',
        details: { via: 'environment' },
      }),
    );
  });
});
