/**
 * `npm run screenshots`: the main dashboard pages, light and dark, as a person sees them with some
 * data, written to docs/screenshots/ for the README. Not part of `npm test`, so a CI run leaves the
 * tree as it found it. Runs the same harness as the browser specs: the real API and worker on a
 * database of its own, the test SMTP sink, Debian's Chromium.
 */
import '../support/test-env';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createContact, createList } from '../support/contact-factory';
import { FakeSmtpServer } from '../support/fake-smtp-server';
import globalSetup from '../support/global-setup';
import { OPERATOR, OPERATOR_ENV } from '../support/people';
import { startBrowserApp } from '../support/browser';
import { createSendingWorkspace } from '../support/sending-workspace';
import { bearer } from '../support/test-app';

const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  await globalSetup();
  const smtp = new FakeSmtpServer({ security: 'starttls', authOptional: true });
  await smtp.start();
  const app = await startBrowserApp({ worker: true, env: OPERATOR_ENV });
  try {
    const workspace = await createSendingWorkspace(app.t, { smtp, name: 'Acme Production' });
    const send = (to: string, subject: string, tags: string[]) =>
      app.t.http
        .post(`/v1/workspaces/${workspace.id}/messages`)
        .set(bearer(workspace.sendKey))
        .send({ to: [to], subject, html: `<p>Hello ${to}, <a href="https://example.com/welcome">start here</a>.</p>`, tags })
        .expect(202);
    for (const [index, to] of ['ada@example.com', 'grace@example.com', 'edsger@example.com', 'barbara@example.com'].entries()) {
      await send(to, index % 2 ? 'Your invoice for November' : 'Welcome to Acme', [index % 2 ? 'invoice' : 'welcome']);
    }
    await smtp.waitForMessages(4);
    const list = await createList(app.t, workspace, 'Product news');
    for (const email of ['ada@example.com', 'grace@example.com', 'alan@example.com']) {
      const contact = await createContact(app.t, workspace, { email, firstName: email.split('@')[0] });
      await app.t.http
        .post(`/v1/workspaces/${workspace.id}/lists/${list.id}/contacts`)
        .set(bearer(workspace.adminKey))
        .send({ contactIds: [contact.id] })
        .expect((response) => response.status < 300);
    }

    const pages: [string, string][] = [
      ['overview', `/w/${workspace.id}`],
      ['integrations', `/w/${workspace.id}/integrations`],
      ['integration', `/w/${workspace.id}/integrations/${workspace.integration.id}`],
      ['new-integration-microsoft', `/w/${workspace.id}/integrations/new?kind=microsoft_app_only`],
      ['messages', `/w/${workspace.id}/messages`],
      ['contacts', `/w/${workspace.id}/contacts`],
      ['lists', `/w/${workspace.id}/lists`],
      ['broadcasts', `/w/${workspace.id}/broadcasts`],
      ['templates', `/w/${workspace.id}/templates`],
      ['webhooks', `/w/${workspace.id}/webhooks`],
      ['members', `/w/${workspace.id}/members`],
      ['audit', `/w/${workspace.id}/audit`],
    ];
    await mkdir(OUT, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await app.newPage({ colorScheme });
      await capture(page, `login-${colorScheme}`, '/login');
      await page.getByLabel('Email').fill(OPERATOR.email);
      await page.getByLabel(/^Password/).fill(OPERATOR.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname !== '/login');
      for (const [name, path] of pages) await capture(page, `${name}-${colorScheme}`, path);
    }
  } finally {
    await app.close();
    await smtp.stop();
  }
}

/** Opens `path`, waits until nothing is loading, and writes `<name>.png`. */
async function capture(page: Page, name: string, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await page
    .locator('[aria-busy="true"], [aria-label="Loading"]')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
