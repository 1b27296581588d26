import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PLAN } from './plan';
import { printReport, writeReport } from './report';
import type { BenchResults } from './results';
import { batchAccept, singleAccept } from './scenarios/api-accept';
import { broadcastFanOut } from './scenarios/broadcast-fan-out';
import { mailroomDelivery } from './scenarios/mailroom-delivery';
import { pooledNodemailer } from './scenarios/pooled-nodemailer';
import { trackingLoad } from './scenarios/tracking-load';
import { unpooledSender } from './scenarios/unpooled-sender';
import { BenchDeployment, MailroomRole } from './support/bench-deployment';
import { BroadcastProbe } from './support/broadcast-probe';
import { HistoryProbe } from './support/history-probe';
import { describeMachine } from './support/machine';
import { provisionWorkspace } from './support/mailroom-client';
import { MailroomProcess } from './support/mailroom-process';
import { SinkProcess } from './support/sink-process';
import { Teardown } from './support/teardown';
import { freePort } from './support/timing';
import { deliverTrackedMail } from './support/tracked-mail';

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
  const target = await provisionWorkspace((await startMailroom('all')).baseUrl, deployment.adminToken, sink.port);
  const history = await HistoryProbe.connect(deployment);
  teardown.add('close the history probe', () => history.close());
  const delivery = await mailroomDelivery(target, sink, history);
  step('(e) delivering a few tracked mails through Mailroom for real tracking links');
  const tracked = await deliverTrackedMail(target, sink);

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

  const results: BenchResults = { pooled, unpooled, delivery, single, batch, tracking, fanOut };
  printReport(results, machine);
  writeReport(REPORT_PATH, results, machine, new Date());
  step(`written ${REPORT_PATH}`);
}

const teardown = new Teardown();
// Ctrl-C: still drop the database and the Redis keys before leaving.
process.once('SIGINT', () => void teardown.run().finally(() => process.exit(130)));
main(teardown)
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  })
  .finally(() => teardown.run());
