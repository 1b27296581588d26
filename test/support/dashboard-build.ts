import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SOURCES = join(ROOT, 'apps', 'dashboard');
const BUILT_PAGE = join(ROOT, 'dist', 'dashboard', 'index.html');

/** Builds the dashboard for the browser specs unless dist/dashboard is newer than every source file (about a second with Vite 8). */
export function ensureDashboardBuilt(): void {
  if (builtAt() > newestSource(SOURCES)) return;
  execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', join(SOURCES, 'vite.config.mts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    // Jest sets NODE_ENV=test, which would make Vite build React's development bundle.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}

function builtAt(): number {
  try {
    return statSync(BUILT_PAGE).mtimeMs;
  } catch {
    return 0;
  }
}

function newestSource(directory: string): number {
  return readdirSync(directory, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(directory, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }, statSync(directory).mtimeMs);
}
