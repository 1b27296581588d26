import { performance } from 'node:perf_hooks';
import { SmtpError } from './smtp-error';
import { SmtpProbeStep, SmtpProbeStepName } from './smtp-probe.types';

/** Thrown by `SmtpProbeRecorder.run` to stop the probe at the first failed step. */
export class ProbeStepFailed extends Error {
  constructor(
    readonly step: SmtpProbeStepName,
    readonly error: unknown,
  ) {
    super(`step ${step} failed`);
  }
}

export interface StepOutcome<T> {
  value: T;
  detail: string;
}

/** Times each step, bounds it, and writes its detail with every known secret masked. */
export class SmtpProbeRecorder {
  readonly steps: SmtpProbeStep[] = [];
  private readonly secrets: string[] = [];

  constructor(private readonly timeoutMs: number) {}

  /** Masks a secret, and the encodings of it that go over the wire, in everything recorded from now on. */
  addSecrets(...secrets: string[]): void {
    for (const secret of secrets) {
      if (secret) this.secrets.push(secret, Buffer.from(secret).toString('base64'));
    }
  }

  redact(text: string): string {
    // Longest first, so a secret inside a longer one (the token inside the SASL string) cannot leave a tail.
    const secrets = [...this.secrets].sort((a, b) => b.length - a.length);
    return secrets.reduce((masked, secret) => masked.split(secret).join('[redacted]'), text);
  }

  /** Runs one step; `waitingFor` completes "no answer within N ms …" when the step times out. */
  async run<T>(name: SmtpProbeStepName, waitingFor: string, work: () => Promise<StepOutcome<T>>): Promise<T> {
    const started = performance.now();
    const ms = (): number => Math.round(performance.now() - started);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SmtpError('ETIMEDOUT', `no answer within ${this.timeoutMs} ms ${waitingFor}`)), this.timeoutMs);
    });
    try {
      const { value, detail } = await Promise.race([work(), timeout]);
      this.steps.push({ name, ok: true, ms: ms(), detail: this.redact(detail) });
      return value;
    } catch (error) {
      this.steps.push({ name, ok: false, ms: ms(), detail: this.redact(describeError(error)) });
      throw new ProbeStepFailed(name, error);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The probe's own errors quote the server; system and TLS errors get their code, which hints key on. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const quoteCode = !(error instanceof SmtpError) && typeof code === 'string' && !error.message.includes(code);
  return quoteCode ? `${error.message} (${code})` : error.message;
}
