import { SmtpAuth, SmtpSecurity } from './smtp-connection.types';
import { SmtpErrorLike } from './smtp-error';
import { SmtpFailureKind } from './smtp-failure';

export interface SmtpProbeInput {
  host: string;
  port: number;
  security: SmtpSecurity;
  /** Name sent with EHLO; defaults to the domain of `send.from`, then of the username. */
  ehloHostname?: string;
  allowSelfSignedCertificate?: boolean;
  /** Off unless the operator allows it: a tenant must not reach internal services. */
  allowPrivateHosts?: boolean;
  /** Bound on each step, in milliseconds. */
  timeoutMs?: number;
  auth: SmtpAuth;
  send?: { from: string; to: string };
}

export type SmtpProbeStepName = 'resolve' | 'connect' | 'tls' | 'ehlo' | 'token' | 'auth' | 'send';

export interface SmtpProbeStep {
  name: SmtpProbeStepName;
  ok: boolean;
  ms: number;
  /** The server's own words (greeting, capabilities, reply line) or the error; never a secret. */
  detail: string;
}

/** Where and how the probe failed, in the vocabulary the sending worker uses too. */
export interface SmtpProbeFailure extends SmtpErrorLike {
  step: SmtpProbeStepName;
  kind: SmtpFailureKind;
}

export interface SmtpProbeResult {
  ok: boolean;
  steps: SmtpProbeStep[];
  hint: string | null;
  failure?: SmtpProbeFailure;
}
