import { Secret, TOTP } from 'otpauth';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { sha256Hex } from '@app/crypto';
import { REDIS_CLIENT, RedisClient } from '@app/redis';
import { cookie, dashboard, sessionCookieOf, setupLinkIn } from './support/people';
import { startTestApp, TestApp } from './support/test-app';

const PERSON = { email: 'grace@example.com', name: 'Grace Hopper', password: 'cobol compiler notes 1959' };
const NEXT_PASSWORD = 'a second passphrase for grace';

/** Every value that must never be written anywhere but where it belongs (the person's head, a cookie). */
describe('people: no password, hash, session token or second-factor secret leaves its place', () => {
  let t: TestApp;
  const responses: Response[] = [];
  const secrets: string[] = [PERSON.password, NEXT_PASSWORD];

  const record = async (status: number, request: Promise<Response>) => {
    const response = await request;
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
    responses.push(response);
    return response;
  };

  beforeAll(async () => {
    t = await startTestApp({ captureLogs: true });
    const token = new URL(setupLinkIn(t.logs)!).searchParams.get('token')!;
    await record(
      201,
      t.http
        .post('/v1/auth/setup')
        .set(dashboard(t))
        .send({ ...PERSON, token }),
    );
    // Failed sign-ins too: they are logged and counted.
    await record(401, t.http.post('/v1/auth/login').set(dashboard(t)).send({ email: PERSON.email, password: 'a wrong password entirely' }));
    await record(401, t.http.post('/v1/auth/login').set(dashboard(t)).send({ email: 'nobody@example.com', password: PERSON.password }));
    const login = await record(
      200,
      t.http.post('/v1/auth/login').set(dashboard(t)).send({ email: PERSON.email, password: PERSON.password }),
    );
    const session = sessionCookieOf(login)!.value!;
    await record(200, t.http.get('/v1/auth/me').set(cookie(session)));
    await record(200, t.http.get('/v1/auth/sessions').set(cookie(session)));
    const changed = await record(
      204,
      t.http.post('/v1/auth/password').set(cookie(session)).set(dashboard(t)).send({ current: PERSON.password, next: NEXT_PASSWORD }),
    );
    const rotated = sessionCookieOf(changed)!.value!;
    const enrolled = await record(201, t.http.post('/v1/auth/totp').set(cookie(rotated)).set(dashboard(t)));
    const code = TOTP.generate({ secret: Secret.fromBase32(enrolled.body.secret) });
    const confirmed = await record(200, t.http.post('/v1/auth/totp/confirm').set(cookie(rotated)).set(dashboard(t)).send({ code }));
    await record(
      200,
      t.http
        .post('/v1/auth/login')
        .set(dashboard(t))
        .send({ email: PERSON.email, password: NEXT_PASSWORD, code: confirmed.body.recoveryCodes[0] }),
    );
    await record(204, t.http.post('/v1/auth/logout').set(cookie(rotated)).set(dashboard(t)));

    const [user] = await t.app
      .get(DataSource)
      .query<{ password_hash: string; totp_secret_encrypted: string }[]>('SELECT password_hash, totp_secret_encrypted FROM users');
    secrets.push(
      session,
      rotated,
      sha256Hex(session),
      sha256Hex(rotated),
      user!.password_hash,
      user!.totp_secret_encrypted,
      enrolled.body.secret,
    );
    secrets.push(...(confirmed.body.recoveryCodes as string[]));
  });
  afterAll(() => t.close());

  it('puts none in an answer body, nor any header but the Set-Cookie of its own session', () => {
    // Except the two answers whose purpose is to hand the second-factor secret and the recovery codes over, once.
    const handOvers = (body: object) => 'secret' in body || 'recoveryCodes' in body;
    const bodies = responses.filter((response) => !handOvers(response.body as object)).map((response) => JSON.stringify(response.body));
    for (const secret of secrets) for (const body of bodies) expect(body).not.toContain(secret);
    for (const response of responses) {
      const headers = Object.entries(response.headers).filter(([name]) => name !== 'set-cookie');
      for (const secret of secrets) expect(JSON.stringify(headers)).not.toContain(secret);
    }
  });

  it('puts none in a log line', () => {
    expect(t.logs.length).toBeGreaterThan(10);
    const logs = t.logs.join('\n');
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });

  it('puts none, nor a session id, in an audit event', async () => {
    const data = t.app.get(DataSource);
    const events = await data.query<{ action: string }[]>('SELECT * FROM audit_events');
    expect(events.map((event) => event.action)).toEqual(
      expect.arrayContaining(['auth.setup', 'auth.login', 'auth.password_changed', 'auth.totp_enabled', 'auth.logout']),
    );
    const sessionIds = (await data.query<{ id: string }[]>('SELECT id FROM user_sessions')).map((row) => row.id);
    expect(sessionIds.length).toBeGreaterThan(0);
    const rows = JSON.stringify(events);
    for (const secret of [...secrets, ...sessionIds]) expect(rows).not.toContain(secret);
  });

  it('puts none, nor the email, in a Redis key or value', async () => {
    const redis = t.app.get<RedisClient>(REDIS_CLIENT);
    const keys = await redis.keys(`${t.config.REDIS_PREFIX}:*`);
    expect(keys.length).toBeGreaterThan(0);
    const stored = [...keys];
    for (const key of keys) if ((await redis.type(key)) === 'string') stored.push((await redis.get(key))!);
    for (const value of stored) for (const secret of [...secrets, PERSON.email, 'nobody@example.com']) expect(value).not.toContain(secret);
  });
});
