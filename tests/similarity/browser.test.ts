// One check in a real browser (Debian's chromium, when present): under the page's own CSP the
// styles apply, the two files sit side by side, nothing is blocked or fetched, and no script runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { disguise, example, runSimilarity, writeTree } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'seedgrade-similarity-browser-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// .ci/run installs chromium: a missing browser is a failure here, as in the report pages' tests.
describe('side-by-side view in chromium', () => {
  it('renders highlighted fragments in two columns under the CSP', async () => {
    const subs = join(work, 'subs');
    const out = join(work, 'out');
    const hostile = '// <img src=x onerror="document.title=\'pwned\'">\n';
    writeTree(subs, {
      'alice/feature_map.ts': hostile + example('alice'),
      'mallory/feature_map.ts': hostile + disguise(example('alice')),
    });
    await runSimilarity(subs, out);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => problems.push(`${m.type()}: ${m.text()}`));
      page.on(
        'request',
        (r) => void (r.url().startsWith('file:') || problems.push(`request: ${r.url()}`)),
      );
      await page.goto(pathToFileURL(join(out, 'similarity.html')).href);
      await page.click('a[href="pairs/0001.html"]');
      await page.waitForSelector('.side-by-side');
      expect(await page.title()).toBe(
        'alice ↔ mallory: ' +
          (await page.locator('h1 + p.meta').innerText()).match(/Similarity ([\d.]+%)/)![1],
      );
      const sides = await page
        .locator('.side')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      expect(sides).toHaveLength(2);
      expect(sides[1]!.left).toBeGreaterThanOrEqual(sides[0]!.right); // side by side, not stacked
      // The inline style applied (the CSP allows it): the first fragment's colour from the stylesheet.
      const bg = await page
        .locator('mark.f0')
        .first()
        .evaluate((e) => getComputedStyle(e).backgroundColor);
      expect(bg).toBe('rgb(255, 224, 138)');
      expect(await page.locator('mark').count()).toBeGreaterThan(40);
      // The student's markup is text: no image element, the title untouched, nothing blocked or fetched.
      expect(await page.locator('.code img').count()).toBe(0);
      expect(await page.locator('.code').first().innerText()).toContain('<img src=x onerror=');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
