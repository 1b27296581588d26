import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { parseTrackingToken, signTrackingToken } from '@app/tracking';
import { TrackingEventWriter } from '../apps/api/src/tracking/tracking-event-writer';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { mimeParts } from './support/mime-parts';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const HTML = [
  '<html><body>',
  '<p>Hello <a href="https://shop.example.com/cart?item=42&amp;size=m#reviews" class="btn" title="Cart &amp; more">your cart</a></p>',
  '<p><a href="mailto:help@example.com">mail us</a> <a href="#top">top</a> <a href="tel:+123">call</a></p>',
  '<p><a href="https://example.com/private" data-mailroom-track="false">untracked</a></p>',
  '<p><a href="https://docs.example.com/guide">guide</a></p>',
  '</body></html>',
].join('\n');
const TEXT = 'Hello, see https://shop.example.com/cart?item=42 for your cart.';

describe('open and click tracking, one-click unsubscribe', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let watcher: DeliveryWatcher;
  let ws: CreatedWorkspace;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'starttls', authOptional: true });
    await smtp.start();
    t = await startTestApp({
      worker: true,
      env: { PUBLIC_BASE_URL: 'https://mail.example.test', TRACKING_MACHINE_CLICK_WINDOW_MS: '0', TRACKING_MAX_HTML_BYTES: '4096' },
    });
    watcher = await DeliveryWatcher.start(t);
    ws = await createSendingWorkspace(t, { smtp, integration: { usage: { transactional: true, marketing: true } } });
  });
  afterAll(async () => {
    await watcher.close();
    await t.close();
    await smtp.stop();
  });

  async function deliver(body: Record<string, unknown>) {
    const accepted = await t.http.post(`/v1/workspaces/${ws.id}/messages`).set(bearer(ws.adminKey)).send(body).expect(202);
    await watcher.finished([accepted.body.id]);
    const message = (await t.http.get(`/v1/workspaces/${ws.id}/messages/${accepted.body.id}`).set(bearer(ws.adminKey))).body;
    const received = smtp.messages.find((mail) => mail.headers['message-id'] === message.smtp.messageId);
    return { id: accepted.body.id as string, message, received, parts: received ? mimeParts(received.raw.toString('utf8')) : new Map() };
  }
  const pathOf = (url: string) => new URL(url).pathname;
  const messageView = async (id: string) => {
    await t.app.get(TrackingEventWriter).flush();
    return (await t.http.get(`/v1/workspaces/${ws.id}/messages/${id}`).set(bearer(ws.adminKey))).body;
  };

  it('rewrites links to the click tracker, adds the pixel, and leaves the rest as written', async () => {
    const { parts } = await deliver({ to: ['reader@example.com'], subject: 'Tracked', html: HTML, text: TEXT });
    const html = parts.get('text/html')!;
    expect(parts.get('text/plain')).toBe(TEXT);

    const tracked = [...html.matchAll(/href="(https:\/\/mail\.example\.test\/t\/c\/[^"]+)"/g)].map((match) => match[1]!);
    expect(tracked).toHaveLength(2);
    expect(html).toContain('class="btn" title="Cart &amp; more"');
    expect(html).toContain('href="mailto:help@example.com"');
    expect(html).toContain('href="#top"');
    expect(html).toContain('href="tel:+123"');
    expect(html).toContain('href="https://example.com/private" data-mailroom-track="false"');
    expect(html).toMatch(/<img src="https:\/\/mail\.example\.test\/t\/o\/[^"]+"[^>]*>\s*<\/body>/);

    const first = await t.http.get(pathOf(tracked[0]!)).set('User-Agent', BROWSER).expect(302);
    expect(first.headers.location).toBe('https://shop.example.com/cart?item=42&size=m#reviews');
    const second = await t.http.get(pathOf(tracked[1]!)).set('User-Agent', BROWSER).expect(302);
    expect(second.headers.location).toBe('https://docs.example.com/guide');
  });

  const trackedLinks = (html: string) =>
    [...html.matchAll(/href="(https:\/\/mail\.example\.test\/t\/c\/[^"]+)"/g)].map((match) => pathOf(match[1]!));

  it('redirects links with non-ASCII characters to their percent-encoded form', async () => {
    const html = '<p><a href="https://example.jp/セール">sale</a> <a href="https://example.com/ü?q=ä">ü</a></p>';
    const { id, message, parts } = await deliver({ to: ['intl@example.com'], subject: 'Intl', html });
    const links = trackedLinks(parts.get('text/html')!);
    expect(links).toHaveLength(2);
    const sale = await t.http.get(links[0]!).set('User-Agent', BROWSER).expect(302);
    expect(sale.headers.location).toBe('https://example.jp/%E3%82%BB%E3%83%BC%E3%83%AB');
    const umlaut = await t.http.get(links[1]!).set('User-Agent', BROWSER).expect(302);
    expect(umlaut.headers.location).toBe('https://example.com/%C3%BC?q=%C3%A4');
    expect(message.tracking).toEqual({ opens: true, clicks: true });
    const clicks = (await messageView(id)).events.filter((event: { type: string }) => event.type === 'click');
    expect(clicks.map((event: { url: string }) => event.url)).toEqual([
      'https://example.jp/%E3%82%BB%E3%83%BC%E3%83%AB',
      'https://example.com/%C3%BC?q=%C3%A4',
    ]);
  });

  it('redirects a link stored raw before links were stored serialised', async () => {
    const { id, parts } = await deliver({
      to: ['legacy@example.com'],
      subject: 'Legacy',
      html: '<a href="https://example.jp/old">old</a>',
    });
    await t.app.get(DataSource).query(`UPDATE message_links SET url = 'https://example.jp/セール' WHERE message_id = $1`, [id]);
    const [link] = trackedLinks(parts.get('text/html')!);
    const response = await t.http.get(link!).set('User-Agent', BROWSER).expect(302);
    expect(response.headers.location).toBe('https://example.jp/%E3%82%BB%E3%83%BC%E3%83%AB');
  });

  it('sends a body over TRACKING_MAX_HTML_BYTES as written, untracked, and says so on the message', async () => {
    const html = `<body><a href="https://example.com/big">big</a><p>${'x'.repeat(5000)}</p></body>`;
    const { id, message, parts } = await deliver({ to: ['big@example.com'], subject: 'Big', html });
    expect(message.status).toBe('sent');
    expect(parts.get('text/html')).toBe(html);
    const skipped = 'body larger than 4 KB: sent without tracking';
    expect(message.tracking).toEqual({ opens: true, clicks: true, skipped });
    expect(message.events).toContainEqual(expect.objectContaining({ type: 'tracking_skipped', detail: skipped }));
    expect((await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM message_links WHERE message_id = $1', [id]))[0].n).toBe(0);
  });

  it('records human opens and clicks, and flags Apple and Google proxies as machines', async () => {
    const { id, parts } = await deliver({ to: ['counted@example.com'], subject: 'Counted', html: HTML });
    const html = parts.get('text/html')!;
    const pixel = pathOf(/<img src="([^"]+)"/.exec(html)![1]!);
    const link = pathOf(/href="(https:\/\/mail\.example\.test\/t\/c\/[^"]+)"/.exec(html)![1]!);

    const gif = await t.http.get(pixel).set('User-Agent', BROWSER).expect(200);
    expect(gif.headers['content-type']).toBe('image/gif');
    expect(gif.headers['cache-control']).toMatch(/no-store/);
    expect(gif.body.length).toBe(43);
    await t.http.get(pixel).set('User-Agent', 'Mozilla/5.0').expect(200);
    await t.http
      .get(pixel)
      .set('User-Agent', 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)')
      .expect(200);
    await t.http.get(link).set('User-Agent', BROWSER).expect(302);

    const message = await messageView(id);
    expect(message.opens).toBe(1);
    expect(message.clicks).toBe(1);
    const opens = message.events.filter((event: { type: string }) => event.type === 'open');
    expect(opens.map((event: { bot: boolean }) => event.bot)).toEqual([false, true, true]);
    expect(message.events.find((event: { type: string }) => event.type === 'click')).toMatchObject({
      url: 'https://shop.example.com/cart?item=42&size=m#reviews',
      bot: false,
    });
  });

  it('answers 404 without a Location for a tampered token or one signed with another key', async () => {
    const { id, parts } = await deliver({ to: ['tamper@example.com'], subject: 'Tamper', html: HTML });
    const link = /href="https:\/\/mail\.example\.test(\/t\/c\/[^"]+)"/.exec(parts.get('text/html')!)![1]!;
    const token = link.slice('/t/c/'.length);
    const flipped = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    for (const path of [
      `/t/c/${flipped}`,
      `/t/c/${signTrackingToken(randomBytes(32), { messageId: id, kind: 'click', linkIndex: 0 })}`,
      '/t/c/garbage',
      `/t/o/${flipped}`,
    ]) {
      const response = await t.http.get(path).set('User-Agent', BROWSER).expect(404);
      expect(response.headers.location).toBeUndefined();
    }
    expect(parseTrackingToken(token, 'click')?.messageId).toBe(id);
  });

  it('refuses a genuine click token used as an open, also once it has been clicked and is remembered', async () => {
    const { parts } = await deliver({ to: ['kinds@example.com'], subject: 'Kinds', html: HTML });
    const link = /href="https:\/\/mail\.example\.test(\/t\/c\/[^"]+)"/.exec(parts.get('text/html')!)![1]!;
    const token = link.slice('/t/c/'.length);
    await t.http.get(link).set('User-Agent', BROWSER).expect(302);
    await t.http.get(link).set('User-Agent', BROWSER).expect(302);
    const asOpen = await t.http.get(`/t/o/${token}`).set('User-Agent', BROWSER).expect(404);
    expect(asOpen.headers['content-type']).toMatch(/json/);
  });

  it('leaves tracking out when the message turns it off', async () => {
    const { parts } = await deliver({ to: ['quiet@example.com'], subject: 'Quiet', html: HTML, tracking: { opens: false, clicks: false } });
    expect(parts.get('text/html')).toBe(HTML);
  });

  it('unsubscribes with the RFC 8058 one-click POST, suppresses later marketing mail, and lets transactional mail through', async () => {
    const { received } = await deliver({ type: 'marketing', to: ['leaver@example.com'], subject: 'News', html: '<p>News</p>' });
    expect(received!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = /^<(https:\/\/mail\.example\.test\/u\/[^>]+)>$/.exec(received!.headers['list-unsubscribe']!)![1]!;
    const path = pathOf(unsubscribeUrl);

    const page = await t.http.get(path).expect(200);
    expect(page.text).toContain('leaver@example.com');
    expect(page.text).toContain('<form method="post">');
    const before = await t.http.get(`/v1/workspaces/${ws.id}/suppressions`).set(bearer(ws.adminKey)).expect(200);
    expect(before.body.data).toEqual([]);

    // RFC 8058 §8.1, byte for byte (host and path are this server's).
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: mail.example.test\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 26\r\nConnection: close\r\n\r\nList-Unsubscribe=One-Click`,
        ),
      );
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);

    const after = await t.http.get(`/v1/workspaces/${ws.id}/suppressions`).set(bearer(ws.adminKey)).expect(200);
    expect(after.body.data).toEqual([{ email: 'leaver@example.com', reason: 'unsubscribe', listId: null, createdAt: expect.any(String) }]);

    const marketing = await deliver({ type: 'marketing', to: ['leaver@example.com'], subject: 'More news', html: '<p>More</p>' });
    expect(marketing.message.status).toBe('suppressed');
    expect(marketing.received).toBeUndefined();
    const transactional = await deliver({ to: ['leaver@example.com'], subject: 'Your password reset', text: 'reset' });
    expect(transactional.message.status).toBe('sent');
  });

  it.each([
    [
      'multipart/form-data',
      'multipart/form-data; boundary=XyZ',
      '--XyZ\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--XyZ--\r\n',
    ],
    ['text/plain', 'text/plain', 'List-Unsubscribe=One-Click'],
    ['JSON', 'application/json', '{"List-Unsubscribe":"One-Click"}'],
    ['malformed JSON', 'application/json', '{"List-Unsubscribe": '],
    ['an empty body', 'application/x-www-form-urlencoded', ''],
    ['another form field', 'application/x-www-form-urlencoded', 'unsubscribe=yes'],
    ['an unknown charset', 'application/x-www-form-urlencoded; charset=ebcdic', 'garbage\u0000\u00ff'],
  ])('unsubscribes whatever the POST body: %s', async (label, contentType, body) => {
    const email = `leaver-${label.replace(/[^a-z]/g, '')}@example.com`;
    const { received } = await deliver({ type: 'marketing', to: [email], subject: 'News', html: '<p>News</p>' });
    const path = pathOf(/^<([^>]+)>$/.exec(received!.headers['list-unsubscribe']!)![1]!);
    const reply = await t.http.post(path).set('Content-Type', contentType).send(body);
    expect(reply.status).toBe(200);
    const suppressions = await t.http.get(`/v1/workspaces/${ws.id}/suppressions`).set(bearer(ws.adminKey)).expect(200);
    expect(suppressions.body.data.map((row: { email: string }) => row.email)).toContain(email);
  });

  it('refuses an unsubscribe POST body over 16 KB with 413 and changes nothing, and 404s an unknown token whatever the body', async () => {
    const { received } = await deliver({ type: 'marketing', to: ['huge@example.com'], subject: 'News', html: '<p>News</p>' });
    const path = pathOf(/^<([^>]+)>$/.exec(received!.headers['list-unsubscribe']!)![1]!);
    const refused = await t.http
      .post(path)
      .set('Content-Type', 'text/plain')
      .send('x'.repeat(16 * 1024 + 1))
      .expect(413);
    expect(refused.body.message).toMatch(/16 KB/);
    const suppressions = await t.http.get(`/v1/workspaces/${ws.id}/suppressions`).set(bearer(ws.adminKey)).expect(200);
    expect(suppressions.body.data.map((row: { email: string }) => row.email)).not.toContain('huge@example.com');
    await t.http.post('/u/not-a-token').set('Content-Type', 'multipart/form-data; boundary=b').send('--b--').expect(404);
  });

  it('adds, lists and removes suppressions through the API', async () => {
    const path = `/v1/workspaces/${ws.id}/suppressions`;
    const added = await t.http.post(path).set(bearer(ws.adminKey)).send({ email: 'Manual@Example.com' }).expect(201);
    expect(added.body).toMatchObject({ email: 'manual@example.com', reason: 'manual', listId: null });
    await t.http.post(path).set(bearer(ws.adminKey)).send({ email: 'nope' }).expect(400);
    await t.http.delete(`${path}/manual@example.com`).set(bearer(ws.adminKey)).expect(204);
    await t.http.delete(`${path}/manual@example.com`).set(bearer(ws.adminKey)).expect(404);
    const other = await createWorkspace(t, 'Other');
    const foreign = await t.http.get(`/v1/workspaces/${other.id}/suppressions`).set(bearer(other.adminKey)).expect(200);
    expect(foreign.body.data).toEqual([]);
  });
});
