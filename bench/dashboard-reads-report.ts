import { PLAN, TARGETS } from './plan';
import { machineLines, table } from './report';
import type { DashboardReads } from './results';
import type { Machine } from './support/machine';
import { replaceSection } from './support/report-section';

/** The report's section of (g); a run of (g) alone (`npm run bench -- dashboard-reads`) replaces only it. */
const HEADING = '## Dashboard reads';

const ms = (value: number) => `${value.toFixed(1)} ms`;

export function dashboardReadsSection(reads: DashboardReads, machine: Machine, date: Date): string[] {
  const target = TARGETS.dashboardReadP95Ms;
  const rows = reads.calls.map((call) => [
    call.name,
    ms(call.p50Ms),
    ms(call.p95Ms),
    ms(call.maxMs),
    call.p95Ms < target ? 'met' : 'MISSED',
  ]);
  const { warmup } = PLAN.dashboardReads;
  return [
    HEADING,
    '',
    `(g) Every GET the dashboard's pages make, in a workspace of ${reads.messages.toLocaleString('en-US')} messages with`,
    `${reads.events.toLocaleString('en-US')} events and ${reads.contacts.toLocaleString('en-US')} contacts; measured on ${date.toISOString()}:`,
    '',
    ...machineLines(machine),
    '',
    table(['GET (workspace paths under /v1/workspaces/{ws})', 'p50', 'p95', 'max', `p95 < ${target} ms`], rows),
    '',
    `- Mailroom runs as in (d) (\`MAILROOM_ROLE=api\`, no worker), on a fresh database. The workspace, its`,
    '  integration, a list and three broadcasts are made through the API; the messages (spread over the last',
    '  30 days, one in five marketing, 2% failed, 1% suppressed, the newest few queued), their events (sent,',
    '  failed, retries, human and machine opens, clicks) and the contacts and suppressions are written with SQL',
    "  (`INSERT … SELECT generate_series`, and the overview's counters summed from those events as the app's",
    '  writers add them), then VACUUM ANALYZE, as autovacuum would soon do.',
    `- Each call is made ${reads.samples} times in turn after ${warmup} warm-ups, one request at a time, with the session`,
    "  cookie of a signed-in operator (the dashboard's way in). A time runs from sending the request until",
    '  the whole body is read in the bench process over loopback: the server time plus a fraction of a millisecond.',
    '  "none" marks a filter that matches no message, the case that reads furthest.',
    '',
    table(
      ['first visit, empty cache', 'scripts', 'JavaScript on the wire', 'uncompressed', `< ${kB(TARGETS.dashboardFirstLoadBytes)}`],
      [reads.firstLoad.newcomer, reads.firstLoad.signedIn].map((load) => [
        `\`${load.path.replace(/[0-9a-f-]{36}/, '{ws}')}\``,
        String(load.scripts),
        kB(load.scriptBytes),
        kB(load.scriptBytesDecoded),
        load.scriptBytes < TARGETS.dashboardFirstLoadBytes ? 'met' : 'MISSED',
      ]),
    ),
    '',
    "- Debian's Chromium opens the page with an empty cache; every script it fetches until the page is ready",
    '  is counted at the size it crossed the wire (compressed by the server) and decoded. `/login` is what a',
    '  newcomer loads first; the overview is the heaviest first page after signing in (it brings the chart).',
  ];
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

/** Puts the section in place of the one the file has, or before `## Measured once` when it has none. */
export function replaceDashboardReadsSection(path: string, section: string[]): void {
  replaceSection(path, HEADING, section);
}
