import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import { isNotDashboardSegment } from '../http/not-dashboard-paths';

/**
 * The dashboard's pages run only scripts and styles from this origin: no inline script, no eval,
 * and nothing framed. Inline styles stay allowed because Mantine sets CSS variables in `style`
 * attributes and a `<style>` element; a style cannot run code.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS = {
  'Content-Security-Policy': DASHBOARD_CSP,
  'Cache-Control': 'no-cache',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

/**
 * Serves the built dashboard (Vite's output in `directory`): hashed files under `/assets` cached for
 * a year, and `index.html` for every other GET outside the server's own paths (`/v1`, `/t`, `/u`,
 * `/docs`, `/docs-json`, `/health`, `/metrics`), revalidated on every load so a deploy shows at once.
 */
export function serveDashboard(app: express.Application, directory: string): void {
  const root = resolve(directory);
  // Compressed on the way out (the first load's scripts shrink to about a third); API answers are not touched.
  const compressed = compression();
  app.use('/assets', compressed, express.static(join(root, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }));
  // Files Vite copies from `public/` (the icon) keep their names, so they are revalidated like the page.
  const publicFiles = express.static(root, { index: false, setHeaders: (response) => response.set(PAGE_HEADERS) });
  let indexHtml: Buffer | undefined;
  // API requests pass straight on: no file-system lookup on the way to a route.
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isNotDashboardSegment(request.path.split('/')[1] ?? '')) return next();
    publicFiles(request, response, () => answerPage(response));
  });

  function answerPage(response: Response): void {
    readIndex()
      .then((page) => response.status(200).set(PAGE_HEADERS).type('html').send(page))
      .catch(() =>
        response
          .status(404)
          .json({ statusCode: 404, error: 'Not Found', message: `The dashboard is not built in ${root}: run npm run build` }),
      );
  }

  async function readIndex(): Promise<Buffer> {
    indexHtml ??= await readFile(join(root, 'index.html'));
    return indexHtml;
  }
}
