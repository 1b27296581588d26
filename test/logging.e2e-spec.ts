import { AsyncLocalStorage } from 'node:async_hooks';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createApiKey, createWorkspace } from './support/workspace-factory';

describe('structured logs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ captureLogs: true });
  });
  afterAll(() => t.close());

  it('writes one JSON line per request without the Authorization header or any key', async () => {
    const ws = await createWorkspace(t);
    const sendKey = await createApiKey(t, ws, ['send']);
    await t.http.get(`/v1/workspaces/${ws.id}`).set(bearer(sendKey)).expect(403);
    await t.http.get(`/v1/workspaces/${ws.id}`).set(bearer('mr_wrong-key-value')).expect(401);

    const lines = t.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestLines = lines.filter((line) => line.req);
    expect(requestLines.length).toBeGreaterThanOrEqual(4);
    const text = t.logs.join('\n');
    for (const secret of [t.adminToken, ws.adminKey, sendKey, 'mr_wrong-key-value']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/authorization/i);
    expect(requestLines.map((line) => line.req)).toContainEqual({ id: expect.anything(), method: 'GET', url: `/v1/workspaces/${ws.id}` });
  });

  it('logs requests without entering AsyncLocalStorage, whose hooks would slow every async operation', async () => {
    const run = jest.spyOn(AsyncLocalStorage.prototype, 'run');
    const enterWith = jest.spyOn(AsyncLocalStorage.prototype, 'enterWith');
    try {
      const ws = await createWorkspace(t);
      await t.http.get(`/v1/workspaces/${ws.id}`).set(bearer(ws.adminKey)).expect(200);
      expect(run).not.toHaveBeenCalled();
      expect(enterWith).not.toHaveBeenCalled();
    } finally {
      run.mockRestore();
      enterWith.mockRestore();
    }
  });
});
