import { Client } from 'pg';
import { DeliveryWatcher } from './support/delivery-watcher';
import { RawSmtpServer } from './support/raw-smtp-server';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';

// A server's reply is text from outside: PostgreSQL refuses U+0000 in text columns, and with
// group commit one refused value used to fail the status writes of every delivery batched with it.
describe('an SMTP reply with a NUL character', () => {
  let t: TestApp;
  let smtp: RawSmtpServer;
  let port: number;

  beforeAll(async () => {
    smtp = new RawSmtpServer((command) => {
      if (command.startsWith('RCPT TO:<nul')) return '550 5.1.1 no such\u0000user';
      return command === '.' ? '250 2.0.0 queued as\u0000A1' : '250 OK';
    });
    port = await smtp.start();
    t = await startTestApp({ worker: true });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('is recorded with U+FFFD in its place, and the deliveries batched with it are recorded too', async () => {
    const ws = await createSendingWorkspace(t, { smtp: { port, security: 'none' } });
    const watcher = await DeliveryWatcher.start(t);
    const messages = ['nul@example.com', ...Array.from({ length: 20 }, (_, index) => `fine${index}@example.com`)].map((to) => ({
      to: [to],
      subject: 'Hi',
      text: 'x',
    }));
    const accepted = await t.http.post(`/v1/workspaces/${ws.id}/messages/batch`).set(bearer(ws.adminKey)).send({ messages }).expect(202);
    const ids = (accepted.body.data as Array<{ id: string }>).map((message) => message.id);
    await watcher.finished(ids);
    await watcher.close();

    const db = new Client({ connectionString: t.database.url });
    await db.connect();
    const { rows } = await db.query<{ status: string; error_message: string | null; smtp_response: string | null }>(
      'SELECT status, error_message, smtp_response FROM "public"."messages" ORDER BY error_message NULLS LAST',
    );
    await db.end();
    expect(rows[0]).toMatchObject({ status: 'failed', error_message: expect.stringContaining('no such\uFFFDuser') });
    expect(rows.slice(1)).toEqual(Array(20).fill({ status: 'sent', error_message: null, smtp_response: '250 2.0.0 queued as\uFFFDA1' }));
  });
});
