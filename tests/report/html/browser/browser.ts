import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../helpers/browser.js';
import { REPO } from '../../../helpers/project.js';

/** Where the browser tests leave screenshots (gitignored); docs/screenshots holds committed copies. */
export const SCREENSHOTS = process.env.SEEDGRADE_SCREENSHOTS ?? join(REPO, 'tmp', 'screenshots');

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return launchChromium();
}

/** What a page did while loaded: console errors, uncaught exceptions, dialogs, and every request. */
export interface Watch {
  errors: string[];
  dialogs: string[];
  requests: string[];
  blocked: string[];
}

/** A page that records everything and refuses (and records) any request that is not a file: or data: URL. */
export async function watchedPage(browser: Browser): Promise<{ page: Page; watch: Watch }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const watch: Watch = { errors: [], dialogs: [], requests: [], blocked: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      watch.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => watch.requests.push(r.url()));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    watch.blocked.push(url);
    return route.abort();
  });
  return { page, watch };
}

export const clear = (w: Watch): void => {
  for (const list of Object.values(w)) list.length = 0;
};
