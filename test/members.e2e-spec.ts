import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { sha256Hex } from '@app/crypto';
import { Principal, WorkspaceAccess } from '@app/tenancy';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { basicIntegration, createIntegration } from './support/integration-factory';
import { mimeParts } from './support/mime-parts';
import { dashboard } from './support/people';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const PUBLIC_BASE_URL = 'https://mail.example.test';
const PASSWORD = 'a long and uncommon passphrase';

interface Issued {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
  url: string;
  messageId: string | null;
}

/** Member management through HTTP with the operator token; people themselves sign in once the session half exists. */
describe('workspace members and invitations', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let watcher: DeliveryWatcher;
  let ws: CreatedWorkspace;
  const tokens: string[] = [];

  const operator = () => bearer(t.adminToken);
  const api = (path: string, workspace = ws) => `/v1/workspaces/${workspace.id}${path}`;
  const tokenOf = (url: string) => url.slice(`${PUBLIC_BASE_URL}/invite/`.length);
  const invite = async (email: string, role: string, workspace = ws): Promise<Issued> => {
    const response = await t.http.post(api('/members', workspace)).set(operator()).send({ email, role }).expect(201);
    tokens.push(tokenOf(response.body.invitation.url));
    return response.body.invitation;
  };
  const accept = (invitation: Issued, body: Record<string, unknown> = { name: 'Ada Lovelace', password: PASSWORD }) =>
    t.http
      .post('/v1/auth/invitations/accept')
      .set(dashboard(t))
      .send({ token: tokenOf(invitation.url), ...body });
  const members = async (workspace = ws) =>
    (await t.http.get(api('/members', workspace)).set(operator()).expect(200)).body.data as Array<{
      userId: string;
      email: string;
      role: string;
    }>;
  const joined = async (email: string, role: string, workspace = ws) => {
    const response = await accept(await invite(email, role, workspace)).expect(201);
    return response.body.user.id as string;
  };
  const email = () => `${randomUUID().slice(0, 8)}@example.com`;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    t = await startTestApp({ worker: true, captureLogs: true, env: { PUBLIC_BASE_URL } });
    watcher = await DeliveryWatcher.start(t);
  });
  beforeEach(async () => {
    ws = await createWorkspace(t, 'Acme');
  });
  afterAll(async () => {
    await watcher?.close();
    await t?.close();
    await smtp?.stop();
  });

  describe('inviting and accepting', () => {
    it('answers an invitation with a single-use link valid 7 days, and stores only its sha256', async () => {
      const invitation = await invite('Ada@Example.com', 'viewer');
      expect(invitation).toMatchObject({
        email: 'ada@example.com',
        role: 'viewer',
        messageId: null,
        url: expect.stringMatching(/^https:\/\/mail\.example\.test\/invite\/[\w-]{43}$/),
      });
      const days = (new Date(invitation.expiresAt).getTime() - Date.now()) / (24 * 3600_000);
      expect(days).toBeGreaterThan(6.99);
      expect(days).toBeLessThanOrEqual(7);
      const [row] = await t.app.get(DataSource).query('SELECT * FROM invitations WHERE id = $1', [invitation.id]);
      expect(row.token_hash).toBe(sha256Hex(tokenOf(invitation.url)));
      expect(JSON.stringify(row)).not.toContain(tokenOf(invitation.url));
    });

    it('makes the invited person a member with the invited role once they accept with a name and password', async () => {
      const address = email();
      const invitation = await invite(address, 'viewer');
      const accepted = await accept(invitation).expect(201);
      expect(accepted.body).toEqual({
        user: { id: expect.any(String), email: address, name: 'Ada Lovelace', isOperator: false },
        membership: { workspaceId: ws.id, workspaceName: 'Acme', role: 'viewer' },
      });
      expect(await members()).toEqual([
        { userId: accepted.body.user.id, email: address, name: 'Ada Lovelace', role: 'viewer', since: expect.any(String) },
      ]);
      const pending = (await t.http.get(api('/invitations')).set(operator()).expect(200)).body.data;
      expect(pending).toEqual([]);
    });

    it('stores the new password as an argon2id hash', async () => {
      const address = email();
      await joined(address, 'member');
      const [row] = await t.app.get(DataSource).query('SELECT password_hash FROM users WHERE email = $1', [address]);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it("refuses an acceptance without the dashboard header, or from another site's page, and leaves the link usable", async () => {
      const invitation = await invite(email(), 'member');
      const body = { token: tokenOf(invitation.url), name: 'Ada Lovelace', password: PASSWORD };
      await t.http.post('/v1/auth/invitations/accept').send(body).expect(403);
      await t.http
        .post('/v1/auth/invitations/accept')
        .set({ ...dashboard(t), Origin: 'https://evil.example' })
        .send(body)
        .expect(403);
      await accept(invitation).expect(201);
    });

    it('lets a link be used once: the second acceptance gets 410', async () => {
      const invitation = await invite(email(), 'member');
      await accept(invitation).expect(201);
      expect((await accept(invitation).expect(410)).body.message).toMatch(/token: this invitation was already used/);
    });

    it('refuses a new account without a name, or with a short or common password, naming the field', async () => {
      const invitation = await invite(email(), 'member');
      expect((await accept(invitation, { password: PASSWORD }).expect(400)).body.message).toEqual([
        'name is required to create the account',
      ]);
      expect((await accept(invitation, { name: 'Ada', password: 'short-pass1' }).expect(400)).body.message).toEqual([
        'password must be at least 12 characters',
      ]);
      expect((await accept(invitation, { name: 'Ada', password: 'Password1234' }).expect(400)).body.message[0]).toMatch(
        /^password is one of the most common/,
      );
      await accept(invitation).expect(201);
    });

    it('lets a person with an account join another workspace with their current password, and only with it', async () => {
      const address = email();
      const userId = await joined(address, 'admin');
      const other = await createWorkspace(t, 'Other');
      const invitation = await invite(address, 'member', other);
      expect((await accept(invitation, {}).expect(400)).body.message[0]).toMatch(/^password is required: .* already has an account/);
      expect((await accept(invitation, { password: 'not the right passphrase' }).expect(401)).body.message).toMatch(
        /^password does not match/,
      );
      const accepted = await accept(invitation, { password: PASSWORD }).expect(201);
      expect(accepted.body.user).toMatchObject({ id: userId, name: 'Ada Lovelace' });
      expect(await members(other)).toEqual([expect.objectContaining({ userId, role: 'member' })]);
      expect(await members()).toEqual([expect.objectContaining({ userId, role: 'admin' })]);
    });

    it('revokes an invitation for an existing account after 5 wrong passwords, so it cannot be used to guess one', async () => {
      const address = email();
      await joined(address, 'viewer');
      const invitation = await invite(address, 'admin', await createWorkspace(t, 'Other'));
      for (let guess = 1; guess < 5; guess++) await accept(invitation, { password: `wrong guess number ${guess}` }).expect(401);
      expect((await accept(invitation, { password: 'wrong guess number 5' }).expect(410)).body.message).toMatch(
        /was revoked after 5 wrong passwords/,
      );
      await accept(invitation, { password: PASSWORD }).expect(410);
    });

    it('answers 404 for a token that was never issued and 410 for an expired one', async () => {
      expect(
        (await t.http.post('/v1/auth/invitations/accept').set(dashboard(t)).send({ token: 'never-issued' }).expect(404)).body.message,
      ).toMatch(/^token: this invitation link is not valid/);
      const invitation = await invite(email(), 'viewer');
      await t.app.get(DataSource).query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [invitation.id]);
      expect((await accept(invitation).expect(410)).body.message).toMatch(/token: this invitation expired on/);
      expect((await t.http.get(api('/invitations')).set(operator()).expect(200)).body.data).toEqual([]);
    });

    it('refuses to invite an address that already belongs to a member, with 409', async () => {
      const address = email();
      await joined(address, 'viewer');
      const response = await t.http.post(api('/members')).set(operator()).send({ email: address.toUpperCase(), role: 'admin' }).expect(409);
      expect(response.body.message).toMatch(/^email: .* is already a member of this workspace \(viewer\)/);
    });

    it('names the field of a malformed invitation', async () => {
      const response = await t.http.post(api('/members')).set(operator()).send({ email: 'not-an-address', role: 'owner' }).expect(400);
      expect(response.body.message).toEqual(['email must be an email', 'role must be one of: admin, member, viewer']);
    });
  });

  describe('pending invitations', () => {
    it('lists pending invitations without their links', async () => {
      const invitation = await invite(email(), 'member');
      const response = await t.http.get(api('/invitations')).set(operator()).expect(200);
      expect(response.body.data).toEqual([
        {
          id: invitation.id,
          email: invitation.email,
          role: 'member',
          invitedBy: null,
          createdAt: expect.any(String),
          expiresAt: invitation.expiresAt,
        },
      ]);
      expect(JSON.stringify(response.body)).not.toContain(tokenOf(invitation.url));
    });

    it('resends with a new link that works, and the old one no longer does', async () => {
      const first = await invite(email(), 'viewer');
      const resent = (
        await t.http
          .post(api(`/invitations/${first.id}/resend`))
          .set(operator())
          .expect(200)
      ).body.invitation as Issued;
      tokens.push(tokenOf(resent.url));
      expect(resent).toMatchObject({ id: first.id, email: first.email, role: 'viewer' });
      expect(resent.url).not.toBe(first.url);
      await accept(first).expect(404);
      await accept(resent).expect(201);
    });

    it('revokes an invitation: its link gets 410, it leaves the list, and it cannot be resent', async () => {
      const invitation = await invite(email(), 'admin');
      await t.http
        .delete(api(`/invitations/${invitation.id}`))
        .set(operator())
        .expect(204);
      expect((await accept(invitation).expect(410)).body.message).toMatch(/was revoked/);
      expect((await t.http.get(api('/invitations')).set(operator()).expect(200)).body.data).toEqual([]);
      expect(
        (
          await t.http
            .post(api(`/invitations/${invitation.id}/resend`))
            .set(operator())
            .expect(409)
        ).body.message,
      ).toMatch(/was revoked: invite .* again/);
      await t.http
        .delete(api(`/invitations/${invitation.id}`))
        .set(operator())
        .expect(204);
    });

    it('replaces the pending invitation of an address invited again', async () => {
      const address = email();
      const first = await invite(address, 'viewer');
      const second = await invite(address, 'admin');
      await accept(first).expect(410);
      expect((await accept(second).expect(201)).body.membership.role).toBe('admin');
    });

    it('refuses to revoke an accepted invitation, pointing at the member instead', async () => {
      const invitation = await invite(email(), 'member');
      await accept(invitation).expect(201);
      expect(
        (
          await t.http
            .delete(api(`/invitations/${invitation.id}`))
            .set(operator())
            .expect(409)
        ).body.message,
      ).toMatch(/already accepted/);
    });

    it("answers 404 for another workspace's invitation and for ids that are not ids", async () => {
      const other = await createWorkspace(t, 'Other');
      const theirs = await invite(email(), 'viewer', other);
      await t.http
        .delete(api(`/invitations/${theirs.id}`))
        .set(operator())
        .expect(404);
      await t.http.post(api('/invitations/not-an-id/resend')).set(operator()).expect(404);
      await accept(theirs).expect(201);
    });
  });

  describe('roles and removal', () => {
    it('changes a role, and refuses to demote or remove the last admin with 409', async () => {
      const first = await joined(email(), 'admin');
      expect(
        (
          await t.http
            .patch(api(`/members/${first}`))
            .set(operator())
            .send({ role: 'viewer' })
            .expect(409)
        ).body.message,
      ).toMatch(/last admin/);
      await t.http
        .delete(api(`/members/${first}`))
        .set(operator())
        .expect(409);
      const second = await joined(email(), 'viewer');
      await t.http
        .patch(api(`/members/${second}`))
        .set(operator())
        .send({ role: 'admin' })
        .expect(200);
      const demoted = await t.http
        .patch(api(`/members/${first}`))
        .set(operator())
        .send({ role: 'member' })
        .expect(200);
      expect(demoted.body).toMatchObject({ userId: first, role: 'member' });
      await t.http
        .delete(api(`/members/${second}`))
        .set(operator())
        .expect(409);
    });

    it('never leaves a workspace without an admin, even when its two admins demote each other at once', async () => {
      const [a, b] = [await joined(email(), 'admin'), await joined(email(), 'admin')];
      const answers = await Promise.all(
        [a, b].map((id) =>
          t.http
            .patch(api(`/members/${id}`))
            .set(operator())
            .send({ role: 'viewer' }),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect((await members()).filter((member) => member.role === 'admin')).toHaveLength(1);
    });

    it('removes a member, whose next request in the workspace gets 404', async () => {
      const address = email();
      const userId = await joined(address, 'member');
      const person: Principal = {
        kind: 'user',
        userId,
        sessionId: randomUUID(),
        email: address,
        isOperator: false,
        hasSecondFactor: false,
      };
      const readMessages = { operation: 'GET /v1/workspaces/{ws}/messages', platformOnly: false };
      await expect(t.app.get(WorkspaceAccess).check(person, readMessages, ws.id)).resolves.toBe(ws.id);
      await t.http
        .delete(api(`/members/${userId}`))
        .set(operator())
        .expect(204);
      expect(await members()).toEqual([]);
      await expect(t.app.get(WorkspaceAccess).check(person, readMessages, ws.id)).rejects.toMatchObject({ status: 404 });
    });

    it('answers 404 for a person who is not a member, and names a role that does not exist', async () => {
      const outsider = await joined(email(), 'viewer', await createWorkspace(t, 'Other'));
      await t.http
        .patch(api(`/members/${outsider}`))
        .set(operator())
        .send({ role: 'member' })
        .expect(404);
      await t.http
        .delete(api(`/members/${outsider}`))
        .set(operator())
        .expect(404);
      await t.http.delete(api('/members/not-an-id')).set(operator()).expect(404);
      expect(
        (
          await t.http
            .patch(api(`/members/${outsider}`))
            .set(operator())
            .send({ role: 'owner' })
            .expect(400)
        ).body.message,
      ).toEqual(['role must be one of: admin, member, viewer']);
    });
  });

  it('refuses every members and invitations route to an API key, even an admin one, with 403 saying why', async () => {
    const invitation = await invite(email(), 'viewer');
    const userId = randomUUID();
    const calls = [
      t.http.get(api('/members')),
      t.http.post(api('/members')).send({ email: email(), role: 'admin' }),
      t.http.patch(api(`/members/${userId}`)).send({ role: 'admin' }),
      t.http.delete(api(`/members/${userId}`)),
      t.http.get(api('/invitations')),
      t.http.post(api(`/invitations/${invitation.id}/resend`)),
      t.http.delete(api(`/invitations/${invitation.id}`)),
    ];
    for (const call of calls) {
      const response = await call.set(bearer(ws.adminKey)).expect(403);
      expect(response.body.message).toMatch(
        /^API keys cannot manage or list the people of a workspace, so that a leaked key cannot add a person/,
      );
    }
    await accept(invitation).expect(201);
  });

  it('mails the invitation through the transactional integration, untracked, and logs no token', async () => {
    await createIntegration(
      t,
      ws,
      basicIntegration({
        port: smtp.port,
        security: 'none',
        auth: { type: 'none' },
        senders: [{ name: 'Acme', email: 'team@acme.example' }],
      }),
    );
    const address = email();
    const invitation = await invite(address, 'member');
    expect(invitation.messageId).toEqual(expect.any(String));
    await watcher.finished([invitation.messageId!]);
    const mail = smtp.messages.find((message) => message.envelope.rcptTo.includes(address))!;
    expect(mail.headers.subject).toBe('You are invited to Acme');
    const text = mimeParts(mail.raw.toString('utf8')).get('text/plain')!;
    expect(text).toContain(`Accept the invitation: ${invitation.url}\n`);
    expect(text).toMatch(/An operator of Mailroom invited you to the workspace "Acme" as member/);
    const message = (
      await t.http
        .get(api(`/messages/${invitation.messageId}`))
        .set(bearer(ws.adminKey))
        .expect(200)
    ).body;
    expect(message).toMatchObject({ status: 'sent', tracking: { opens: false, clicks: false }, metadata: { invitationId: invitation.id } });
    expect(JSON.stringify(message)).not.toContain(tokenOf(invitation.url));
  });

  it('records invitations and member changes with who acted: the operator, then the person accepting', async () => {
    const address = email();
    const invitation = await invite(address, 'viewer');
    const userId = (await accept(invitation).expect(201)).body.user.id;
    await t.http
      .patch(api(`/members/${userId}`))
      .set(operator())
      .send({ role: 'member' })
      .expect(200);
    const again = await invite(email(), 'viewer');
    await t.http
      .post(api(`/invitations/${again.id}/resend`))
      .set(operator())
      .expect(200);
    await t.http
      .delete(api(`/invitations/${again.id}`))
      .set(operator())
      .expect(204);
    await t.http
      .delete(api(`/members/${userId}`))
      .set(operator())
      .expect(204);

    const log = (await t.http.get(api('/audit')).set(operator()).expect(200)).body.data.filter(
      (event: { action: string }) => !event.action.startsWith('api_key.'),
    );
    const operatorActor = { type: 'operator', id: null, label: 'operator token' };
    expect(
      log.map((event: { action: string; actor: unknown; target: string; details: unknown }) => [
        event.action,
        event.actor,
        event.target,
        event.details,
      ]),
    ).toEqual([
      ['member.removed', operatorActor, `user:${userId}`, { email: address, role: 'member' }],
      ['invitation.revoked', operatorActor, `invitation:${again.id}`, { email: again.email }],
      ['invitation.resent', operatorActor, `invitation:${again.id}`, { email: again.email }],
      ['member.invited', operatorActor, `invitation:${again.id}`, { email: again.email, role: 'viewer' }],
      ['member.role_changed', operatorActor, `user:${userId}`, { email: address, from: 'viewer', to: 'member' }],
      [
        'invitation.accepted',
        { type: 'user', id: userId, label: address },
        `invitation:${invitation.id}`,
        { email: address, role: 'viewer', newAccount: true },
      ],
      ['member.invited', operatorActor, `invitation:${invitation.id}`, { email: address, role: 'viewer' }],
    ]);
  });

  it('never writes an invitation token or a password into the audit log or a log line', async () => {
    expect(tokens.length).toBeGreaterThan(10);
    const audit = JSON.stringify(await t.app.get(DataSource).query('SELECT * FROM audit_events'));
    const logs = t.logs.join('\n');
    for (const token of tokens) {
      expect(audit).not.toContain(token);
      expect(logs).not.toContain(token);
    }
    expect(audit).not.toContain(PASSWORD);
    expect(logs).not.toContain(PASSWORD);
  });
});
