import { randomUUID } from 'node:crypto';
import { parseSetCookie } from 'cookie';
import { hashPassword, UsersRepository } from '@app/accounts';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, TestApp } from './test-app';
import type { CreatedWorkspace } from './workspace-factory';

export const OPERATOR = { email: 'ops@example.com', password: 'operator passphrase 2024!' };

/** Starts the app with its first operator created from MAILROOM_OPERATOR_EMAIL/PASSWORD. */
export const OPERATOR_ENV = { MAILROOM_OPERATOR_EMAIL: OPERATOR.email, MAILROOM_OPERATOR_PASSWORD: OPERATOR.password };

/** What the dashboard's own pages send: its origin and its header. */
export function dashboard(t: TestApp): Record<string, string> {
  return { Origin: new URL(t.config.PUBLIC_BASE_URL).origin, 'X-Mailroom-Client': 'dashboard' };
}

/** The Set-Cookie of the session cookie in an answer, parsed. */
export function sessionCookieOf(response: Response): ReturnType<typeof parseSetCookie> | undefined {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  return (header ?? []).map((line) => parseSetCookie(line)).find((cookie) => cookie.name === 'mailroom_session');
}

/** The Cookie header that carries a session, for the next requests. */
export const cookie = (token: string) => ({ Cookie: `mailroom_session=${token}` });

export async function signIn(
  t: TestApp,
  email = OPERATOR.email,
  password = OPERATOR.password,
  extra: Record<string, string> = {},
): Promise<string> {
  const response = await t.http
    .post('/v1/auth/login')
    .set(dashboard(t))
    .send({ email, password, ...extra });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  return sessionCookieOf(response)!.value!;
}

/** The set-up link a start printed, from the captured log lines. */
export function setupLinkIn(logs: string[]): string | undefined {
  for (const line of logs) {
    const match = /(https?:\/\/[^\s"]+\/setup\?token=[\w-]+)/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

/** The sha256 of every set-up token issued so far. */
export async function setupTokenHashes(t: TestApp): Promise<string[]> {
  const rows = await t.app
    .get(DataSource)
    .query<{ token_hash: string }[]>(`SELECT token_hash FROM single_use_tokens WHERE purpose = 'setup' ORDER BY created_at`);
  return rows.map((row) => row.token_hash);
}

export const BOB = { email: 'bob@example.com', name: 'Bob', password: 'bobs long passphrase' };

/** A person who is no operator (invitations, which create them through the API, are another spec's). */
export async function createPerson(t: TestApp, person: { email: string; name: string; password: string }): Promise<string> {
  const passwordHash = await hashPassword(person.password);
  const user = await t.app.get(UsersRepository).create({ email: person.email, name: person.name, passwordHash, isOperator: false });
  return user.id;
}

export const PERSON_PASSWORD = 'a long and uncommon passphrase';

export interface InvitedPerson {
  userId: string;
  email: string;
  password: string;
}

/** Invites an address with the operator token and accepts as the person would, creating their account. */
export async function invitePerson(
  t: TestApp,
  workspace: CreatedWorkspace,
  role: string,
  email = `${randomUUID().slice(0, 8)}@example.com`,
): Promise<InvitedPerson> {
  const invited = await t.http.post(`/v1/workspaces/${workspace.id}/members`).set(bearer(t.adminToken)).send({ email, role }).expect(201);
  const token = new URL(invited.body.invitation.url).pathname.split('/').pop();
  const accepted = await t.http
    .post('/v1/auth/invitations/accept')
    .set(dashboard(t))
    .send({ token, name: 'Invited Person', password: PERSON_PASSWORD })
    .expect(201);
  return { userId: accepted.body.user.id, email, password: PERSON_PASSWORD };
}

/** Signs the person in and gives the headers the dashboard's requests carry: the session cookie, its Origin and its header. */
export async function dashboardSession(t: TestApp, person: { email: string; password: string }): Promise<Record<string, string>> {
  return { ...cookie(await signIn(t, person.email, person.password)), ...dashboard(t) };
}
