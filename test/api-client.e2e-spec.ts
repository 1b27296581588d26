import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);
const bin = (name: string) => join(__dirname, '..', 'node_modules', '.bin', name);
const CLIENT_SCHEMA = join(__dirname, '..', 'apps', 'dashboard', 'src', 'lib', 'api', 'schema.d.ts');
/** Redocly would otherwise report usage and look for a newer release: neither may reach the network. */
const OFFLINE = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

/**
 * The dashboard's typed client is generated from the document the API serves; this spec fails
 * when the committed types no longer match it. `npm run api:client` rewrites them.
 */
describe('the OpenAPI document as a client contract', () => {
  let t: TestApp;
  let folder: string;
  let documentFile: string;

  beforeAll(async () => {
    t = await startTestApp();
    folder = await mkdtemp(join(tmpdir(), 'mailroom-openapi-'));
    documentFile = join(folder, 'openapi.json');
    const response = await t.http.get('/docs-json').expect(200);
    await writeFile(documentFile, JSON.stringify(response.body));
    if (process.env.KEEP_OPENAPI) await writeFile(process.env.KEEP_OPENAPI, JSON.stringify(response.body, null, 2));
  });

  afterAll(async () => {
    await t.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('passes Redocly lint with its recommended rules and no errors', async () => {
    const lint = await run(bin('redocly'), ['lint', documentFile, '--extends', 'recommended', '--format', 'json'], { env: OFFLINE }).catch(
      (error: { stdout: string }) => error,
    );
    const report = JSON.parse(lint.stdout) as {
      totals: { errors: number };
      problems: { ruleId: string; message: string; severity: string }[];
    };
    const errors = report.problems
      .filter((problem) => problem.severity === 'error')
      .map((problem) => `${problem.ruleId}: ${problem.message}`);
    expect(errors).toEqual([]);
  });

  it('generates exactly the committed dashboard client types', async () => {
    const generated = join(folder, 'schema.d.ts');
    await run(bin('openapi-typescript'), [documentFile, '--output', generated], { env: OFFLINE });
    const fresh = await readFile(generated, 'utf8');
    if (process.env.UPDATE_API_CLIENT === '1') await writeFile(CLIENT_SCHEMA, fresh);
    const committed = await readFile(CLIENT_SCHEMA, 'utf8').catch(() => '');
    expect({ upToDate: committed === fresh, fix: 'npm run api:client' }).toEqual({ upToDate: true, fix: 'npm run api:client' });
  });
});
