import { sha256Hex } from '@app/crypto';
import { dashboard, OPERATOR, OPERATOR_ENV, sessionCookieOf, setupLinkIn, setupTokenHashes } from './support/people';
import { bearer, startTestApp, TestApp } from './support/test-app';

const FIRST = { email: 'ada@example.com', name: 'Ada Lovelace', password: 'analytical engine notes' };

describe('first run: the set-up link', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ captureLogs: true, env: { PUBLIC_BASE_URL: 'https://mail.example.com' } });
    token = new URL(setupLinkIn(t.logs)!).searchParams.get('token')!;
  });
  afterAll(() => t.close());

  const setup = (body: Record<string, unknown>) => t.http.post('/v1/auth/setup').set(dashboard(t)).send(body);

  it('prints a link to the set-up page on PUBLIC_BASE_URL while no operator exists, storing only its sha256', async () => {
    expect(setupLinkIn(t.logs)).toMatch(/^https:\/\/mail\.example\.com\/setup\?token=[\w-]{43}$/);
    expect(await setupTokenHashes(t)).toEqual([sha256Hex(token)]);
  });

  it('refuses a password that breaks the rule, naming the field, and keeps the link usable', async () => {
    const response = await setup({ ...FIRST, token, password: 'too short' }).expect(400);
    expect(response.body.message).toContain('password must be at least 12 characters');
  });

  it('refuses a token that is not the printed one', async () => {
    const response = await setup({ ...FIRST, token: 'x'.repeat(43) }).expect(403);
    expect(response.body.message).toMatch(/set-up link is not valid/);
  });

  it('creates the first operator with the link, who then signs in and reads GET /v1/auth/me', async () => {
    const created = await setup({ ...FIRST, token }).expect(201);
    expect(created.body).toEqual({
      user: { id: expect.any(String), email: FIRST.email, name: FIRST.name, isOperator: true, hasSecondFactor: false },
    });

    const login = await t.http.post('/v1/auth/login').set(dashboard(t)).send({ email: FIRST.email, password: FIRST.password }).expect(200);
    const cookie = sessionCookieOf(login)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true, path: '/' });
    const me = await t.http.get('/v1/auth/me').set('Cookie', `mailroom_session=${cookie.value}`).expect(200);
    expect(me.body).toEqual({ user: created.body.user, memberships: [] });
  });

  it('works once: a second use is refused because an operator exists', async () => {
    const response = await setup({ ...FIRST, email: 'mallory@example.com', token }).expect(409);
    expect(response.body.message).toMatch(/An operator exists already/);
  });

  it('is not issued again once an operator exists', async () => {
    const replica = await startTestApp({ replicaOf: t });
    await replica.close();
    expect(await setupTokenHashes(t)).toEqual([sha256Hex(token)]);
  });

  it('is a form only the dashboard sends: without its header, 403', async () => {
    const response = await t.http
      .post('/v1/auth/setup')
      .send({ ...FIRST, token })
      .expect(403);
    expect(response.body.message).toMatch(/X-Mailroom-Client: dashboard/);
  });
});

describe('first run with MAILROOM_OPERATOR_EMAIL and MAILROOM_OPERATOR_PASSWORD', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: OPERATOR_ENV });
  });
  afterAll(() => t.close());

  it('creates the operator at start instead of issuing a set-up link', async () => {
    expect(await setupTokenHashes(t)).toEqual([]);
    const login = await t.http.post('/v1/auth/login').set(dashboard(t)).send(OPERATOR).expect(200);
    expect(login.body.user).toMatchObject({ email: OPERATOR.email, isOperator: true });
  });

  it('keeps the operator token working for automation', async () => {
    await t.http.get('/v1/workspaces').set(bearer(t.adminToken)).expect(200);
  });

  it('reads them only while no operator exists: another start leaves the operator as it is', async () => {
    const replica = await startTestApp({
      replicaOf: t,
      env: { ...OPERATOR_ENV, MAILROOM_OPERATOR_PASSWORD: 'another passphrase entirely' },
    });
    try {
      await replica.http.post('/v1/auth/login').set(dashboard(replica)).send(OPERATOR).expect(200);
    } finally {
      await replica.close();
    }
  });
});
