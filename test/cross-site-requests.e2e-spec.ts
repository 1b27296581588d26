import { cookie, OPERATOR, OPERATOR_ENV, signIn } from './support/people';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace } from './support/workspace-factory';

const OWN = 'https://mail.example.com';
const EXTRA = 'http://localhost:5173';
const CLIENT = { 'X-Mailroom-Client': 'dashboard' };

describe('cross-site request forgery', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { ...OPERATOR_ENV, PUBLIC_BASE_URL: `${OWN}/`, DASHBOARD_ORIGINS: EXTRA } });
    token = await signIn(t);
  });
  afterAll(() => t.close());

  const createWithCookie = (headers: Record<string, string>) =>
    t.http.post('/v1/workspaces').set(cookie(token)).set(headers).send({ name: 'Forged' });

  it("refuses a cookie-authenticated change from another site's page, naming the expected origin", async () => {
    const response = await createWithCookie({ Origin: 'https://evil.example', ...CLIENT }).expect(403);
    expect(response.body.message).toMatch(
      /Origin https:\/\/evil\.example is not the dashboard's; expected https:\/\/mail\.example\.com \(or one of DASHBOARD_ORIGINS\)/,
    );
  });

  it('refuses a cookie-authenticated change without the dashboard header, naming it', async () => {
    const response = await createWithCookie({ Origin: OWN }).expect(403);
    expect(response.body.message).toMatch(/X-Mailroom-Client: dashboard/);
  });

  it('refuses a cookie-authenticated change that says neither Origin nor Sec-Fetch-Site', async () => {
    const response = await createWithCookie(CLIENT).expect(403);
    expect(response.body.message).toMatch(/names no Origin/);
  });

  it('refuses a cross-site Sec-Fetch-Site when the browser sends no Origin', async () => {
    await createWithCookie({ 'Sec-Fetch-Site': 'cross-site', ...CLIENT }).expect(403);
  });

  it("accepts the change from the dashboard's origin, from DASHBOARD_ORIGINS, or a same-origin fetch without Origin", async () => {
    await createWithCookie({ Origin: OWN, ...CLIENT }).expect(201);
    await createWithCookie({ Origin: EXTRA, ...CLIENT }).expect(201);
    await createWithCookie({ 'Sec-Fetch-Site': 'same-origin', ...CLIENT }).expect(201);
  });

  it('leaves reads with the cookie alone', async () => {
    await t.http.get('/v1/workspaces').set(cookie(token)).set('Origin', 'https://evil.example').expect(200);
  });

  it('leaves bearer-authenticated changes alone, whatever their Origin and headers', async () => {
    await t.http
      .post('/v1/workspaces')
      .set(bearer(t.adminToken))
      .set('Origin', 'https://evil.example')
      .send({ name: 'Automation' })
      .expect(201);
    const ws = await createWorkspace(t);
    await t.http
      .patch(`/v1/workspaces/${ws.id}`)
      .set(bearer(ws.adminKey))
      .set('Origin', 'https://evil.example')
      .send({ name: 'Renamed' })
      .expect(200);
  });

  it('refuses a sign-in without the dashboard header (login CSRF), or from another origin', async () => {
    await t.http.post('/v1/auth/login').send(OPERATOR).expect(403);
    await t.http
      .post('/v1/auth/login')
      .set({ Origin: 'https://evil.example', ...CLIENT })
      .send(OPERATOR)
      .expect(403);
    await t.http
      .post('/v1/auth/login')
      .set({ 'Sec-Fetch-Site': 'cross-site', ...CLIENT })
      .send(OPERATOR)
      .expect(403);
  });

  it('accepts a sign-in with the header from a client that names no origin (a script, the tests)', async () => {
    await t.http.post('/v1/auth/login').set(CLIENT).send(OPERATOR).expect(200);
  });
});
