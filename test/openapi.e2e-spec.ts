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

describe('OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
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
});
