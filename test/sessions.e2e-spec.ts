import { DataSource } from 'typeorm';
import { sha256Hex } from '@app/crypto';
import { BOB, cookie, createPerson, dashboard, OPERATOR, OPERATOR_ENV, sessionCookieOf, signIn } from './support/people';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: OPERATOR_ENV });
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http.get('/v1/auth/me').set(cookie(token));

  it('signs in with a cookie that scripts cannot read, sent only to this site, not over https here (http PUBLIC_BASE_URL)', async () => {
    const response = await t.http.post('/v1/auth/login').set(dashboard(t)).send(OPERATOR).expect(200);
    expect(sessionCookieOf(response)).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', maxAge: 7 * 24 * 3600 });
    expect(sessionCookieOf(response)!.secure).toBeFalsy();
    expect(response.body).toEqual({
      user: { id: expect.any(String), email: OPERATOR.email, name: 'Operator', isOperator: true, hasSecondFactor: false },
      memberships: [],
    });
  });

  it('stores only the sha256 of the cookie', async () => {
    const token = await signIn(t);
    const rows = await t.app.get(DataSource).query<{ token_hash: string }[]>('SELECT token_hash FROM user_sessions');
    expect(rows.map((row) => row.token_hash)).toContain(sha256Hex(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('signs the email in whatever its case', async () => {
    await signIn(t, OPERATOR.email.toUpperCase());
  });

  it('lets an operator do with the cookie what the platform token does', async () => {
    const token = await signIn(t);
    const created = await t.http.post('/v1/workspaces').set(cookie(token)).set(dashboard(t)).send({ name: 'Cookie Co' }).expect(201);
    await t.http.get(`/v1/workspaces/${created.body.id}`).set(cookie(token)).expect(200);
  });

  it('gives a person who is no operator no workspace until they are a member of one', async () => {
    const ws = (await t.http.post('/v1/workspaces').set(bearer(t.adminToken)).send({ name: "Not Bob's" }).expect(201)).body;
    await createPerson(t, { ...BOB, email: 'carol@example.com' });
    const carol = await signIn(t, 'carol@example.com', BOB.password);
    await t.http.get(`/v1/workspaces/${ws.id}`).set(cookie(carol)).expect(404);
    await t.http.get('/v1/workspaces').set(cookie(carol)).expect(403);
  });

  it('ends the session at logout: the old cookie then gets 401 with a reason, and the answer clears it', async () => {
    const token = await signIn(t);
    await me(token).expect(200);
    const logout = await t.http.post('/v1/auth/logout').set(cookie(token)).set(dashboard(t)).expect(204);
    expect(sessionCookieOf(logout)).toMatchObject({ value: '', maxAge: 0 });
    const after = await me(token).expect(401);
    expect(after.body.message).toMatch(/session has expired or was ended: sign in again/);
  });

  it('answers 401 for a session idle longer than SESSION_IDLE_TIMEOUT_MS', async () => {
    const token = await signIn(t);
    await t.app
      .get(DataSource)
      .query(`UPDATE user_sessions SET last_used_at = now() - interval '13 hours' WHERE token_hash = $1`, [sha256Hex(token)]);
    await me(token).expect(401);
  });

  it('answers 401 for a session older than SESSION_MAX_AGE_MS however busy', async () => {
    const token = await signIn(t);
    await t.app
      .get(DataSource)
      .query(`UPDATE user_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256Hex(token)]);
    await me(token).expect(401);
  });

  it('records use at minute resolution, not a write per request', async () => {
    const token = await signIn(t);
    const lastUsed = async () =>
      (
        await t.app
          .get(DataSource)
          .query<{ last_used_at: Date }[]>('SELECT last_used_at FROM user_sessions WHERE token_hash = $1', [sha256Hex(token)])
      )[0]!.last_used_at;
    const before = await lastUsed();
    await me(token).expect(200);
    expect(await lastUsed()).toEqual(before);
    await t.app
      .get(DataSource)
      .query(`UPDATE user_sessions SET last_used_at = now() - interval '2 minutes' WHERE token_hash = $1`, [sha256Hex(token)]);
    await me(token).expect(200);
    expect((await lastUsed()).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses the routes about oneself to a bearer token, which belongs to no person', async () => {
    const response = await t.http.get('/v1/auth/me').set(bearer(t.adminToken)).expect(403);
    expect(response.body.message).toMatch(/signed-in person/);
  });

  it('judges a request by its bearer token when it carries both', async () => {
    const token = await signIn(t);
    await t.http.get('/v1/auth/me').set(cookie(token)).set(bearer(t.adminToken)).expect(403);
    await t.http.get('/v1/workspaces').set(cookie(token)).set(bearer('not-a-valid-token')).expect(401);
  });
});

describe('changing the password', () => {
  let t: TestApp;
  const NEXT = 'a brand new passphrase';

  beforeAll(async () => {
    t = await startTestApp({ env: OPERATOR_ENV });
  });
  afterAll(() => t.close());

  const change = (token: string, body: Record<string, unknown>) =>
    t.http.post('/v1/auth/password').set(cookie(token)).set(dashboard(t)).send(body);

  it('refuses a next password that breaks the rule, naming the field', async () => {
    const response = await change(await signIn(t), { current: OPERATOR.password, next: 'password1234' }).expect(400);
    expect(response.body.message).toContain('next is one of the most common passwords; choose another');
  });

  it('refuses a wrong current password, naming the field', async () => {
    const response = await change(await signIn(t), { current: 'not the password at all', next: NEXT }).expect(422);
    expect(response.body.message).toEqual(['current is not your current password']);
  });

  it('ends every other session and this cookie, giving this browser a new one that works', async () => {
    const other = await signIn(t);
    const token = await signIn(t);
    const response = await change(token, { current: OPERATOR.password, next: NEXT }).expect(204);
    const rotated = sessionCookieOf(response)!.value!;
    expect(rotated).not.toBe(token);
    await t.http.get('/v1/auth/me').set(cookie(token)).expect(401);
    await t.http.get('/v1/auth/me').set(cookie(other)).expect(401);
    await t.http.get('/v1/auth/me').set(cookie(rotated)).expect(200);
    await signIn(t, OPERATOR.email, NEXT);
    await t.http.post('/v1/auth/login').set(dashboard(t)).send(OPERATOR).expect(401);
  });
});

describe('the list of sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: OPERATOR_ENV });
  });
  afterAll(() => t.close());

  it('shows each session with its browser, address and times, marking the current one', async () => {
    const laptop = await t.http.post('/v1/auth/login').set(dashboard(t)).set('User-Agent', 'Laptop Firefox').send(OPERATOR).expect(200);
    const phone = await signIn(t, OPERATOR.email, OPERATOR.password);
    const list = await t.http.get('/v1/auth/sessions').set(cookie(phone)).expect(200);
    expect(list.body.data).toContainEqual({
      id: expect.any(String),
      current: false,
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      userAgent: 'Laptop Firefox',
      ip: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(list.body.data.filter((session: { current: boolean }) => session.current)).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(sessionCookieOf(laptop)!.value);
  });

  it("ends another of one's sessions: its cookie then gets 401", async () => {
    const other = await signIn(t);
    const token = await signIn(t);
    const list = await t.http.get('/v1/auth/sessions').set(cookie(other)).expect(200);
    const otherId = list.body.data.find((session: { current: boolean }) => session.current).id;
    await t.http.delete(`/v1/auth/sessions/${otherId}`).set(cookie(token)).set(dashboard(t)).expect(204);
    await t.http.get('/v1/auth/me').set(cookie(other)).expect(401);
    await t.http.get('/v1/auth/me').set(cookie(token)).expect(200);
  });

  it("answers 404 for someone else's session, as for one that does not exist, and leaves it alone", async () => {
    await createPerson(t, BOB);
    const bob = await signIn(t, BOB.email, BOB.password);
    const bobsSession = (await t.http.get('/v1/auth/sessions').set(cookie(bob)).expect(200)).body.data[0].id;
    const token = await signIn(t);
    await t.http.delete(`/v1/auth/sessions/${bobsSession}`).set(cookie(token)).set(dashboard(t)).expect(404);
    await t.http.delete('/v1/auth/sessions/00000000-0000-4000-8000-000000000000').set(cookie(token)).set(dashboard(t)).expect(404);
    await t.http.delete('/v1/auth/sessions/not-a-uuid').set(cookie(token)).set(dashboard(t)).expect(404);
    await t.http.get('/v1/auth/me').set(cookie(bob)).expect(200);
  });
});
