import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Puts a section (its `## heading` first) in place of the one the report has, or before
 * `## Measured once` when it has none: what a scenario run alone rewrites, leaving the rest.
 */
export function replaceSection(path: string, heading: string, section: string[]): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const block = `${section.join('\n')}\n\n`;
  const start = text.indexOf(`\n${heading}\n`);
  if (start >= 0) {
    const next = text.indexOf('\n## ', start + 1);
    writeFileSync(path, text.slice(0, start + 1) + block + (next >= 0 ? text.slice(next + 1) : ''));
    return;
  }
  const measuredOnce = text.indexOf('\n## Measured once\n');
  const at = measuredOnce >= 0 ? measuredOnce + 1 : text.length;
  writeFileSync(path, text.slice(0, at) + (at === text.length ? '\n' : '') + block + text.slice(at));
}
