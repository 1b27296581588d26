import { checkWebhookHost, refusedLiteral, webhookUrlProblem, WebhookHostRefusedError } from './webhook-url';

describe('webhook URLs', () => {
  it.each(['https://hooks.example.com/mailroom', 'https://hooks.example.com:8443/a?b=c', 'http://127.0.0.1:4000/in'])(
    'accepts %s where http is allowed',
    (url) => expect(webhookUrlProblem(url, true)).toBeNull(),
  );

  it.each(['hooks.example.com/in', 'ftp://example.com/in', 'javascript:alert(1)', '', 'https://'])('refuses %j, naming url', (url) =>
    expect(webhookUrlProblem(url, true)).toMatch(/^url must be an absolute http or https URL/),
  );

  it('refuses plain http where only https is allowed', () => {
    expect(webhookUrlProblem('http://hooks.example.com/in', false)).toMatch(/^url must use https/);
    expect(webhookUrlProblem('https://hooks.example.com/in', false)).toBeNull();
  });

  it('refuses credentials in the URL', () => {
    expect(webhookUrlProblem('https://user:pass@hooks.example.com/in', true)).toMatch(/^url must not contain a user name or password/);
  });

  it.each([
    ['http://127.0.0.1/in', 'loopback'],
    ['http://[::1]/in', 'loopback'],
    ['http://169.254.169.254/latest/meta-data', 'link-local'],
    ['http://10.0.0.5/in', 'private'],
    ['http://[::ffff:192.168.1.1]/in', 'private'],
  ])('judges the IP literal of %s (%s) before any request', (url, kind) => {
    expect(refusedLiteral(new URL(url))).toMatchObject({ kind });
  });

  it('lets a public IP literal and any host name through to the connection-time check', () => {
    expect(refusedLiteral(new URL('https://52.96.0.1/in'))).toBeNull();
    expect(refusedLiteral(new URL('https://localhost/in'))).toBeNull();
  });

  it('refuses at save a host that resolves to loopback, naming the address', async () => {
    const refusal = checkWebhookHost(new URL('http://localhost:4000/in'));
    await expect(refusal).rejects.toBeInstanceOf(WebhookHostRefusedError);
    await expect(refusal).rejects.toThrow(
      /^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address; webhooks may only reach/,
    );
  });
});
