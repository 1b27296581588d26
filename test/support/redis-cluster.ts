import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster, Redis } from 'ioredis';
import type { RedisClient } from '@app/redis';
import { pollUntil } from './poll-until';
import { stopProcess } from './stop-process';

const run = promisify(execFile);
const START_TIMEOUT_MS = 15_000;

/** The master nodes of a cluster (a single Redis is its own): SCAN and FLUSHALL work per node. */
export async function mastersOf(client: RedisClient): Promise<Redis[]> {
  if (!(client instanceof Cluster)) return [client];
  await client.ping(); // the node list is known once the cluster is ready
  return client.nodes('master');
}

/**
 * A three-master Redis Cluster on loopback, started from the system's `redis-server` and
 * `redis-cli`, with no persistence, its files in a temporary directory.
 */
export class LoopbackRedisCluster {
  private constructor(
    private readonly directory: string,
    private readonly processes: ChildProcess[],
    /** `host:port` of every node, as REDIS_CLUSTER_NODES takes them. */
    readonly nodes: string[],
  ) {}

  static async start(size = 3): Promise<LoopbackRedisCluster> {
    const directory = await mkdtemp(join(tmpdir(), 'mailroom-redis-cluster-'));
    const ports: number[] = [];
    while (ports.length < size) {
      const port = await freeClusterPort();
      if (!ports.includes(port)) ports.push(port);
    }
    const processes: ChildProcess[] = [];
    const cluster = new LoopbackRedisCluster(
      directory,
      processes,
      ports.map((port) => `127.0.0.1:${port}`),
    );
    try {
      await Promise.all(ports.map(async (port) => processes.push(await startNode(directory, port))));
      await run('redis-cli', ['--cluster', 'create', ...cluster.nodes, '--cluster-replicas', '0', '--cluster-yes'], {
        timeout: START_TIMEOUT_MS,
      });
      await Promise.all(ports.map((port) => waitForClusterOk(port)));
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((child) => stopProcess(child)));
    await rm(this.directory, { recursive: true, force: true });
  }
}

/** A port free for the node and for its cluster bus, which Redis opens at port + 10000. */
async function freeClusterPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    if ((await isFree(port)) && (await isFree(port + 10_000))) return port;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Resolves once the node logs that it accepts connections. */
function startNode(directory: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      join(directory, `nodes-${port}.conf`),
      '--dir',
      directory,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`redis-server on port ${port} did not start within ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`redis-server on port ${port} exited with ${code}:\n${output}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stdout!.removeAllListeners('data').resume();
        resolve(child);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
}

/**
 * `redis-cli --cluster create` returns once the slots are assigned; each node reports
 * `cluster_state:ok` only after the gossip has reached it. Redis offers no event for that.
 */
async function waitForClusterOk(port: number): Promise<void> {
  const node = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
  try {
    await node.connect();
    await pollUntil(
      `Redis Cluster node ${port} ok`,
      () => node.cluster('INFO'),
      (info) => info.includes('cluster_state:ok'),
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 50 },
    );
  } finally {
    node.disconnect();
  }
}
