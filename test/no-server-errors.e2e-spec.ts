import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const MALFORMED_BODIES: unknown[] = [
  {},
  [],
  'just a string',
  { name: { $gt: 1 }, email: ['a'], to: 'x', port: 'NaN', auth: [], senders: {}, messages: 'x', scopes: 'admin' },
  { name: 'x'.repeat(100_000) },
  { to: [{ email: 'a@example.com', name: { nested: true } }], subject: 7, html: null, headers: [] },
];

describe('no client input causes a server error', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.close());

  it('answers every documented route with malformed ids and bodies without a 5xx', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const failures: string[] = [];
    for (const [template, operations] of Object.entries(document.paths)) {
      for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', '%E0%A4%A', 'a'.repeat(300)]) {
        const path = template.replace('{ws}', ws.id).replace(/\{[^}]+\}/g, id);
        for (const method of Object.keys(operations) as Array<'get' | 'post' | 'patch' | 'delete'>) {
          const bodies = method === 'get' || method === 'delete' ? [undefined] : MALFORMED_BODIES;
          for (const body of bodies) {
            const request = t.http[method](`${path}?limit=abc&cursor=%%%&status=nope`).set(bearer(ws.adminKey));
            const response = await (body === undefined ? request : request.send(body as object));
            if (response.status >= 500) failures.push(`${method.toUpperCase()} ${path} ${JSON.stringify(body)?.slice(0, 80)} → ${response.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers a body that is not JSON, and one over the size limit, with 4xx', async () => {
    await t.http.post(`/v1/workspaces/${ws.id}/messages`).set(bearer(ws.adminKey)).set('Content-Type', 'application/json').send('{"to": [').expect(400);
    const huge = JSON.stringify({ subject: 'x', text: 'y'.repeat(11 * 1024 * 1024), to: ['a@example.com'] });
    await t.http.post(`/v1/workspaces/${ws.id}/messages`).set(bearer(ws.adminKey)).set('Content-Type', 'application/json').send(huge).expect(413);
  });
});
