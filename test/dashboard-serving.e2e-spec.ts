import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/test-app';

const PAGE = '<!doctype html><title>Mailroom</title><script type="module" src="/assets/index-3f2a1b.js"></script>';

describe('the dashboard served at /', () => {
  let t: TestApp;
  let built: string;

  beforeAll(async () => {
    built = await mkdtemp(join(tmpdir(), 'mailroom-dashboard-'));
    await mkdir(join(built, 'assets'));
    await writeFile(join(built, 'index.html'), PAGE);
    await writeFile(join(built, 'assets', 'index-3f2a1b.js'), 'console.log("dashboard");\n'.repeat(200));
    await writeFile(join(built, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startTestApp({ env: { DASHBOARD_DIR: built } });
  });
  afterAll(async () => {
    await t.close();
    await rm(built, { recursive: true, force: true });
  });

  it.each(['/', '/login', '/setup?token=abc', '/w/0b6f3c1e-8d4e-4c1a-9f7e-2a1b3c4d5e6f/messages?status=failed', '/invite/some-token'])(
    'answers the page at %s, revalidated on every load',
    async (path) => {
      const response = await t.http.get(path).expect(200);
      expect(response.type).toBe('text/html');
      expect(response.text).toBe(PAGE);
      expect(response.headers['cache-control']).toBe('no-cache');
    },
  );

  it('forbids inline script and framing on the page', async () => {
    const csp = (await t.http.get('/').expect(200)).headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('caches hashed assets for a year', async () => {
    const response = await t.http.get('/assets/index-3f2a1b.js').expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('compresses assets for browsers that accept it', async () => {
    const response = await t.http.get('/assets/index-3f2a1b.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(response.headers['content-encoding']).toBe('gzip');
  });

  it('leaves API answers uncompressed', async () => {
    const response = await t.http.get('/docs-json').set('Accept-Encoding', 'gzip').expect(200);
    expect(response.headers['content-encoding']).toBeUndefined();
  });

  it('answers 404 for an asset that is not there, not the page', async () => {
    const response = await t.http.get('/assets/index-old.js').expect(404);
    expect(response.text).not.toBe(PAGE);
  });

  it('serves the icon under its own name', async () => {
    const response = await t.http.get('/favicon.svg').expect(200);
    expect(response.type).toBe('image/svg+xml');
  });

  it.each(['/v1/nothing-here', '/V1/Nothing', '/t/o/not-a-token', '/u/not-a-token', '/docs-json', '/health/live', '/metrics', '/docs/'])(
    'never answers the page below the server paths: %s',
    async (path) => {
      const response = await t.http.get(path);
      expect(response.text).not.toBe(PAGE);
    },
  );

  it('answers other methods than GET with the API 404, not the page', async () => {
    const response = await t.http.post('/login').send({}).expect(404);
    expect(response.body.statusCode).toBe(404);
  });
});

describe('a server whose dashboard is not built', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { DASHBOARD_DIR: join(tmpdir(), 'mailroom-no-dashboard-here') } });
  });
  afterAll(() => t.close());

  it('says how to build it', async () => {
    const response = await t.http.get('/').expect(404);
    expect(response.body.message).toMatch(/npm run build/);
  });
});
