import { RecipientErasuresRepository } from '@app/messages';
import { WorkspaceId } from '@app/workspace-id';
import { RecipientErasure } from '../../apps/worker/src/retention/recipient-erasure.service';
import { PURGE_BATCH } from '../../apps/worker/src/retention/retention-purge.service';
import { DatabaseRows } from '../support/database-rows';
import { startWorkerContext, WorkerContext } from '../support/worker-context';

const REQUESTER = { type: 'operator' as const, id: null, label: 'operator token' };

describe('recipient erasure on Postgres', () => {
  let context: WorkerContext;
  let rows: DatabaseRows;
  let erasure: RecipientErasure;
  let erasures: RecipientErasuresRepository;

  beforeAll(async () => {
    context = await startWorkerContext();
    rows = new DatabaseRows(context.dataSource);
    erasure = context.module.get(RecipientErasure);
    erasures = context.module.get(RecipientErasuresRepository);
  });
  beforeEach(() => context.reset());
  afterAll(() => context.close());

  const recipientsOf = async (workspaceId: WorkspaceId) =>
    (await rows.messagesOf(workspaceId)).map((message) => message.to[0]!.email).filter((email) => email !== 'other@example.com');

  it('walks every message of the workspace in batches, those created in the same instant included', async () => {
    const workspaceId = await rows.workspace();
    const integrationId = await rows.integration(workspaceId, { transactional: true });
    // One statement: every message has the same created_at, so only the id orders them.
    await context.dataSource.query(
      `INSERT INTO "public"."messages" (id, workspace_id, integration_id, type, status, from_email, "to", subject, text,
         tracking_opens, tracking_clicks, message_id_header)
       SELECT gen_random_uuid(), $1, $2, 'transactional', 'sent', 'support@example.com',
         jsonb_build_array(jsonb_build_object('email', CASE WHEN n % 1000 = 7 THEN 'reader@example.com' ELSE 'other@example.com' END)),
         'Hello', 'Hi', false, false, '<' || n || '@example.com>'
       FROM generate_series(1, $3::int) AS n`,
      [workspaceId, integrationId, PURGE_BATCH * 2 + 500],
    );
    const { id } = await erasures.insert(workspaceId, 'reader@example.com', REQUESTER);

    await erasure.erase(workspaceId, id);

    expect(await recipientsOf(workspaceId)).toEqual(['erased@erased.invalid', 'erased@erased.invalid', 'erased@erased.invalid']);
    expect(await erasures.findById(workspaceId, id)).toMatchObject({ email: null, messages: 3, completedAt: expect.any(Date) });
  });

  it('fails a message to the address still queued, so it is never sent emptied', async () => {
    const workspaceId = await rows.workspace();
    const integrationId = await rows.integration(workspaceId, { transactional: true });
    const messageId = await rows.message(workspaceId, integrationId);
    const { id } = await erasures.insert(workspaceId, 'reader@example.com', REQUESTER);

    await erasure.erase(workspaceId, id);

    expect(await rows.messageById(workspaceId, messageId)).toMatchObject({
      status: 'failed',
      errorCode: 'recipient_erased',
      to: [{ email: 'erased@erased.invalid' }],
      subject: '',
      text: null,
    });
  });

  it('leaves other workspaces alone', async () => {
    const [mine, theirs] = [await rows.workspace('Mine'), await rows.workspace('Theirs')];
    const theirMessage = await rows.message(theirs, await rows.integration(theirs, { transactional: true }), { status: 'sent' });
    await rows.contacts(theirs, ['reader@example.com']);
    const { id } = await erasures.insert(mine, 'reader@example.com', REQUESTER);

    await erasure.erase(mine, id);

    expect(await rows.messageById(theirs, theirMessage)).toMatchObject({ to: [{ email: 'reader@example.com' }], text: 'Hi' });
    const [{ n }] = await context.dataSource.query(`SELECT count(*)::int AS n FROM "public"."contacts" WHERE workspace_id = $1`, [theirs]);
    expect(n).toBe(1);
  });

  it('does, from the daily purge, an erasure whose job was lost', async () => {
    const workspaceId = await rows.workspace();
    const messageId = await rows.message(workspaceId, await rows.integration(workspaceId, { transactional: true }), { status: 'sent' });
    const { id } = await erasures.insert(workspaceId, 'reader@example.com', REQUESTER);
    const recent = await erasures.insert(workspaceId, 'someone@example.com', REQUESTER);
    await context.dataSource.query(`UPDATE "public"."recipient_erasures" SET requested_at = now() - interval '11 minutes' WHERE id = $1`, [
      id,
    ]);

    await erasure.resumeLost();

    expect((await rows.messageById(workspaceId, messageId)).to).toEqual([{ email: 'erased@erased.invalid' }]);
    expect((await erasures.findById(workspaceId, id))!.completedAt).not.toBeNull();
    // Its job is most likely still on its way.
    expect((await erasures.findById(workspaceId, recent.id))!.completedAt).toBeNull();
  });
});
