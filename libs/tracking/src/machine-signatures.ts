/*
 * Who fetches tracking URLs that is not a person. Each entry says where the signature is
 * documented or reported; these are observations of other systems and will drift, so the
 * classification is a label on the event, never a reason to refuse the request (a scanner that
 * gets an error page may mark the whole mail as suspicious).
 */

export type MachineReason =
  | 'head-request'
  | 'missing-user-agent'
  | 'apple-mail-privacy-protection'
  | 'bare-user-agent'
  | 'gmail-image-proxy'
  | 'yahoo-image-proxy'
  | 'microsoft-safe-links'
  | 'security-scanner'
  | 'http-library'
  | 'headless-browser'
  | 'link-preview'
  | 'crawler'
  | 'click-right-after-delivery'
  | 'all-links-clicked';

/**
 * Apple Mail Privacy Protection (iOS 15 / macOS 12, Sept. 2021) fetches remote content through
 * Apple's proxies when the mail is downloaded, opened or not, sending exactly `Mozilla/5.0`
 * (ua-parser/uap-core#509; SocketLabs' MPP write-up describes the background download through
 * two proxy hops). No browser sends the bare product token.
 */
export const APPLE_PRIVACY_PROXY_USER_AGENT = 'Mozilla/5.0';

interface UserAgentSignature {
  pattern: RegExp;
  reason: MachineReason;
}

/** Checked in order, most specific first. */
export const USER_AGENT_SIGNATURES: readonly UserAgentSignature[] = [
  // Gmail rewrites image URLs to googleusercontent.com since Dec. 2013 and fetches them once, on
  // first display, with `… (via ggpht.com GoogleImageProxy)` (Word to the Wise, 2013-12;
  // ScientiaMobile's WURFL notes). It hides the client and caches, so later opens are invisible.
  { pattern: /GoogleImageProxy/i, reason: 'gmail-image-proxy' },
  // Yahoo Mail's image proxy names itself `YahooMailProxy` (Yahoo help article SLN28749).
  { pattern: /YahooMailProxy/i, reason: 'yahoo-image-proxy' },
  // Microsoft Defender Safe Links' click-time check and Office's link pre-checks send
  // `Microsoft Office`, `ms-office` or `MSOffice`; Office's HEAD probe is `Microsoft Office
  // Existence Discovery` (Microsoft's Office developer blog, 2008-03-11).
  { pattern: /microsoft office|ms-office|msoffice/i, reason: 'microsoft-safe-links' },
  // Secure mail gateways that follow every link on the way in and name themselves in the UA:
  // Barracuda Link Protection, Proofpoint URL Defense, Mimecast URL Protect, Symantec
  // (Broadcom) Email Security — as reported in senders' click-log audits and ESP help pages.
  { pattern: /barracuda|proofpoint|mimecast|symantec/i, reason: 'security-scanner' },
  // HTTP client libraries put their own name first unless told otherwise.
  {
    pattern:
      /python-requests|python-urllib|aiohttp|^curl\/|^wget\/|go-http-client|okhttp|apache-httpclient|^java\/|libwww-perl|node-fetch|axios\/|undici/i,
    reason: 'http-library',
  },
  // Headless Chrome announces itself as `HeadlessChrome/<version>`; PhantomJS as `PhantomJS/`.
  { pattern: /headless|phantomjs/i, reason: 'headless-browser' },
  // Chat and social apps unfurl a forwarded link: Facebook/Messenger (`facebookexternalhit`),
  // WhatsApp (`WhatsApp/<version>`), and the many `…Preview` fetchers (Skype, Google Web Preview).
  { pattern: /facebookexternalhit|whatsapp|preview/i, reason: 'link-preview' },
  // Search and SEO robots (Googlebot, bingbot, Slackbot, LinkedInBot, AhrefsBot, Yahoo! Slurp).
  // `cubot` is excluded: CUBOT is an Android phone brand that appears in real browsers' UAs.
  { pattern: /(?<!cu)bot\b|crawler|spider|slurp/i, reason: 'crawler' },
];

/**
 * Microsoft's published Exchange Online and Exchange Online Protection ranges (Office 365 URLs
 * and IP address ranges, https://aka.ms/ipurlws, service area "Exchange"). Senders' click logs
 * show Defender's sandbox clicking every link of a mail from 40.92/16 and 52.96/12 with an
 * ordinary Chrome UA; a person's browser does not sit in Microsoft's mail networks. Applied to
 * clicks only, since Outlook on the web may fetch images on a reader's behalf.
 */
export const MICROSOFT_MAIL_NETWORKS: readonly (readonly [address: string, prefix: number])[] = [
  ['40.92.0.0', 15],
  ['40.107.0.0', 16],
  ['52.100.0.0', 14],
  ['104.47.0.0', 17],
  ['40.96.0.0', 13],
  ['40.104.0.0', 15],
  ['52.96.0.0', 14],
  ['132.245.0.0', 16],
  ['23.103.160.0', 20],
  ['2a01:111:f400::', 48],
  ['2a01:111:f403::', 48],
  ['2603:1006::', 40],
  ['2603:1016::', 36],
  ['2603:1026::', 36],
  ['2603:1036::', 36],
  ['2603:1046::', 36],
  ['2603:1056::', 36],
];
