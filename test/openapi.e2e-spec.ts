import { AppConfig } from '@app/config';
import { OPERATION_SUMMARIES } from '../apps/api/src/http/openapi-summaries';
import { startTestApp, TestApp } from './support/test-app';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route Express serves, as OpenAPI spells it (`:id` → `{id}`). */
function servedRoutes(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  return (
    express.router.stack
      // '/{*path}' is the middleware catch-all (metrics, logging), not an endpoint.
      .filter((layer) => layer.route && !layer.route.path.startsWith('/docs') && layer.route.path !== '/{*path}')
      .flatMap((layer) =>
        Object.keys(layer.route!.methods)
          .filter((method) => method !== '_all')
          .map((method) => `${method} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`),
      )
  );
}

interface Operation {
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: { format?: string } }[];
  responses: Record<string, unknown>;
}

/** Health, metrics and the OAuth redirect URI answer every request: there is no 4xx for them to document. */
const NO_CLIENT_ERROR = ['GET /metrics', 'GET /health/live', 'GET /health/ready', 'GET /v1/oauth2/redirect-uri'];

/** Every operation of the document as `METHOD path`. */
function operationsOf(document: { paths: Record<string, Record<string, Operation>> }): [string, string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]): [string, string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      path,
      operation,
    ]),
  );
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let operations: [string, string, Operation][];

  beforeAll(async () => {
    t = await startTestApp();
    operations = operationsOf((await t.http.get('/docs-json').expect(200)).body);
  });
  afterAll(() => t.close());

  it('describes every endpoint the API serves', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body;
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    const missing = servedRoutes(t).filter((route) => !documented.includes(route));
    expect(missing).toEqual([]);
  });

  it('gives request bodies and responses schemas', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body;
    const send = document.paths['/v1/workspaces/{ws}/messages'].post;
    expect(send.requestBody.content['application/json'].schema.$ref).toMatch(/SendMessageDto/);
    expect(send.responses['202'].content['application/json'].schema.$ref).toMatch(/AcceptedMessageResponse/);
    expect(document.components.schemas.CreateIntegrationDto.properties.auth).toBeDefined();
  });

  it('gives the schema of every successful answer that has a body, as the typed client needs', () => {
    // A 202 that only acknowledges, and pages a person looks at (unsubscribe), carry no schema worth typing.
    const bodiless = ['POST /v1/auth/forgot-password 202', 'GET /u/{token} 200', 'POST /u/{token} 200'];
    const untyped = operations.flatMap(([key, , operation]) =>
      Object.entries(operation.responses)
        .filter(([status, response]) => /^2/.test(status) && status !== '204' && !(response as { content?: unknown }).content)
        .map(([status]) => `${key} ${status}`)
        .filter((answer) => !bodiless.includes(answer)),
    );
    expect(untyped).toEqual([]);
  });

  it('names the public base URL as its server', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body;
    expect(document.servers).toEqual([{ url: t.app.get(AppConfig).PUBLIC_BASE_URL }]);
  });

  it('gives every operation a summary', () => {
    expect(operations.filter(([, , operation]) => !operation.summary?.trim()).map(([key]) => key)).toEqual([]);
  });

  it('keeps no summary for an operation the API does not have', () => {
    const keys = operations.map(([key]) => key);
    expect(Object.keys(OPERATION_SUMMARIES).filter((key) => !keys.includes(key))).toEqual([]);
  });

  it('declares the security of every operation', () => {
    expect(operations.filter(([, , operation]) => !Array.isArray(operation.security)).map(([key]) => key)).toEqual([]);
  });

  it('offers the bearer token and the session on every workspace route, a change by session with the dashboard header', () => {
    const workspaceRoutes = operations.filter(([, path]) => path.startsWith('/v1/workspaces'));
    const expected = (key: string) =>
      JSON.stringify(key.startsWith('GET ') ? [{ bearer: [] }, { cookie: [] }] : [{ bearer: [] }, { cookie: [], dashboardClient: [] }]);
    expect(
      workspaceRoutes.filter(([key, , operation]) => JSON.stringify(operation.security) !== expected(key)).map(([key]) => key),
    ).toEqual([]);
  });

  it('declares no security only on routes that answer without credentials', async () => {
    const unauthorized: string[] = [];
    for (const [key, path] of operations.filter(([, , operation]) => operation.security?.length === 0)) {
      const [method] = key.split(' ');
      const url = path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
      const response = await t.http[method.toLowerCase() as 'get' | 'post'](url);
      if (response.status === 401) unauthorized.push(key);
    }
    expect(unauthorized).toEqual([]);
  });

  it('declares every path parameter, required and described', () => {
    const undeclared = operations.flatMap(([key, path, operation]) =>
      [...path.matchAll(/\{(\w+)\}/g)]
        .map((match) => match[1])
        .filter((name) => {
          const parameter = operation.parameters?.find((candidate) => candidate.in === 'path' && candidate.name === name);
          return !parameter?.required || !parameter.description || !parameter.schema;
        })
        .map((name) => `${key} {${name}}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('types the workspace parameter as a uuid', () => {
    const ws = operations.flatMap(([, , operation]) => operation.parameters?.filter((parameter) => parameter.name === 'ws') ?? []);
    expect(ws.length).toBeGreaterThan(0);
    expect(ws.filter((parameter) => parameter.schema?.format !== 'uuid')).toEqual([]);
  });

  it('documents the client errors of every operation that can answer one', () => {
    const silent = operations
      .filter(([key]) => !NO_CLIENT_ERROR.includes(key))
      .filter(([, , operation]) => !Object.keys(operation.responses).some((status) => status.startsWith('4')))
      .map(([key]) => key);
    expect(silent).toEqual([]);
  });

  it('documents 401, 403 and 404 on every workspace route', () => {
    const incomplete = operations
      .filter(([, path]) => path.startsWith('/v1/workspaces/{ws}'))
      .filter(([, , operation]) => !['401', '403', '404'].every((status) => status in operation.responses))
      .map(([key]) => key);
    expect(incomplete).toEqual([]);
  });
});
