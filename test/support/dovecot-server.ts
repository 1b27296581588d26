import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, chown, copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  dovecotConfig,
  DovecotTokenMechanism,
  homeOf,
  MAIL_GID,
  MAIL_UID,
  oauth2Config,
  oauth2ConfigPath,
  passwdFilePath,
  TEST_CA,
  testCaPath,
} from './dovecot-config';
import { freePort } from './free-port';
import { deliverToMaildir, MaildirMessage, readMaildir } from './maildir';
import { stopProcess } from './stop-process';

/** Debian's dovecot-imapd (DESIGN.md "Testing"); .ci/run installs it where it is missing. */
const DOVECOT = '/usr/sbin/dovecot';
const START_TIMEOUT_MS = 15_000;
/** The master logs "Dovecot v2.3.19.1 (…) starting up for imap" once every listener is bound. */
const STARTED = 'starting up';
/** A port freePort found can be taken before Dovecot binds it; the next attempt picks others. */
const PORT_TAKEN = 'Address already in use';
const START_ATTEMPTS = 3;

export interface DovecotUser {
  name: string;
  /** Without one, the user logs in only with an access token. */
  password?: string;
}

export interface DovecotServerOptions {
  /** Every mailbox that may log in; user names are case-insensitive. */
  users: DovecotUser[];
  /** An RFC 7662 endpoint (the fake identity providers' `introspectionUrl`) that decides token logins. */
  oauth2IntrospectionUrl?: string;
  /** The token mechanisms offered; XOAUTH2 and OAUTHBEARER unless told (imapflow prefers OAUTHBEARER). */
  oauth2Mechanisms?: DovecotTokenMechanism[];
}

/**
 * Dovecot as a child process on loopback, with its own configuration, ports and maildirs in a
 * temporary directory: IMAP with STARTTLS on `imapPort`, IMAP over TLS on `imapsPort`, both with
 * the test certificate. Passwords are checked against a password file, access tokens against the
 * introspection endpoint of a fake identity provider. Runs as root, its mail processes as nobody.
 */
export class DovecotServer {
  readonly host = '127.0.0.1';
  private output = '';
  private readonly terminate = () => this.child.kill('SIGTERM');

  private constructor(
    private readonly directory: string,
    private readonly child: ChildProcess,
    readonly imapPort: number,
    readonly imapsPort: number,
  ) {
    const collect = (chunk: Buffer) => (this.output += chunk.toString('utf8'));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    // A test run that ends without stop() must not leave a Dovecot behind holding its ports.
    process.once('exit', this.terminate);
  }

  /** Resolves once Dovecot listens on both ports. */
  static async start(options: DovecotServerOptions): Promise<DovecotServer> {
    if (process.getuid?.() !== 0) {
      throw new Error(
        `DovecotServer starts Dovecot as root, so that its mail processes can become uid ${MAIL_UID}: run the tests as root, as CI does`,
      );
    }
    const directory = await mkdtemp(join(tmpdir(), 'mailroom-dovecot-'));
    try {
      await prepareDirectory(directory, options);
      const tokens = options.oauth2IntrospectionUrl
        ? { introspectionUrl: options.oauth2IntrospectionUrl, mechanisms: options.oauth2Mechanisms ?? ['xoauth2', 'oauthbearer'] }
        : undefined;
      const configPath = join(directory, 'dovecot.conf');
      for (let attempt = 1; ; attempt++) {
        const [imapPort, imapsPort] = await twoFreePorts();
        await writeFile(configPath, dovecotConfig({ directory, imapPort, imapsPort, tokens }));
        const child = spawn(DOVECOT, ['-F', '-c', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
        const server = new DovecotServer(directory, child, imapPort, imapsPort);
        try {
          await server.started();
          return server;
        } catch (error) {
          process.off('exit', server.terminate);
          if (!server.output.includes(PORT_TAKEN) || attempt === START_ATTEMPTS) throw error;
        }
      }
    } catch (error) {
      await rm(directory, { recursive: true, force: true });
      throw error;
    }
  }

  /** Drops a message into a folder as a delivery agent would; a running IDLE sees it at once. */
  deliver(user: string, folder: string, raw: Buffer): Promise<void> {
    return deliverToMaildir(this.maildirOf(user), folder, raw, { uid: MAIL_UID, gid: MAIL_GID });
  }

  /** What `folder` (`INBOX`, `Mailroom/Processed`, …) of `user` holds on disk, oldest first. */
  messages(user: string, folder: string): Promise<MaildirMessage[]> {
    return readMaildir(this.maildirOf(user), folder);
  }

  /** Everything Dovecot logged (no password or token: see dovecot-config.ts), for a failing test to print. */
  log(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    process.off('exit', this.terminate);
    await stopProcess(this.child);
    await rm(this.directory, { recursive: true, force: true, maxRetries: 3 });
  }

  private maildirOf(user: string): string {
    return join(homeOf(this.directory, user), 'Maildir');
  }

  private started(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        settle(new Error(`Dovecot did not start within ${START_TIMEOUT_MS} ms:\n${this.output}`));
      }, START_TIMEOUT_MS);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        this.child.stderr!.off('data', onOutput);
        this.child.off('exit', onExit);
        this.child.off('error', onError);
        if (error) reject(error);
        else resolve();
      };
      const onOutput = () => this.output.includes(STARTED) && settle();
      const onExit = (code: number | null) => settle(new Error(`Dovecot exited (${code}) before it listened:\n${this.output}`));
      const onError = (error: Error) => settle(new Error(`${DOVECOT} could not run (apt-get install dovecot-imapd): ${error.message}`));
      this.child.stderr!.on('data', onOutput);
      this.child.once('exit', onExit);
      this.child.once('error', onError);
    });
  }
}

/**
 * The instance's directory, world-searchable (mkdtemp makes it 0700) so that Dovecot's processes
 * reach what is theirs: a home per user, owned by the mail user; the password file, the oauth2
 * settings and the test CA, which the auth process reads as the `dovecot` user.
 */
async function prepareDirectory(directory: string, { users, oauth2IntrospectionUrl }: DovecotServerOptions): Promise<void> {
  await assertSearchableAbove(directory);
  await chmod(directory, 0o755);
  await mkdir(join(directory, 'state'));
  await mkdir(join(directory, 'home'), { mode: 0o755 });
  for (const { name } of users) {
    const home = homeOf(directory, name);
    await mkdir(home, { mode: 0o700 });
    await chown(home, MAIL_UID, MAIL_GID);
  }
  await writeFile(passwdFilePath(directory), passwdFile(users), { mode: 0o644 });
  if (oauth2IntrospectionUrl) {
    await copyFile(TEST_CA, testCaPath(directory));
    await writeFile(oauth2ConfigPath(directory), oauth2Config(directory, oauth2IntrospectionUrl), { mode: 0o644 });
  }
}

/** Hashed rather than {PLAIN}, so that no password character can break the file's `:` fields. */
function passwdFile(users: DovecotUser[]): string {
  return users
    .filter((user) => user.password !== undefined)
    .map(({ name, password }) => `${name.toLowerCase()}:{SHA256}${createHash('sha256').update(password!).digest('base64')}\n`)
    .join('');
}

async function assertSearchableAbove(directory: string): Promise<void> {
  for (let path = dirname(directory); ; path = dirname(path)) {
    const { mode } = await stat(path);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `${path} (mode ${(mode & 0o777).toString(8)}) is closed to other users, but Dovecot's mail processes run as uid ${MAIL_UID} ` +
          `and must reach their maildirs under ${directory}: point TMPDIR at a directory everyone may enter, such as /tmp`,
      );
    }
    if (path === dirname(path)) return;
  }
}

async function twoFreePorts(): Promise<[number, number]> {
  const first = await freePort();
  for (;;) {
    const second = await freePort();
    if (second !== first) return [first, second];
  }
}
