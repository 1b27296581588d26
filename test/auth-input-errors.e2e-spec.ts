import { cookie, dashboard, OPERATOR_ENV, signIn } from './support/people';
import { startTestApp, TestApp } from './support/test-app';

const BODIES: unknown[] = [
  {},
  [],
  'just a string',
  { email: { $gt: '' }, password: ['a'], token: 7, code: null, current: {}, next: 12 },
  { email: 'a@example.com', password: 'x'.repeat(100_000), token: 'x'.repeat(100_000), code: '1'.repeat(100_000) },
  { email: 'a\u0000@example.com', password: 'pass\u0000word long enough', token: '\u0000', name: '\u0000', code: '12345\u0000' },
  {
    email: 'a@example.com',
    password: 'correct horse battery staple',
    name: 'x',
    token: 'y'.repeat(43),
    code: 'abcde-fghij',
    current: 'z',
    next: 'correct horse battery staple',
  },
];

describe('the sign-in routes, given malformed input from the dashboard with a session', () => {
  let t: TestApp;
  let session: string;

  beforeAll(async () => {
    t = await startTestApp({ env: OPERATOR_ENV });
    session = await signIn(t);
  });
  afterAll(() => t.close());

  it('answer every body with a 4xx (or success), never a 5xx', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const failures: string[] = [];
    for (const [template, operations] of Object.entries(document.paths).filter(([path]) => path.startsWith('/v1/auth'))) {
      const path = template.replace(/\{[^}]+\}/g, 'not-a-uuid');
      for (const method of Object.keys(operations) as Array<'get' | 'post' | 'delete'>) {
        // Signing out would leave the remaining routes nothing but 401s to answer.
        if (template === '/v1/auth/logout') continue;
        for (const body of BODIES) {
          const response = await t.http[method](path)
            .set(dashboard(t))
            .set(cookie(session))
            .type('json')
            .send(body as object);
          if (response.status >= 500)
            failures.push(`${method.toUpperCase()} ${template} ${JSON.stringify(body).slice(0, 60)} → ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
