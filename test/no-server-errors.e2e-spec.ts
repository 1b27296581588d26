import { isSendRoute, sendBodyLimit } from '../apps/api/src/http/json-body-limits';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

/** Walks every documented route: a minute or more on a CI machine running other specs beside it, seconds alone. */
const SLOW_TEST_MS = 180_000;

const MALFORMED_BODIES: unknown[] = [
  {},
  [],
  'just a string',
  { name: { $gt: 1 }, email: ['a'], to: 'x', port: 'NaN', auth: [], senders: {}, messages: 'x', scopes: 'admin' },
  { name: 'x'.repeat(100_000) },
  { to: [{ email: 'a@example.com', name: { nested: true } }], subject: 7, html: null, headers: [] },
];

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  oneOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
};
type Document = {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
};

/**
 * A body shaped as the route documents it, each free-text string replaced by `text(path)`, so
 * that the values get past validation to the services and the database; emails stay valid.
 */
function documentedBody(document: Document, schema: Schema, text: (path: string) => string, path = ''): unknown {
  if (schema.$ref) return documentedBody(document, document.components.schemas[schema.$ref.split('/').pop()!]!, text, path);
  if (schema.oneOf) return documentedBody(document, schema.oneOf[schema.oneOf.length - 1]!, text, path);
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'array') return [documentedBody(document, schema.items ?? {}, text, `${path}[0]`)];
  if (schema.type === 'object' || schema.properties) {
    const entries = Object.entries(schema.properties ?? {}).map(([key, child]) => [
      key,
      documentedBody(document, child, text, path ? `${path}.${key}` : key),
    ]);
    if (typeof schema.additionalProperties === 'object')
      entries.push(['custom', documentedBody(document, schema.additionalProperties, text, `${path}.custom`)]);
    return Object.fromEntries(entries);
  }
  if (schema.type === 'integer' || schema.type === 'number') return 1;
  if (schema.type === 'boolean') return true;
  if (schema.format === 'email') return 'a@example.com';
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'date-time') return new Date(0).toISOString();
  return text(path);
}

/** The same value with U+0000 in every string, keys included. */
function withNul(value: unknown): unknown {
  if (typeof value === 'string') return `${value}\u0000`;
  if (Array.isArray(value)) return value.map(withNul);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withNul(child)]));
  return value;
}

const jsonSchemaOf = (operation: { requestBody?: { content: Record<string, { schema: Schema }> } }) =>
  operation.requestBody?.content['application/json']?.schema;

const IDS = ['not-a-uuid', '00000000-0000-4000-8000-000000000000', '%E0%A4%A', 'a'.repeat(300), 'a%00b'];
const MB = 1024 * 1024;

describe('no client input causes a server error', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.close());

  it(
    'answers every documented route with malformed ids and bodies without a 5xx',
    async () => {
      const document = (await t.http.get('/docs-json').expect(200)).body as Document;
      const failures: string[] = [];
      for (const [template, operations] of Object.entries(document.paths)) {
        // Routes without an id of their own need one pass, not one per id.
        for (const id of /\{(?!ws\})/.test(template) ? IDS : IDS.slice(0, 1)) {
          const path = template.replace('{ws}', ws.id).replace(/\{[^}]+\}/g, id);
          for (const [method, operation] of Object.entries(operations) as Array<
            ['get' | 'post' | 'patch' | 'delete', Parameters<typeof jsonSchemaOf>[0]]
          >) {
            const schema = jsonSchemaOf(operation);
            const documented = schema
              ? [documentedBody(document, schema, () => 'x\u0000'), withNul(documentedBody(document, schema, () => 'x'))]
              : [];
            const bodies =
              method === 'get' || method === 'delete'
                ? [undefined]
                : [...MALFORMED_BODIES, ...MALFORMED_BODIES.map(withNul), ...documented];
            for (const query of ['limit=abc&cursor=%%%&status=nope', 'limit=1%00&cursor=%00&status=%00&to=a%00@example.com&key=%00']) {
              for (const body of bodies) {
                const request = t.http[method](`${path}?${query}`).set(bearer(ws.adminKey));
                const response = await (body === undefined ? request : request.send(body as object));
                if (response.status >= 500)
                  failures.push(`${method.toUpperCase()} ${path}?${query} ${JSON.stringify(body)?.slice(0, 80)} → ${response.status}`);
              }
            }
          }
        }
      }
      expect(failures).toEqual([]);
    },
    SLOW_TEST_MS,
  );

  it('answers huge strings in every documented field, and bodies over the limit, without a 5xx', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as Document;
    const oneMegabyte = 'x'.repeat(MB);
    const overLimit = { name: 'x'.repeat(10 * MB + 1) };
    // The send endpoints take attachments besides (see sendBodyLimit).
    const overSendLimit = { name: 'x'.repeat(sendBodyLimit(t.config) + 1) };
    const deep = `${'['.repeat(100_000)}"x\\u0000"${']'.repeat(100_000)}`;
    const deepClean = deep.replace('\\u0000', '');
    const failures: string[] = [];
    for (const [template, operations] of Object.entries(document.paths)) {
      const path = template.replace('{ws}', ws.id).replace(/\{[^}]+\}/g, IDS[1]!);
      for (const [method, operation] of Object.entries(operations) as Array<['post' | 'patch', Parameters<typeof jsonSchemaOf>[0]]>) {
        const schema = jsonSchemaOf(operation);
        if (!schema) continue;
        const bodies: Array<[string, unknown, number?]> = [
          ['1 MB in each string', documentedBody(document, schema, () => oneMegabyte)],
          ['1 MB with a NUL in each string', documentedBody(document, schema, () => `${oneMegabyte}\u0000`)],
          ['nested 100,000 deep', `{"to":${deep},"name":${deep},"attributes":${deep}}`],
          ['nested 100,000 deep without a NUL', `{"to":${deepClean},"name":${deepClean},"attributes":${deepClean}}`],
          ['over its limit', isSendRoute(method.toUpperCase(), path) ? overSendLimit : overLimit, 413],
        ];
        for (const [label, body, expected] of bodies) {
          const response = await t.http[method](path)
            .set(bearer(ws.adminKey))
            .type('json')
            .send(body as object);
          if (response.status >= 500 || (expected && response.status !== expected))
            failures.push(`${method.toUpperCase()} ${template} ${label} → ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers non-ASCII and malformed paths, and unsubscribe posts in any encoding, without a 5xx', async () => {
    const segments = [
      encodeURIComponent('セール'),
      encodeURIComponent('ü'),
      '%C3',
      '%FF%FE',
      '%00',
      encodeURIComponent('https://example.jp/セール'),
    ];
    const paths = segments.flatMap((segment) => [
      `/v1/workspaces/${ws.id}/messages/${segment}`,
      `/v1/workspaces/${segment}/messages`,
      `/t/c/${segment}`,
      `/t/o/${segment}`,
      `/u/${segment}`,
      `/${segment}`,
    ]);
    const unsubscribeBodies: Array<[string, string]> = [
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n'],
      ['multipart/form-data', 'no boundary at all'],
      ['application/x-www-form-urlencoded', 'List-Unsubscribe=One-Click%00'],
      ['text/plain; charset=utf-16', 'List-Unsubscribe=One-Click'],
      ['application/json', '{"broken":'],
    ];
    const failures: string[] = [];
    for (const path of paths) {
      const response = await t.http.get(path).set(bearer(ws.adminKey));
      if (response.status >= 500) failures.push(`GET ${path} → ${response.status}`);
      if (!path.startsWith('/u/')) continue;
      for (const [type, body] of unsubscribeBodies) {
        const posted = await t.http.post(path).set('Content-Type', type).send(body);
        if (posted.status >= 500) failures.push(`POST ${path} ${type} → ${posted.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers a body that is not JSON, and one over the size limit, with 4xx', async () => {
    await t.http
      .post(`/v1/workspaces/${ws.id}/messages`)
      .set(bearer(ws.adminKey))
      .set('Content-Type', 'application/json')
      .send('{"to": [')
      .expect(400);
    const huge = JSON.stringify({ subject: 'x', text: 'y'.repeat(sendBodyLimit(t.config)), to: ['a@example.com'] });
    await t.http
      .post(`/v1/workspaces/${ws.id}/messages`)
      .set(bearer(ws.adminKey))
      .set('Content-Type', 'application/json')
      .send(huge)
      .expect(413);
  });
});
