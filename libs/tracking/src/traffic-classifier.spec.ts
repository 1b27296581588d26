import { classifyTrackingRequest, type TrackingRequest } from './traffic-classifier';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const APPLE_MAIL = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const deliveredAt = new Date('2025-03-01T10:00:00Z');
const anHourLater = new Date('2025-03-01T11:00:00Z');
const seconds = (n: number) => new Date(deliveredAt.getTime() + n * 1000);

function request(overrides: Partial<TrackingRequest>): TrackingRequest {
  return { kind: 'click', method: 'GET', userAgent: CHROME, ip: '203.0.113.9', at: anHourLater, deliveredAt, ...overrides };
}

describe('classifyTrackingRequest', () => {
  it('counts a person in a browser clicking an hour after delivery', () => {
    expect(classifyTrackingRequest(request({}))).toEqual({ bot: false, reason: null });
  });

  it('counts a person opening the mail in Apple Mail without privacy protection', () => {
    expect(classifyTrackingRequest(request({ kind: 'open', userAgent: APPLE_MAIL }))).toEqual({ bot: false, reason: null });
  });

  it('flags an open fetched by Apple Mail Privacy Protection (bare "Mozilla/5.0")', () => {
    expect(classifyTrackingRequest(request({ kind: 'open', userAgent: 'Mozilla/5.0' }))).toEqual({
      bot: true,
      reason: 'apple-mail-privacy-protection',
    });
  });

  it("flags Gmail's image proxy", () => {
    const userAgent = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
    expect(classifyTrackingRequest(request({ kind: 'open', userAgent }))).toEqual({ bot: true, reason: 'gmail-image-proxy' });
  });

  it('flags a Safe Links check by its Office user agent', () => {
    const userAgent = 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)';
    expect(classifyTrackingRequest(request({ userAgent }))).toEqual({ bot: true, reason: 'microsoft-safe-links' });
  });

  it("flags a click from Microsoft's mail network even with an ordinary Chrome user agent", () => {
    expect(classifyTrackingRequest(request({ ip: '40.92.18.7' }))).toEqual({ bot: true, reason: 'microsoft-safe-links' });
    expect(classifyTrackingRequest(request({ ip: '::ffff:52.96.1.2' }))).toEqual({ bot: true, reason: 'microsoft-safe-links' });
    expect(classifyTrackingRequest(request({ ip: '2a01:111:f400:fe1e::5' })).reason).toBe('microsoft-safe-links');
  });

  it.each([
    ['Barracuda', 'Mozilla/5.0 (compatible; Barracuda Sentinel)', 'security-scanner'],
    ['Proofpoint', 'Proofpoint URL Defense', 'security-scanner'],
    ['Mimecast', 'Mozilla/5.0 Mimecast-URL-Protect', 'security-scanner'],
    ['python-requests', 'python-requests/2.32.3', 'http-library'],
    ['curl', 'curl/8.5.0', 'http-library'],
    ['headless Chrome', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0.0.0 Safari/537.36', 'headless-browser'],
    ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'crawler'],
    ['Slack unfurling', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 'crawler'],
    ['a link preview', 'facebookexternalhit/1.1', 'link-preview'],
  ])('flags %s', (_name, userAgent, reason) => {
    expect(classifyTrackingRequest(request({ userAgent }))).toEqual({ bot: true, reason });
  });

  it('does not mistake a CUBOT phone for a robot', () => {
    const userAgent = 'Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
    expect(classifyTrackingRequest(request({ userAgent })).bot).toBe(false);
  });

  it('flags HEAD requests and requests without a user agent', () => {
    expect(classifyTrackingRequest(request({ method: 'HEAD' }))).toEqual({ bot: true, reason: 'head-request' });
    expect(classifyTrackingRequest(request({ userAgent: null }))).toEqual({ bot: true, reason: 'missing-user-agent' });
    expect(classifyTrackingRequest(request({ userAgent: '  ' }))).toEqual({ bot: true, reason: 'missing-user-agent' });
  });

  it('flags a click within seconds of delivery, including one recorded before delivery', () => {
    expect(classifyTrackingRequest(request({ at: seconds(3) }))).toEqual({ bot: true, reason: 'click-right-after-delivery' });
    expect(classifyTrackingRequest(request({ at: seconds(-1) })).reason).toBe('click-right-after-delivery');
    expect(classifyTrackingRequest(request({ at: seconds(30) })).bot).toBe(false);
  });

  it('takes the quick-click threshold from the options', () => {
    expect(classifyTrackingRequest(request({ at: seconds(30) }), { clickAfterDeliveryMs: 60_000 }).bot).toBe(true);
    expect(classifyTrackingRequest(request({ at: seconds(3) }), { clickAfterDeliveryMs: 1_000 }).bot).toBe(false);
  });

  it('does not apply the quick-click rule to opens or when delivery time is unknown', () => {
    expect(classifyTrackingRequest(request({ kind: 'open', at: seconds(1) })).bot).toBe(false);
    expect(classifyTrackingRequest(request({ at: seconds(1), deliveredAt: null })).bot).toBe(false);
  });

  it('flags the click that completes every link of the message within seconds (a link scanner)', () => {
    const at = new Date(anHourLater.getTime() + 2_000);
    const recentClicks = [
      { at: anHourLater, linkIndex: 0 },
      { at: new Date(anHourLater.getTime() + 800), linkIndex: 1 },
    ];
    expect(classifyTrackingRequest(request({ at, linkIndex: 2, linkCount: 3, recentClicks }))).toEqual({
      bot: true,
      reason: 'all-links-clicked',
    });
  });

  it('counts a person who clicks several links, but not all of them or not all at once', () => {
    const recentClicks = [{ at: anHourLater, linkIndex: 0 }];
    const soon = new Date(anHourLater.getTime() + 2_000);
    expect(classifyTrackingRequest(request({ at: soon, linkIndex: 1, linkCount: 3, recentClicks })).bot).toBe(false);
    const later = new Date(anHourLater.getTime() + 60_000);
    expect(classifyTrackingRequest(request({ at: later, linkIndex: 1, linkCount: 2, recentClicks })).bot).toBe(false);
    expect(classifyTrackingRequest(request({ linkIndex: 0, linkCount: 1, recentClicks: [] })).bot).toBe(false);
  });
});
