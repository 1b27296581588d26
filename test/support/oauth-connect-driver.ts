import { randomBytes } from 'node:crypto';
import { Response } from 'supertest';
import type { IntegrationTestResponse } from '../../apps/api/src/integrations/integration-test.response';
import type { IntegrationResponse } from '../../apps/api/src/integrations/integration.response';
import { basicIntegration, createIntegration } from './integration-factory';
import type { Json } from './json-body';
import { MAILBOX, OAuthProviders, TENANT } from './oauth-providers';
import { bearer, TestApp } from './test-app';
import { CreatedWorkspace } from './workspace-factory';

export interface OAuthConnectContext {
  t: TestApp;
  ws: CreatedWorkspace;
  providers: OAuthProviders;
}

/**
 * Plays the admin, the browser and the provider's consent screen through the connect flow, and keeps every
 * secret it hands out and every answer it sees, so that a spec can end by checking that none of them leaked.
 * Made when the spec is declared (its methods can be destructured there); `context` is read when they run.
 */
export class OAuthConnectDriver {
  readonly clientSecrets: string[] = [];
  readonly codes: string[] = [];
  readonly states: string[] = [];
  /** Every answer of the callback (pages and Location headers), and every other API answer. */
  readonly callbackAnswers: string[] = [];
  readonly apiAnswers: string[] = [];
  private readonly run = randomBytes(4).toString('hex');

  constructor(private readonly context: () => OAuthConnectContext) {}

  googleClient = (name: string) => {
    const client = {
      clientId: `${name}-${this.run}.apps.googleusercontent.com`,
      clientSecret: `GOCSPX-${name}-${randomBytes(8).toString('hex')}`,
    };
    this.context().providers.google.addClient(client);
    this.clientSecrets.push(client.clientSecret);
    return client;
  };

  microsoftApp = (name: string) => {
    const app = { tenantId: TENANT, clientId: `${name}-${this.run}`, clientSecret: `ms~${name}~${randomBytes(8).toString('hex')}` };
    this.context().providers.microsoft.addApp(app);
    this.clientSecrets.push(app.clientSecret);
    return app;
  };

  googleIntegration = async (client: { clientId: string; clientSecret: string }, overrides: Record<string, unknown> = {}) => {
    const { t, ws, providers } = this.context();
    return createIntegration(
      t,
      ws,
      basicIntegration({
        usage: {},
        port: providers.smtpPort,
        auth: { type: 'oauth2', provider: 'google', clientId: client.clientId, clientSecret: client.clientSecret, username: MAILBOX },
        ...overrides,
      }),
    );
  };

  microsoftIntegration = async (app: { tenantId: string; clientId: string; clientSecret: string }) => {
    const { t, ws, providers } = this.context();
    return createIntegration(
      t,
      ws,
      basicIntegration({
        usage: {},
        port: providers.smtpPort,
        auth: {
          type: 'oauth2',
          provider: 'microsoft',
          flow: 'refresh_token',
          tenantId: app.tenantId,
          clientId: app.clientId,
          clientSecret: app.clientSecret,
          username: MAILBOX,
        },
      }),
    );
  };

  integrationPath = (id: string): string => `/v1/workspaces/${this.context().ws.id}/integrations/${id}`;

  authorize = async (integrationId: string, body: Record<string, unknown> = {}): Promise<URL> => {
    const { t, ws } = this.context();
    const response = await t.http
      .post(`${this.integrationPath(integrationId)}/oauth2/authorize`)
      .set(bearer(ws.adminKey))
      .send(body)
      .expect(200);
    this.apiAnswers.push(JSON.stringify(response.body));
    const url = new URL(response.body.authorizationUrl);
    this.states.push(url.searchParams.get('state')!);
    return url;
  };

  /** What the consent screen does before sending the browser back: remember the code with the PKCE challenge. */
  consentAtGoogle = (url: URL, withRefreshToken = true): string => {
    const code = `4/fake-code-${randomBytes(10).toString('hex')}`;
    this.codes.push(code);
    this.context().providers.google.registerAuthorizationCode({
      code,
      clientId: url.searchParams.get('client_id')!,
      codeChallenge: url.searchParams.get('code_challenge')!,
      redirectUri: url.searchParams.get('redirect_uri')!,
      withRefreshToken,
    });
    return code;
  };

  consentAtMicrosoft = (url: URL): string => {
    const code = `M.fake-code-${randomBytes(10).toString('hex')}`;
    this.codes.push(code);
    this.context().providers.microsoft.registerAuthorizationCode({
      code,
      tenantId: decodeURIComponent(url.pathname.split('/')[1]!),
      clientId: url.searchParams.get('client_id')!,
      codeChallenge: url.searchParams.get('code_challenge')!,
      redirectUri: url.searchParams.get('redirect_uri')!,
    });
    return code;
  };

  callback = async (query: Record<string, string>): Promise<Response> => {
    const response = await this.context().t.http.get('/v1/oauth2/callback').query(query);
    this.callbackAnswers.push(response.text, response.headers.location ?? '');
    return response;
  };

  getIntegration = async (id: string): Promise<Json<IntegrationResponse>> => {
    const { t, ws } = this.context();
    const response = await t.http.get(this.integrationPath(id)).set(bearer(ws.adminKey)).expect(200);
    this.apiAnswers.push(JSON.stringify(response.body));
    return response.body;
  };

  testIntegration = async (id: string): Promise<Json<IntegrationTestResponse>> => {
    const { t, ws } = this.context();
    const response = await t.http
      .post(`${this.integrationPath(id)}/test`)
      .set(bearer(ws.adminKey))
      .send({})
      .expect(200);
    this.apiAnswers.push(JSON.stringify(response.body));
    return response.body;
  };

  /**
   * Fails if a client secret, token or authorization code handed out so far is in an answer or a log line, or a
   * state in a callback answer or a log line. Each kind must have been handed out more than `seenMoreThan` times,
   * so that a scan which saw nothing cannot pass.
   */
  expectNoSecretShown = ({ seenMoreThan }: { seenMoreThan: number }): void => {
    const { t, providers } = this.context();
    const { refreshTokens, accessTokens } = providers.issuedTokens();
    expect(refreshTokens.length).toBeGreaterThan(seenMoreThan);
    expect(accessTokens.length).toBeGreaterThan(seenMoreThan);
    expect(this.codes.length).toBeGreaterThan(seenMoreThan);

    const everywhere = [...this.callbackAnswers, ...this.apiAnswers, ...t.logs].join('\n');
    for (const secret of [...this.clientSecrets, ...refreshTokens, ...accessTokens, ...this.codes]) {
      expect(everywhere).not.toContain(secret);
    }
    // The state is in the authorization URL by design, but never in what the callback answers or in a log line.
    const callbackAndLogs = [...this.callbackAnswers, ...t.logs].join('\n');
    for (const state of this.states) expect(callbackAndLogs).not.toContain(state);
    expect(t.logs.join('\n')).toMatch(/oauth connect completed/);
  };
}
