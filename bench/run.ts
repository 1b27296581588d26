import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { reportAttachmentMemory } from './attachment-memory-report';
import { dashboardReadsSection, replaceDashboardReadsSection } from './dashboard-reads-report';
import { PLAN } from './plan';
import { printReport, writeReport } from './report';
import type { BenchResults, DashboardReads } from './results';
import { batchAccept, singleAccept } from './scenarios/api-accept';
import { attachmentMemory } from './scenarios/attachment-memory';
import { broadcastFanOut } from './scenarios/broadcast-fan-out';
import { dashboardFirstLoad } from './scenarios/dashboard-first-load';
import { BENCH_OPERATOR, dashboardReads } from './scenarios/dashboard-reads';
import { mailroomDelivery } from './scenarios/mailroom-delivery';
import { pooledNodemailer } from './scenarios/pooled-nodemailer';
import { trackingLoad } from './scenarios/tracking-load';
import { unpooledSender } from './scenarios/unpooled-sender';
import { webhookDelivery } from './scenarios/webhook-delivery';
import { BenchDeployment, MailroomRole } from './support/bench-deployment';
import { BroadcastProbe } from './support/broadcast-probe';
import { HistoryProbe } from './support/history-probe';
import { describeMachine, type Machine } from './support/machine';
import { provisionWorkspace } from './support/mailroom-client';
import { MailroomProcess } from './support/mailroom-process';
import { SinkProcess } from './support/sink-process';
import { Teardown } from './support/teardown';
import { freePort } from './support/timing';
import { deliverTrackedMail } from './support/tracked-mail';
import { WorkspaceHistory } from './support/workspace-history';

const ROOT = join(__dirname, '..');
const REPORT_PATH = join(ROOT, 'docs', 'BENCHMARKS.md');

const step = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Measures the build of the current checkout, not whatever `dist/` happens to hold. */
function build(): void {
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
}

async function main(teardown: Teardown): Promise<void> {
  // Before the build, so the load average shows other work on the machine, not our own compiler.
  const machine = await describeMachine();
  step('building (npm run build)');
  build();

  const sink = await SinkProcess.start();
  teardown.add('stop the SMTP sink', () => sink.stop());

  step('(a) pooled nodemailer → sink');
  const pooled = await pooledNodemailer(sink.port);
  step('(b) one connection per message → sink');
  const unpooled = await unpooledSender(sink.port);

  const deployment = await BenchDeployment.create();
  teardown.add('drop the bench database and its Redis keys', () => deployment.destroy());
  let mailroom: MailroomProcess | undefined;
  teardown.add('stop Mailroom', () => mailroom?.stop());
  const startMailroom = async (role: MailroomRole) => {
    await mailroom?.stop();
    mailroom = await MailroomProcess.start(deployment.env(role, await freePort()));
    return mailroom;
  };

  step('(c) starting Mailroom (api + worker) and delivering through it');
  const combined = await startMailroom('all');
  const target = await provisionWorkspace(combined.baseUrl, deployment.adminToken, sink.port);
  const history = await HistoryProbe.connect(deployment);
  teardown.add('close the history probe', () => history.close());
  const delivery = await mailroomDelivery(target, sink, history);
  step('(e) delivering a few tracked mails through Mailroom for real tracking links');
  const tracked = await deliverTrackedMail(target, sink);
  step(
    `(w) webhooks: (c) with an endpoint on message.sent, then ${PLAN.webhooks.events.toLocaleString('en-US')} webhooks against a bare loop`,
  );
  const webhooks = await webhookDelivery(target, sink, history, deployment, combined.pid);

  step('(d) restarting Mailroom as API only; accept rates with autocannon');
  const api = { ...target, baseUrl: (await startMailroom('api')).baseUrl };
  const single = await singleAccept(api);
  const batch = await batchAccept(api);

  step('(e) tracking pixel and click redirect with autocannon, Mailroom (API only) and a bare node:http server');
  const tracking = await trackingLoad(api.baseUrl, tracked, history);

  // (f) needs a database without the queued messages of (d): free the first one (safe to repeat in teardown).
  await mailroom?.stop();
  await history.close();
  await deployment.destroy();

  step(`(f) fresh database; Mailroom API and worker as separate processes; ${PLAN.fanOut.contacts.toLocaleString('en-US')} contacts`);
  const fanOutDeployment = await BenchDeployment.create('mailroom_bench_fanout');
  teardown.add('drop the fan-out database and its Redis keys', () => fanOutDeployment.destroy());
  // The API first: it applies the migrations, the worker then finds them done.
  const fanOutApi = await MailroomProcess.start(fanOutDeployment.env('api', await freePort()));
  teardown.add('stop the Mailroom API of (f)', () => fanOutApi.stop());
  const worker = await MailroomProcess.start(fanOutDeployment.env('worker', await freePort()), () => fanOutDeployment.workerRunning());
  teardown.add('stop the Mailroom worker of (f)', () => worker.stop());
  const probe = await BroadcastProbe.connect(fanOutDeployment);
  teardown.add('close the broadcast probe', () => probe.close());
  const marketing = await provisionWorkspace(fanOutApi.baseUrl, fanOutDeployment.adminToken, sink.port, {
    transactional: false,
    marketing: true,
  });
  const fanOut = await broadcastFanOut(marketing, worker, sink, probe);
  // (g) reads alone: nothing of (f) may compete for the cores.
  await worker.stop();
  await fanOutApi.stop();
  step('(h) fresh database; 50 messages with 10 MiB attachments queued, then a worker delivers them');
  const attachments = await attachmentMemory(sink, teardown);

  const dashboard = await runDashboardReads(teardown);
  const results: BenchResults = { pooled, unpooled, delivery, single, batch, tracking, fanOut, dashboard, webhooks };
  printReport(results, machine);
  const date = new Date();
  writeReport(REPORT_PATH, results, machine, date);
  reportDashboardReads(dashboard, machine, date);
  reportAttachmentMemory(REPORT_PATH, attachments, machine, date);
  step(`written ${REPORT_PATH}`);
}

/** (g) on a fresh database of its own: Mailroom as API only, a workspace's month of mail seeded, every read of the dashboard's pages timed. */
async function runDashboardReads(teardown: Teardown): Promise<DashboardReads> {
  step(
    `(g) fresh database; Mailroom API only; a workspace of ${PLAN.dashboardReads.messages.toLocaleString('en-US')} messages; the dashboard's reads`,
  );
  const deployment = await BenchDeployment.create('mailroom_bench_reads');
  teardown.add('drop the dashboard-reads database and its Redis keys', () => deployment.destroy());
  const port = await freePort();
  const api = await MailroomProcess.start({
    ...deployment.env('api', port),
    MAILROOM_OPERATOR_EMAIL: BENCH_OPERATOR.email,
    MAILROOM_OPERATOR_PASSWORD: BENCH_OPERATOR.password,
  });
  teardown.add('stop the Mailroom API of (g)', () => api.stop());
  const history = await WorkspaceHistory.connect(deployment);
  teardown.add('close the history seeder', () => history.close());
  // Nothing listens at the integration's port: Mailroom as API only never delivers.
  const target = await provisionWorkspace(api.baseUrl, deployment.adminToken, await freePort(), { transactional: true, marketing: true });
  const reads = await dashboardReads(target, history);
  step('(g) the JavaScript a first visit of the dashboard transfers, in Chromium');
  // The browser opens the dashboard at PUBLIC_BASE_URL (localhost:port), whose origin the sign-in expects.
  return { ...reads, firstLoad: await dashboardFirstLoad(`http://localhost:${port}`, BENCH_OPERATOR, target.workspaceId) };
}

function reportDashboardReads(reads: DashboardReads, machine: Machine, date: Date): void {
  const section = dashboardReadsSection(reads, machine, date);
  console.log(['', ...section, ''].join('\n'));
  replaceDashboardReadsSection(REPORT_PATH, section);
}

/** `npm run bench -- dashboard-reads`: (g) alone; only its section of the report is rewritten. */
async function dashboardReadsAlone(teardown: Teardown): Promise<void> {
  const machine = await describeMachine();
  step('building (npm run build)');
  build();
  reportDashboardReads(await runDashboardReads(teardown), machine, new Date());
  step(`written the dashboard-reads section of ${REPORT_PATH}`);
}

/** `npm run bench -- attachment-memory`: (h) alone, with the sink; only its section of the report is rewritten. */
async function attachmentMemoryAlone(teardown: Teardown): Promise<void> {
  const machine = await describeMachine();
  step('building (npm run build)');
  build();
  const sink = await SinkProcess.start();
  teardown.add('stop the SMTP sink', () => sink.stop());
  reportAttachmentMemory(REPORT_PATH, await attachmentMemory(sink, teardown), machine, new Date());
  step(`written the attachment-memory section of ${REPORT_PATH}`);
}

const SCENARIOS_ALONE: Record<string, (teardown: Teardown) => Promise<void>> = {
  'dashboard-reads': dashboardReadsAlone,
  'attachment-memory': attachmentMemoryAlone,
};

const teardown = new Teardown();
// Ctrl-C: still drop the database and the Redis keys before leaving.
process.once('SIGINT', () => void teardown.run().finally(() => process.exit(130)));
const only = process.argv[2];
if (only !== undefined && !SCENARIOS_ALONE[only]) {
  throw new Error(`npm run bench -- ${only}: no such scenario; to run alone: ${Object.keys(SCENARIOS_ALONE).join(', ')}`);
}
(only ? SCENARIOS_ALONE[only]! : main)(teardown)
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  })
  .finally(() => teardown.run());
