import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { sha256Hex } from '@app/crypto';
import { setupLinkIn, setupTokenHashes } from './support/people';
import { startTestApp, TestApp } from './support/test-app';

describe('first run in development', () => {
  let t: TestApp;
  let file: string;
  const env = () => ({ NODE_ENV: 'development', LOCAL_SECRETS_FILE: file });
  const keptToken = () => (JSON.parse(readFileSync(file, 'utf8')) as { SETUP_TOKEN?: string }).SETUP_TOKEN;
  const restart = async () => (await startTestApp({ replicaOf: t, env: env() })).close();

  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'mailroom-first-run-')), 'local.json');
    t = await startTestApp({ captureLogs: true, env: env() });
  });
  afterAll(() => t.close());

  it('prints the link and keeps its token in the local secrets file', () => {
    expect(keptToken()).toBeDefined();
    expect(setupLinkIn(t.logs)).toBe(`${t.config.PUBLIC_BASE_URL}/setup?token=${keptToken()}`);
  });

  it('gives later starts the same link while it works', async () => {
    const before = keptToken();
    await restart();
    expect(keptToken()).toBe(before);
    expect(await setupTokenHashes(t)).toEqual([sha256Hex(before!)]);
  });

  it('issues a new link once the kept one has expired', async () => {
    const before = keptToken();
    await t.app.get(DataSource).query(`UPDATE single_use_tokens SET expires_at = now() - interval '1 second'`);
    await restart();
    expect(keptToken()).not.toBe(before);
    expect(await setupTokenHashes(t)).toContain(sha256Hex(keptToken()!));
  });
});
