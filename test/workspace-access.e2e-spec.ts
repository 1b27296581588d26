import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UsersRepository, WorkspaceMembersRepository } from '@app/accounts';
import type { MemberRole } from '@app/database';
import { Principal, WorkspaceAccess } from '@app/tenancy';
import { trustedWorkspaceId } from '@app/workspace-id';
import { startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const route = (operation: string, platformOnly = false) => ({ operation, platformOnly });
const READ_MESSAGES = route('GET /v1/workspaces/{ws}/messages');
const SEND = route('POST /v1/workspaces/{ws}/messages');
const CHANGE_INTEGRATION = route('PATCH /v1/workspaces/{ws}/integrations/{id}');
const READ_INTEGRATIONS = route('GET /v1/workspaces/{ws}/integrations');
const CREATE_WORKSPACE = route('POST /v1/workspaces', true);

/** WorkspaceAccess against real Postgres, with principals built as the session authenticator builds them. */
describe('what a person may do in a workspace', () => {
  let t: TestApp;
  let access: WorkspaceAccess;
  let a: CreatedWorkspace;
  let b: CreatedWorkspace;

  const person = async (roles: Array<[CreatedWorkspace, MemberRole]> = [], isOperator = false): Promise<Principal & { kind: 'user' }> => {
    const email = `${randomUUID()}@example.com`;
    const user = await t.app.get(UsersRepository).create({ email, name: 'Someone', passwordHash: 'not-used-here', isOperator });
    for (const [workspace, role] of roles)
      await t.app.get(WorkspaceMembersRepository).upsert(trustedWorkspaceId(workspace.id), user.id, role);
    return { kind: 'user', userId: user.id, sessionId: randomUUID(), email, isOperator, hasSecondFactor: false };
  };
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => ({ status: 200, message: '' }),
      (error: { getStatus(): number; message: string }) => ({ status: error.getStatus(), message: error.message }),
    );

  beforeAll(async () => {
    t = await startTestApp();
    access = t.app.get(WorkspaceAccess);
    a = await createWorkspace(t, 'A');
    b = await createWorkspace(t, 'B');
  });
  afterAll(() => t.close());

  it('lets a viewer read messages and refuses them a send with 403 naming their role', async () => {
    const viewer = await person([[a, 'viewer']]);
    await expect(access.check(viewer, READ_MESSAGES, a.id)).resolves.toBe(a.id);
    expect(await refusal(access.check(viewer, SEND, a.id))).toEqual({
      status: 403,
      message: expect.stringMatching(/role .* is viewer; .* needs admin or member/),
    });
  });

  it('lets a member send and read integrations, but not change one', async () => {
    const member = await person([[a, 'member']]);
    await expect(access.check(member, SEND, a.id)).resolves.toBe(a.id);
    await expect(access.check(member, READ_INTEGRATIONS, a.id)).resolves.toBe(a.id);
    expect((await refusal(access.check(member, CHANGE_INTEGRATION, a.id))).status).toBe(403);
  });

  it('lets an admin change integrations of their workspace', async () => {
    const admin = await person([[a, 'admin']]);
    await expect(access.check(admin, CHANGE_INTEGRATION, a.id)).resolves.toBe(a.id);
  });

  it('answers 404 to an admin of workspace A asking for workspace B, as for a workspace that does not exist', async () => {
    const admin = await person([[a, 'admin']]);
    expect(await refusal(access.check(admin, READ_MESSAGES, b.id))).toEqual({ status: 404, message: `Workspace ${b.id} not found` });
    expect((await refusal(access.check(admin, READ_MESSAGES, randomUUID()))).status).toBe(404);
  });

  it('ends access on the next request once the member is removed', async () => {
    const member = await person([[a, 'member']]);
    await expect(access.check(member, READ_MESSAGES, a.id)).resolves.toBe(a.id);
    await t.app.get(DataSource).query('DELETE FROM workspace_members WHERE user_id = $1', [member.userId]);
    expect((await refusal(access.check(member, READ_MESSAGES, a.id))).status).toBe(404);
  });

  it('applies a lower role on the next request', async () => {
    const member = await person([[a, 'member']]);
    await expect(access.check(member, SEND, a.id)).resolves.toBe(a.id);
    await t.app.get(WorkspaceMembersRepository).upsert(trustedWorkspaceId(a.id), member.userId, 'viewer');
    expect((await refusal(access.check(member, SEND, a.id))).status).toBe(403);
  });

  it('lets an operator act in every workspace without being a member, and create workspaces', async () => {
    const operator = await person([], true);
    await expect(access.check(operator, CHANGE_INTEGRATION, b.id)).resolves.toBe(b.id);
    await expect(access.check(operator, CREATE_WORKSPACE, undefined)).resolves.toBeUndefined();
    expect((await refusal(access.check(operator, READ_MESSAGES, randomUUID()))).status).toBe(404);
  });

  it('refuses operator-only routes to a person without operator rights, with 403', async () => {
    const admin = await person([[a, 'admin']]);
    expect(await refusal(access.check(admin, CREATE_WORKSPACE, undefined))).toEqual({
      status: 403,
      message: expect.stringMatching(/operators/),
    });
  });

  it('refuses a route that has no line in the permission table, whoever asks', async () => {
    const operator = await person([], true);
    expect((await refusal(access.check(operator, route('GET /v1/workspaces/{ws}/nothing-decided'), a.id))).status).toBe(500);
    expect((await refusal(access.check({ kind: 'platform' }, route('GET /v1/workspaces/{ws}/nothing-decided'), a.id))).status).toBe(500);
  });
});
