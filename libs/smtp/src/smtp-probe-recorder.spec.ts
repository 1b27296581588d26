import { ProbeStepFailed, SmtpProbeRecorder } from './smtp-probe-recorder';

describe('SmtpProbeRecorder', () => {
  it('records a step with its detail and duration', async () => {
    const recorder = new SmtpProbeRecorder(1000);

    const value = await recorder.run('connect', 'from the server', async () => ({ value: 42, detail: 'TCP connection open' }));

    expect(value).toBe(42);
    expect(recorder.steps).toEqual([{ name: 'connect', ok: true, ms: expect.any(Number), detail: 'TCP connection open' }]);
  });

  it('masks secrets and their base64 form in every detail, even when a server echoes them', async () => {
    const recorder = new SmtpProbeRecorder(1000);
    recorder.addSecrets('s3cret-pass');
    const echoed = `501 invalid ${Buffer.from('s3cret-pass').toString('base64')} and s3cret-pass`;

    await expect(recorder.run('auth', 'to AUTH', () => Promise.reject(new Error(echoed)))).rejects.toBeInstanceOf(ProbeStepFailed);

    expect(recorder.steps[0]).toMatchObject({ ok: false, detail: '501 invalid [redacted] and [redacted]' });
  });

  it('fails a step that takes longer than the bound, naming what it waited for', async () => {
    const recorder = new SmtpProbeRecorder(20);

    const failure = recorder.run('token', 'from the identity provider', () => new Promise<never>(() => undefined));

    await expect(failure).rejects.toMatchObject({ step: 'token', error: { code: 'ETIMEDOUT' } });
    expect(recorder.steps[0]).toMatchObject({ name: 'token', ok: false, detail: 'no answer within 20 ms from the identity provider' });
  });
});
