import { ROUTE_PERMISSIONS } from '@app/tenancy';
import { startTestApp, TestApp } from './support/test-app';

/** `METHOD /path` of every operation the OpenAPI document describes under a workspace. */
async function workspaceOperations(t: TestApp): Promise<string[]> {
  const document = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths)
    .filter(([path]) => path === '/v1/workspaces/{ws}' || path.startsWith('/v1/workspaces/{ws}/'))
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
}

describe('the permission table and the routes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('has a line for every workspace route of the OpenAPI document', async () => {
    const missing = (await workspaceOperations(t)).filter((operation) => !(operation in ROUTE_PERMISSIONS));
    expect(missing).toEqual([]);
  });

  it('has no line for a route the API does not serve', async () => {
    const served = new Set(await workspaceOperations(t));
    expect(Object.keys(ROUTE_PERMISSIONS).filter((operation) => !served.has(operation))).toEqual([]);
  });
});
