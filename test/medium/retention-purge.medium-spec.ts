import { RetentionPurge, PURGE_BATCH } from '../../apps/worker/src/retention/retention-purge.service';
import { WorkspacesRepository } from '@app/workspaces';
import { trustedWorkspaceId } from '@app/workspace-id';
import { DatabaseRows } from '../support/database-rows';
import { startWorkerContext, WorkerContext } from '../support/worker-context';

describe('retention purge on Postgres', () => {
  let context: WorkerContext;
  let rows: DatabaseRows;
  let purge: RetentionPurge;

  beforeAll(async () => {
    context = await startWorkerContext();
    rows = new DatabaseRows(context.dataSource);
    purge = context.module.get(RetentionPurge);
  });
  beforeEach(() => context.reset());
  afterAll(() => context.close());

  /** `count` messages created `days` ago in one statement: the same instant for all, ordered by id alone. */
  async function messagesOfDaysAgo(workspaceId: string, integrationId: string, count: number, days: number): Promise<void> {
    await context.dataSource.query(
      `INSERT INTO "public"."messages" (id, workspace_id, integration_id, type, status, from_email, "to", subject, html, text,
         tracking_opens, tracking_clicks, message_id_header, created_at)
       SELECT gen_random_uuid(), $1, $2, 'transactional', 'sent', 'support@example.com', '[{"email": "reader@example.com"}]',
         'Hello', '<p>Hi</p>', 'Hi', false, false, '<' || n || '@example.com>', now() - make_interval(days => $4)
       FROM generate_series(1, $3::int) AS n`,
      [workspaceId, integrationId, count, days],
    );
  }
  const counts = async (workspaceId: string) =>
    (
      await context.dataSource.query(
        `SELECT count(*)::int AS messages, count(html)::int AS bodies FROM "public"."messages" WHERE workspace_id = $1`,
        [workspaceId],
      )
    )[0];

  it('purges bodies and messages in batches, and walks each workspace’s bodies once', async () => {
    const workspaceId = await rows.workspace();
    const integrationId = await rows.integration(workspaceId, { transactional: true });
    await messagesOfDaysAgo(workspaceId, integrationId, PURGE_BATCH * 2 + 10, 40);
    await messagesOfDaysAgo(workspaceId, integrationId, PURGE_BATCH + 1, 500);
    await messagesOfDaysAgo(workspaceId, integrationId, 5, 1);

    expect(await purge.purge()).toEqual({
      bodies: PURGE_BATCH * 2 + 10,
      messages: PURGE_BATCH + 1,
      files: 0,
      webhookEvents: 0,
      reports: 0,
    });
    expect(await counts(workspaceId)).toEqual({ messages: PURGE_BATCH * 2 + 15, bodies: 5 });
    // The next run starts where this one stopped: nothing left to walk.
    expect(await purge.purge()).toEqual({ bodies: 0, messages: 0, files: 0, webhookEvents: 0, reports: 0 });
  });

  it('walks again what a shorter bodiesDays reaches', async () => {
    const workspaceId = await rows.workspace();
    const integrationId = await rows.integration(workspaceId, { transactional: true });
    await messagesOfDaysAgo(workspaceId, integrationId, 3, 10);
    expect((await purge.purge()).bodies).toBe(0);
    await context.dataSource.query(`UPDATE "public"."workspaces" SET retention_bodies_days = 7 WHERE id = $1`, [workspaceId]);
    expect((await purge.purge()).bodies).toBe(3);
    expect(await counts(workspaceId)).toEqual({ messages: 3, bodies: 0 });
  });

  it('keeps a mark of the bodies walked that was set back while a walk ran: the next walk starts over', async () => {
    const workspaceId = trustedWorkspaceId(await rows.workspace());
    const workspaces = context.module.get(WorkspacesRepository);
    const mark = async () =>
      (await context.dataSource.query(`SELECT bodies_purged_before AS mark FROM "public"."workspaces" WHERE id = $1`, [workspaceId]))[0]
        .mark as Date | null;
    const walkedFrom = new Date(Date.now() - 40 * 86_400_000);
    await workspaces.markBodiesPurged(workspaceId, walkedFrom, null);
    expect(await mark()).toEqual(walkedFrom);

    // Set back (a message older than the mark appeared) while a walk that began at `walkedFrom` runs.
    await context.dataSource.query(`UPDATE "public"."workspaces" SET bodies_purged_before = NULL WHERE id = $1`, [workspaceId]);
    await workspaces.markBodiesPurged(workspaceId, new Date(Date.now() - 30 * 86_400_000), walkedFrom);
    expect(await mark()).toBeNull();
  });
});
