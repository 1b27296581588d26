import { chromium, type Page } from 'playwright-core';

/** Debian's chromium, as the browser specs use it (test/support/browser.ts says why the flags). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PageLoad {
  path: string;
  /** JavaScript bytes on the wire (compressed as served), and uncompressed. */
  scriptBytes: number;
  scriptBytesDecoded: number;
  scripts: number;
}

export interface DashboardFirstLoad {
  newcomer: PageLoad;
  signedIn: PageLoad;
}

/**
 * The JavaScript a first visit transfers, measured in a real Chromium with an empty cache: the
 * sign-in page a newcomer opens, and the workspace overview right after signing in (the overview
 * is the heaviest first page: it brings the charts).
 */
export async function dashboardFirstLoad(
  baseUrl: string,
  operator: { email: string; password: string },
  workspaceId: string,
): Promise<DashboardFirstLoad> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const newcomerPage = await (await browser.newContext({ baseURL: baseUrl })).newPage();
    const newcomer = await measure(newcomerPage, '/login', async () => {
      await newcomerPage.getByLabel('Email').waitFor();
    });

    const signedInContext = await browser.newContext({ baseURL: baseUrl });
    const signIn = await signedInContext.request.post('/v1/auth/login', {
      data: operator,
      headers: { Origin: baseUrl, 'X-Mailroom-Client': 'dashboard' },
    });
    if (!signIn.ok()) throw new Error(`bench sign-in failed: ${signIn.status()} ${await signIn.text()}`);
    const page = await signedInContext.newPage();
    const signedIn = await measure(page, `/w/${workspaceId}`, () => page.waitForLoadState('networkidle'));
    return { newcomer, signedIn };
  } finally {
    await browser.close();
  }
}

async function measure(page: Page, path: string, ready: () => Promise<unknown>): Promise<PageLoad> {
  const scripts: Promise<{ wire: number; decoded: number }>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return;
    scripts.push(
      Promise.all([request.sizes(), request.response()]).then(async ([sizes, response]) => ({
        wire: sizes.responseBodySize,
        decoded: (await response?.body())?.length ?? 0,
      })),
    );
  });
  await page.goto(path);
  await ready();
  const sizes = await Promise.all(scripts);
  return {
    path,
    scriptBytes: sizes.reduce((sum, size) => sum + size.wire, 0),
    scriptBytesDecoded: sizes.reduce((sum, size) => sum + size.decoded, 0),
    scripts: sizes.length,
  };
}
