import { JobName, QueueName } from '@app/queue';
import { BroadcastFanOut } from '../../apps/worker/src/broadcasts/broadcast-fan-out.service';
import { DatabaseRows, SeededContact } from '../support/database-rows';
import { startWorkerContext, WorkerContext } from '../support/worker-context';

describe('broadcast fan-out on Postgres and Redis', () => {
  let context: WorkerContext;
  let rows: DatabaseRows;
  let fanOut: BroadcastFanOut;

  beforeAll(async () => {
    context = await startWorkerContext();
    rows = new DatabaseRows(context.dataSource);
    fanOut = context.module.get(BroadcastFanOut);
  });
  beforeEach(() => context.reset());
  afterAll(() => context.close());

  /** A workspace whose one integration serves marketing mail (unless told otherwise), and a list. */
  async function workspaceWithList(usage = { marketing: true }) {
    const workspaceId = await rows.workspace();
    const integrationId = await rows.integration(workspaceId, usage);
    const listId = await rows.list(workspaceId);
    return { workspaceId, integrationId, listId };
  }

  /** `count` contacts subscribed to the list, named member0@example.com and on. */
  async function subscribers(workspaceId: string, listId: string, count: number): Promise<SeededContact[]> {
    const contacts = await rows.contacts(
      workspaceId,
      Array.from({ length: count }, (_, index) => `member${index}@example.com`),
    );
    await rows.members(workspaceId, listId, contacts);
    return contacts;
  }

  /**
   * Nine members: four plainly subscribed, two unsubscribed from the list, one suppressed from the
   * workspace, one from this list, and one suppressed from another list only (who still gets it).
   */
  async function mixedList() {
    const { workspaceId, integrationId, listId } = await workspaceWithList();
    const subscribed = await rows.contacts(workspaceId, ['ada@example.com', 'grace@example.com', 'alan@example.com', 'edsger@example.com']);
    const unsubscribed = await rows.contacts(workspaceId, ['ken@example.com', 'dennis@example.com']);
    const suppressed = await rows.contacts(workspaceId, ['barbara@example.com', 'margaret@example.com']);
    const [elsewhere] = await rows.contacts(workspaceId, ['john@example.com']);
    await rows.members(workspaceId, listId, [...subscribed, ...suppressed, elsewhere!]);
    await rows.members(workspaceId, listId, unsubscribed, 'unsubscribed');
    await rows.suppress(workspaceId, 'barbara@example.com');
    await rows.suppress(workspaceId, 'margaret@example.com', listId);
    await rows.suppress(workspaceId, 'john@example.com', await rows.list(workspaceId, 'Other list'));
    const broadcastId = await rows.broadcast(workspaceId, listId, { subject: 'Hello {{ contact.first_name }}' });
    return { workspaceId, integrationId, listId, broadcastId, receivers: [...subscribed, elsewhere!] };
  }

  const slicesOf = async (broadcastId: string) =>
    (await context.jobs(QueueName.Marketing)).filter(
      (job) => job.name === JobName.DeliverBroadcastRecipients && job.data.broadcastId === broadcastId,
    );

  it('makes one queued marketing message per subscribed member, leaving out the unsubscribed and the suppressed', async () => {
    const { workspaceId, integrationId, listId, broadcastId, receivers } = await mixedList();

    await fanOut.fanOut({ workspaceId, broadcastId });

    const made = (await rows.messagesOf(workspaceId)).map((message) => ({
      to: message.to,
      contactId: message.contactId,
      subject: message.subject,
      status: message.status,
      type: message.type,
      broadcastId: message.broadcastId,
      listId: message.listId,
      integrationId: message.integrationId,
      fromEmail: message.fromEmail,
    }));
    const expected = receivers.map((contact) => ({
      to: [{ email: contact.email, name: contact.firstName }],
      contactId: contact.id,
      subject: `Hello ${contact.firstName}`,
      status: 'queued',
      type: 'marketing',
      broadcastId,
      listId,
      integrationId,
      fromEmail: 'news@example.com',
    }));
    const byEmail = (a: { to: Array<{ email: string }> }, b: { to: Array<{ email: string }> }) =>
      a.to[0]!.email.localeCompare(b.to[0]!.email);
    expect(made.sort(byEmail)).toEqual(expected.sort(byEmail));
  });

  it('records the recipients it reached and the members it skipped, and that every member has been reached', async () => {
    const { workspaceId, broadcastId } = await mixedList();

    await fanOut.fanOut({ workspaceId, broadcastId });

    const broadcast = await rows.broadcastById(workspaceId, broadcastId);
    // Skipped: the two who unsubscribed from the list and the two suppressed from it.
    expect(broadcast).toMatchObject({ status: 'sending', recipients: 5, skipped: 4, fanoutDone: true, startedAt: expect.any(Date) });
  });

  it('enqueues the messages in slices of at most 100, each message in exactly one slice for its broadcast and integration', async () => {
    const { workspaceId, integrationId, listId } = await workspaceWithList();
    await subscribers(workspaceId, listId, 250);
    const broadcastId = await rows.broadcast(workspaceId, listId);

    await fanOut.fanOut({ workspaceId, broadcastId });

    const slices = await slicesOf(broadcastId);
    expect(slices.map((slice) => slice.data.messageIds.length).sort()).toEqual([100, 100, 50].sort());
    for (const slice of slices) expect(slice.data).toMatchObject({ workspaceId, broadcastId, integrationId });
    const sliced = slices.flatMap((slice) => slice.data.messageIds as string[]).sort();
    expect(sliced).toEqual((await rows.messagesOf(workspaceId)).map((message) => message.id).sort());
    expect(new Set(sliced).size).toBe(250);
  });

  it('makes no message twice when the fan-out of a broadcast that was fanned out runs again', async () => {
    const { workspaceId, listId } = await workspaceWithList();
    await subscribers(workspaceId, listId, 30);
    const broadcastId = await rows.broadcast(workspaceId, listId);
    await fanOut.fanOut({ workspaceId, broadcastId });

    await fanOut.fanOut({ workspaceId, broadcastId });

    expect(await rows.messagesOf(workspaceId)).toHaveLength(30);
    expect(await slicesOf(broadcastId)).toHaveLength(1);
    expect(await rows.broadcastById(workspaceId, broadcastId)).toMatchObject({ recipients: 30 });
  });

  it('carries on after the last contact a stopped fan-out reached, making no message for those before it', async () => {
    const { workspaceId, listId } = await workspaceWithList();
    const members = (await subscribers(workspaceId, listId, 20)).sort((a, b) => a.id.localeCompare(b.id));
    // As a fan-out paused after its first page leaves it: the cursor on the 8th contact, 8 recipients counted.
    const broadcastId = await rows.broadcast(workspaceId, listId, { fanoutCursor: members[7]!.id, recipients: 8, startedAt: new Date() });

    await fanOut.fanOut({ workspaceId, broadcastId });

    const reached = (await rows.messagesOf(workspaceId)).map((message) => message.contactId).sort();
    expect(reached).toEqual(members.slice(8).map((member) => member.id));
    expect(await rows.broadcastById(workspaceId, broadcastId)).toMatchObject({ recipients: 20, fanoutDone: true });
  });

  it('moves a scheduled broadcast whose time has come to sending, and fans it out', async () => {
    const { workspaceId, listId } = await workspaceWithList();
    await subscribers(workspaceId, listId, 3);
    const broadcastId = await rows.broadcast(workspaceId, listId, { status: 'scheduled', scheduledAt: new Date() });

    await fanOut.fanOut({ workspaceId, broadcastId });

    expect(await rows.broadcastById(workspaceId, broadcastId)).toMatchObject({ status: 'sending', recipients: 3, fanoutDone: true });
    expect(await rows.messagesOf(workspaceId)).toHaveLength(3);
  });

  it('pauses the broadcast, making no message, when no integration of the workspace serves marketing mail', async () => {
    const { workspaceId, listId } = await workspaceWithList({ marketing: false });
    await subscribers(workspaceId, listId, 3);
    const broadcastId = await rows.broadcast(workspaceId, listId);

    await fanOut.fanOut({ workspaceId, broadcastId });

    expect(await rows.broadcastById(workspaceId, broadcastId)).toMatchObject({ status: 'paused', recipients: 0, fanoutDone: false });
    expect(await rows.messagesOf(workspaceId)).toEqual([]);
    expect(await slicesOf(broadcastId)).toEqual([]);
  });
});
