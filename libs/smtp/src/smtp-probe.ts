import { once } from 'node:events';
import { Socket, connect as connectTcp } from 'node:net';
import { summarizeAccessToken } from './access-token-summary';
import { resolveOutboundHost } from './outbound-host-guard';
import { authenticate, xoauth2InitialResponse } from './smtp-auth';
import { SmtpClientSession, replyText } from './smtp-client-session';
import { SmtpError, asSmtpError } from './smtp-error';
import { classifySmtpFailure } from './smtp-failure';
import { smtpHint } from './smtp-hints';
import { ProbeStepFailed, SmtpProbeRecorder } from './smtp-probe-recorder';
import { SmtpProbeInput, SmtpProbeResult } from './smtp-probe.types';
import { assertEnvelopeAddress, buildSmtpTestMessage } from './smtp-test-message';
import { describeTlsSession } from './tls-session-report';

const DEFAULT_STEP_TIMEOUT_MS = 10_000;

/**
 * Runs a real SMTP session step by step — resolve, connect, TLS, EHLO, token, AUTH, send — and
 * reports each step with the server's own words, stopping at the first failure with a hint
 * that names the fix. Never throws for a failing server; never reports a secret.
 */
export async function probeSmtp(input: SmtpProbeInput): Promise<SmtpProbeResult> {
  const recorder = new SmtpProbeRecorder(input.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS);
  if (input.auth.type === 'basic') {
    const { username, password } = input.auth;
    recorder.addSecrets(password, `\0${username}\0${password}`);
  }
  const open: OpenConnection = {};
  try {
    await dialogue(input, recorder, open);
    return { ok: true, steps: recorder.steps, hint: null };
  } catch (error) {
    if (!(error instanceof ProbeStepFailed)) throw error;
    open.session?.destroy();
    return failedResult(input, recorder, error);
  } finally {
    if (open.session) open.session.close();
    else open.socket?.destroy();
  }
}

/** What the dialogue has opened so far, so that a failure or a timeout at any step can close it. */
interface OpenConnection {
  socket?: Socket;
  session?: SmtpClientSession;
}

async function dialogue(input: SmtpProbeInput, recorder: SmtpProbeRecorder, open: OpenConnection): Promise<void> {
  const { host, port, security, auth } = input;
  const target = await recorder.run('resolve', `from DNS for ${host}`, async () => {
    const resolved = await resolveOutboundHost(host, { allowPrivateHosts: input.allowPrivateHosts ?? false });
    const all = resolved.addresses.length > 1 ? ` (of ${resolved.addresses.join(', ')})` : '';
    const detail =
      resolved.address === resolved.hostname
        ? `${host} is an IP address, no lookup needed`
        : `${host} resolves to ${resolved.address}${all}`;
    return { value: resolved, detail };
  });

  const endpoint = `${target.address}:${port}`;
  const session = await recorder.run('connect', `from ${endpoint}`, async () => {
    const socket = connectTcp({ host: target.address, port });
    open.socket = socket;
    await once(socket, 'connect');
    return { value: new SmtpClientSession(socket), detail: `TCP connection to ${endpoint} open` };
  });
  open.session = session;

  const tlsOptions = { hostname: target.hostname, rejectUnauthorized: !input.allowSelfSignedCertificate };
  if (security === 'tls') {
    await recorder.run('tls', 'to the TLS handshake', async () => {
      const secure = await session.upgradeToTls(tlsOptions).catch(handshakeFailed);
      return { value: undefined, detail: describeTlsSession(secure, target.hostname) };
    });
  }

  let ehloName = '';
  let capabilities = await recorder.run('ehlo', 'to the greeting and EHLO', async () => {
    ehloName = helloName(input, session);
    const greeting = await session.readReply();
    if (greeting.code !== 220) {
      throw new SmtpError(
        'EPROTOCOL',
        `the server refused the session: ${replyText(greeting)}`,
        'CONNECT',
        greeting.code,
        replyText(greeting),
      );
    }
    const hello = await sayHello(session, ehloName);
    return { value: hello.capabilities, detail: `greeting: ${replyText(greeting)}\n${hello.detail}` };
  });

  if (security === 'starttls') {
    await recorder.run('tls', 'to STARTTLS and the TLS handshake', async () => {
      if (!capabilities.some((capability) => capability.toUpperCase() === 'STARTTLS')) {
        const offered = capabilities.length ? capabilities.join(', ') : 'no extensions';
        throw new SmtpError(
          'ENOSTARTTLS',
          `the server does not offer STARTTLS (it offers ${offered}); stopped rather than continue unencrypted`,
          'EHLO',
        );
      }
      const ready = await session.command('STARTTLS');
      if (ready.code !== 220) {
        throw new SmtpError('ETLS', `the server refused STARTTLS: ${replyText(ready)}`, 'STARTTLS', ready.code, replyText(ready));
      }
      const secure = await session.upgradeToTls(tlsOptions).catch(handshakeFailed);
      return { value: undefined, detail: `${replyText(ready)}\n${describeTlsSession(secure, target.hostname)}` };
    });
    // RFC 3207 §4.2: everything learnt before TLS is void, capabilities included.
    capabilities = await recorder.run('ehlo', 'to EHLO after STARTTLS', async () => {
      const hello = await sayHello(session, ehloName);
      return { value: hello.capabilities, detail: hello.detail };
    });
  }

  if (auth.type === 'basic') {
    await recorder.run('auth', 'to AUTH', async () => {
      const outcome = await authenticate(session, capabilities, { mechanism: 'basic', ...auth });
      return { value: undefined, detail: `${replyText(outcome.reply)} (${outcome.method} as ${auth.username})` };
    });
  }
  if (auth.type === 'xoauth2') {
    const accessToken = await recorder.run('token', 'from the identity provider', async () => {
      const token = await auth.getAccessToken();
      recorder.addSecrets(token, xoauth2InitialResponse(auth.username, token));
      return { value: token, detail: summarizeAccessToken(token) };
    });
    await recorder.run('auth', 'to AUTH XOAUTH2', async () => {
      const outcome = await authenticate(session, capabilities, { mechanism: 'xoauth2', username: auth.username, accessToken });
      return { value: undefined, detail: `${replyText(outcome.reply)} (XOAUTH2 as ${auth.username})` };
    });
  }

  const send = input.send;
  if (send) {
    await recorder.run('send', 'while sending the test message', async () => {
      assertEnvelopeAddress('send.from', send.from);
      assertEnvelopeAddress('send.to', send.to);
      await expectReply(session, `MAIL FROM:<${send.from}>`, [250], 'MAIL FROM', 'EENVELOPE');
      await expectReply(session, `RCPT TO:<${send.to}>`, [250, 251], 'RCPT TO', 'EENVELOPE');
      await expectReply(session, 'DATA', [354], 'DATA', 'EMESSAGE');
      const message = buildSmtpTestMessage(send.from, send.to);
      const accepted = await session.sendData(message.data);
      if (accepted.code !== 250) {
        throw new SmtpError('EMESSAGE', `the message was refused: ${replyText(accepted)}`, 'DATA', accepted.code, replyText(accepted));
      }
      return { value: undefined, detail: `${replyText(accepted)} (message ${message.messageId} to ${send.to})` };
    });
  }
}

function failedResult(input: SmtpProbeInput, recorder: SmtpProbeRecorder, failed: ProbeStepFailed): SmtpProbeResult {
  const error = asSmtpError(failed.error);
  const ownHint = (failed.error as { hint?: unknown } | null)?.hint;
  const hint =
    failed.step === 'token' && typeof ownHint === 'string'
      ? ownHint
      : smtpHint(error, {
          step: failed.step,
          host: input.host,
          port: input.port,
          security: input.security,
          authType: input.auth.type,
          username: input.auth.type === 'none' ? undefined : input.auth.username,
          from: input.send?.from,
        });
  const failure = {
    step: failed.step,
    kind: classifySmtpFailure(error),
    code: error.code,
    responseCode: error.responseCode,
    response: error.response === undefined ? undefined : recorder.redact(error.response),
    command: error.command,
  };
  return { ok: false, steps: recorder.steps, hint: hint === null ? null : recorder.redact(hint), failure };
}

/** RFC 5321 §4.1.4: without a name, a client greets with its address literal. */
function helloName(input: SmtpProbeInput, session: SmtpClientSession): string {
  const fromName =
    input.ehloHostname ?? domainOf(input.send?.from) ?? domainOf(input.auth.type === 'none' ? undefined : input.auth.username);
  if (fromName) {
    if (!/^(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+$|^\[(?:IPv6:)?[0-9A-Fa-f.:]+\]$/.test(fromName)) {
      throw new Error(`ehloHostname "${fromName.replace(/[\r\n]/g, ' ')}" is not a host name`);
    }
    return fromName;
  }
  const local = session.localAddress ?? '127.0.0.1';
  return local.includes(':') ? `[IPv6:${local}]` : `[${local}]`;
}

function domainOf(address: string | undefined): string | undefined {
  const at = address?.lastIndexOf('@') ?? -1;
  return address && at > 0 ? address.slice(at + 1) : undefined;
}

async function sayHello(session: SmtpClientSession, name: string): Promise<{ capabilities: string[]; detail: string }> {
  const ehlo = await session.command(`EHLO ${name}`);
  if (ehlo.code === 250) {
    const capabilities = ehlo.lines.slice(1).map((line) => line.slice(4).trim());
    return { capabilities, detail: `EHLO ${name}: ${ehlo.lines[0]}\ncapabilities: ${capabilities.join(', ') || 'none'}` };
  }
  // An old server without ESMTP (RFC 5321 §3.2) answers 500/502; HELO still lets it relay, just without extensions.
  if (ehlo.code === 500 || ehlo.code === 502) {
    const helo = await session.command(`HELO ${name}`);
    if (helo.code === 250) return { capabilities: [], detail: `EHLO refused (${replyText(ehlo)}); HELO ${name}: ${replyText(helo)}` };
  }
  throw new SmtpError('EPROTOCOL', `the server refused EHLO ${name}: ${replyText(ehlo)}`, 'EHLO', ehlo.code, replyText(ehlo));
}

async function expectReply(session: SmtpClientSession, line: string, okCodes: number[], command: string, code: string): Promise<void> {
  const reply = await session.command(line);
  if (!okCodes.includes(reply.code)) {
    throw new SmtpError(code, `${line} refused: ${replyText(reply)}`, command, reply.code, replyText(reply));
  }
}

function handshakeFailed(error: Error & { code?: string }): never {
  throw Object.assign(new Error(`TLS handshake failed: ${error.message}`), { code: error.code });
}
