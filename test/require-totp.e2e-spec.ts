import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UsersRepository, WorkspaceMembersRepository } from '@app/accounts';
import { Principal, WorkspaceAccess } from '@app/tenancy';
import { trustedWorkspaceId } from '@app/workspace-id';
import { WorkspacesService } from '../apps/api/src/workspaces/workspaces.service';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const READ_MESSAGES = { operation: 'GET /v1/workspaces/{ws}/messages', platformOnly: false };

describe('a workspace that requires a second factor', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;

  const person = async ({ secondFactor, isOperator = false }: { secondFactor: boolean; isOperator?: boolean }): Promise<Principal> => {
    const email = `${randomUUID()}@example.com`;
    const user = await t.app.get(UsersRepository).create({ email, name: 'Someone', passwordHash: 'not-used-here', isOperator });
    if (secondFactor) await t.app.get(DataSource).query('UPDATE users SET totp_enabled_at = now() WHERE id = $1', [user.id]);
    if (!isOperator) await t.app.get(WorkspaceMembersRepository).upsert(trustedWorkspaceId(ws.id), user.id, 'admin');
    return { kind: 'user', userId: user.id, sessionId: randomUUID(), email, isOperator, hasSecondFactor: secondFactor };
  };
  const check = (principal: Principal) => t.app.get(WorkspaceAccess).check(principal, READ_MESSAGES, ws.id);

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    ws = await createWorkspace(t);
  });
  afterAll(() => t.close());

  const requireTotp = (value: unknown) => t.http.patch(`/v1/workspaces/${ws.id}`).set(bearer(t.adminToken)).send({ requireTotp: value });

  it('is a workspace setting, off by default, that PATCH turns on and the audit log records', async () => {
    expect((await t.http.get(`/v1/workspaces/${ws.id}`).set(bearer(t.adminToken)).expect(200)).body.requireTotp).toBe(false);
    expect((await requireTotp(true).expect(200)).body.requireTotp).toBe(true);
    expect((await t.http.get(`/v1/workspaces/${ws.id}`).set(bearer(t.adminToken)).expect(200)).body.requireTotp).toBe(true);
    const [latest] = (await t.http.get(`/v1/workspaces/${ws.id}/audit`).set(bearer(t.adminToken)).expect(200)).body.data;
    expect(latest).toMatchObject({ action: 'workspace.updated', details: { fields: ['requireTotp'] } });
  });

  it('names the field when the value is not a boolean', async () => {
    expect((await requireTotp('yes').expect(400)).body.message).toEqual(['requireTotp must be a boolean value']);
  });

  it('refuses a member without a second factor with 403 naming the fix, and admits one with it', async () => {
    await requireTotp(true).expect(200);
    await expect(check(await person({ secondFactor: false }))).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/requires a second factor: enable one at POST \/v1\/auth\/totp/),
    });
    await expect(check(await person({ secondFactor: true }))).resolves.toBe(ws.id);
  });

  it('holds operators who sign in to the same rule', async () => {
    await requireTotp(true).expect(200);
    await expect(check(await person({ secondFactor: false, isOperator: true }))).rejects.toMatchObject({ status: 403 });
  });

  it('leaves API keys and the operator token alone: they are not people', async () => {
    await requireTotp(true).expect(200);
    await t.http.get(`/v1/workspaces/${ws.id}`).set(bearer(ws.adminKey)).expect(200);
    await t.http.get(`/v1/workspaces/${ws.id}`).set(bearer(t.adminToken)).expect(200);
  });

  it('will not let a person without a second factor require one, which would lock them out', async () => {
    const admin = await person({ secondFactor: false });
    await expect(t.app.get(WorkspacesService).update(trustedWorkspaceId(ws.id), admin, { requireTotp: true })).rejects.toMatchObject({
      status: 422,
    });
    const ready = await person({ secondFactor: true });
    await expect(t.app.get(WorkspacesService).update(trustedWorkspaceId(ws.id), ready, { requireTotp: true })).resolves.toMatchObject({
      requireTotp: true,
    });
  });
});
