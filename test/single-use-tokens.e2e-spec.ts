import { hashPassword, SingleUseTokensService, UsersRepository } from '@app/accounts';
import { DataSource } from 'typeorm';
import { sha256Hex } from '@app/crypto';
import { startTestApp, TestApp } from './support/test-app';

describe('single-use password-reset links', () => {
  let t: TestApp;
  let tokens: SingleUseTokensService;
  let userId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://mail.example.com/' } });
    tokens = t.app.get(SingleUseTokensService);
    const user = await t.app.get(UsersRepository).create({
      email: 'ada@example.com',
      name: 'Ada',
      passwordHash: await hashPassword('correct horse battery staple'),
      isOperator: false,
    });
    userId = user.id;
  });
  afterAll(() => t.close());

  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

  it('issues a link to the dashboard reset page on PUBLIC_BASE_URL, storing only the sha256 of its token', async () => {
    const { url } = await tokens.issuePasswordReset(userId);
    expect(url).toMatch(/^https:\/\/mail\.example\.com\/reset-password\?token=[\w-]{43}$/);
    const rows = await t.app
      .get(DataSource)
      .query<{ token_hash: string; purpose: string; user_id: string }[]>(
        'SELECT token_hash, purpose, user_id FROM single_use_tokens WHERE user_id = $1',
        [userId],
      );
    expect(rows).toContainEqual({ token_hash: sha256Hex(tokenOf(url)), purpose: 'password-reset', user_id: userId });
    expect(JSON.stringify(rows)).not.toContain(tokenOf(url));
  });

  it('lets a link be used once', async () => {
    const token = tokenOf((await tokens.issuePasswordReset(userId)).url);
    await expect(tokens.consume('password-reset', token)).resolves.toMatchObject({ userId });
    await expect(tokens.consume('password-reset', token)).resolves.toBeNull();
  });

  it('does not take a reset link as a set-up link', async () => {
    const token = tokenOf((await tokens.issuePasswordReset(userId)).url);
    await expect(tokens.consume('setup', token)).resolves.toBeNull();
  });

  it('refuses a link for a person who does not exist', async () => {
    await expect(tokens.issuePasswordReset('00000000-0000-4000-8000-000000000000')).rejects.toThrow(/User .* not found/);
  });
});
