import { Secret, TOTP } from 'otpauth';
import { DataSource } from 'typeorm';
import { cookie, dashboard, OPERATOR, OPERATOR_ENV, signIn } from './support/people';
import { startTestApp, TestApp } from './support/test-app';

const PERIOD_MS = 30_000;

/**
 * Codes an authenticator app shows, each for a time step no earlier code had: Mailroom takes the
 * steps either side of now, and refuses a step's code the second time.
 */
class AuthenticatorApp {
  private readonly used = new Set<number>();

  constructor(private readonly secret: string) {}

  freshCode(): string {
    for (const steps of [0, 1, -1]) {
      const timestamp = Date.now() + steps * PERIOD_MS;
      const counter = TOTP.counter({ timestamp });
      if (this.used.has(counter)) continue;
      this.used.add(counter);
      return TOTP.generate({ secret: Secret.fromBase32(this.secret), timestamp });
    }
    throw new Error('every code of this moment was used; wait for the next period');
  }

  /** A six-digit code that is none of those Mailroom would take now. */
  wrongCode(): string {
    const valid = [-1, 0, 1].map((steps) =>
      TOTP.generate({ secret: Secret.fromBase32(this.secret), timestamp: Date.now() + steps * PERIOD_MS }),
    );
    return ['000000', '111111', '222222', '333333'].find((code) => !valid.includes(code))!;
  }
}

describe('the TOTP second factor', () => {
  let t: TestApp;
  let token: string;
  let app: AuthenticatorApp;
  let recoveryCodes: string[];

  beforeAll(async () => {
    t = await startTestApp({ env: OPERATOR_ENV });
    token = await signIn(t);
  });
  afterAll(() => t.close());

  const post = (path: string, body?: Record<string, unknown>) => t.http.post(path).set(cookie(token)).set(dashboard(t)).send(body);
  const login = (body: Record<string, unknown>) =>
    t.http
      .post('/v1/auth/login')
      .set(dashboard(t))
      .send({ ...OPERATOR, ...body });

  it('enrols a secret for an authenticator app, stored encrypted and not yet in force', async () => {
    const enrolled = await post('/v1/auth/totp').expect(201);
    const secret = enrolled.body.secret as string;
    app = new AuthenticatorApp(secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolled.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Mailroom:ops%40example\.com\?issuer=Mailroom&secret=[A-Z2-7]{32}&/);
    const [row] = await t.app
      .get(DataSource)
      .query<{ totp_secret_encrypted: string; totp_enabled_at: Date | null }[]>('SELECT totp_secret_encrypted, totp_enabled_at FROM users');
    expect(row!.totp_secret_encrypted).toMatch(/^v1\./);
    expect(row!.totp_secret_encrypted).not.toContain(secret);
    expect(row!.totp_enabled_at).toBeNull();
    await login({}).expect(200);
  });

  it('refuses to confirm with a code that is not from the secret', async () => {
    const response = await post('/v1/auth/totp/confirm', { code: app.wrongCode() }).expect(422);
    expect(response.body.message).toEqual([expect.stringMatching(/code does not match/)]);
  });

  it('refuses a code that is not six digits, naming the field', async () => {
    const response = await post('/v1/auth/totp/confirm', { code: '12345' }).expect(400);
    expect(response.body.message).toEqual([expect.stringMatching(/^code must be the 6 digits/)]);
  });

  it('is enabled by a code from the app, answering the recovery codes once', async () => {
    const confirmed = await post('/v1/auth/totp/confirm', { code: app.freshCode() }).expect(200);
    recoveryCodes = confirmed.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    const [row] = await t.app.get(DataSource).query<{ recovery_code_hashes: string[] }[]>('SELECT recovery_code_hashes FROM users');
    expect(row!.recovery_code_hashes).toHaveLength(10);
    expect(JSON.stringify(row)).not.toContain(recoveryCodes[0]);
    await post('/v1/auth/totp/confirm', { code: app.wrongCode() }).expect(409);
  });

  it('then answers a sign-in without a code with 401 "second factor required"', async () => {
    const response = await login({}).expect(401);
    expect(response.body.message).toBe('second factor required');
  });

  it('signs in with the password and a current code', async () => {
    await login({ code: app.freshCode() }).expect(200);
  });

  it('refuses a code that was used already', async () => {
    const code = app.freshCode();
    await login({ code }).expect(200);
    await login({ code }).expect(401);
  });

  it('takes a recovery code instead of a code, once', async () => {
    await login({ code: recoveryCodes[0] }).expect(200);
    const again = await login({ code: recoveryCodes[0] }).expect(401);
    expect(again.body.message).toMatch(/wrong, expired or already used/);
  });

  it('still refuses a wrong password before any code is looked at', async () => {
    const response = await login({ password: 'not the operator password', code: recoveryCodes[1] }).expect(401);
    expect(response.body.message).toBe('Wrong email or password');
    await login({ code: recoveryCodes[1] }).expect(200);
  });

  it('shows in GET /v1/auth/me', async () => {
    const me = await t.http.get('/v1/auth/me').set(cookie(token)).expect(200);
    expect(me.body.user.hasSecondFactor).toBe(true);
  });

  it('is turned off with a code, not without one', async () => {
    await t.http.delete('/v1/auth/totp').set(cookie(token)).set(dashboard(t)).send({ code: recoveryCodes[0] }).expect(422);
    await t.http.delete('/v1/auth/totp').set(cookie(token)).set(dashboard(t)).send({ code: recoveryCodes[2] }).expect(204);
    await login({}).expect(200);
    expect((await t.http.get('/v1/auth/me').set(cookie(token)).expect(200)).body.user.hasSecondFactor).toBe(false);
    await t.http.delete('/v1/auth/totp').set(cookie(token)).set(dashboard(t)).send({ code: recoveryCodes[3] }).expect(409);
  });
});
