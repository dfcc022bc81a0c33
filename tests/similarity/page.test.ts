import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { example, runSimilarity, writeTree } from './helpers.js';

const HOSTILE = [
  '// <img src=x onerror=alert(1)>',
  '/* </script><script>alert(2)</script> */',
  'export const greeting = "{{student}} {{{csp}}} {{#each sides}}x{{/each}} <b>bold</b> & \'quoted\'";',
].join('\n');

const work = mkdtempSync(join(tmpdir(), 'seedgrade-similarity-page-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('similarity pages', async () => {
  const subs = join(work, 'subs');
  const out = join(work, 'out');
  const code = `${HOSTILE}\n${example('alice')}`;
  writeTree(subs, { 'mallory/feature_map.ts': code, 'trent/feature_map.ts': code });
  await runSimilarity(subs, out);
  const index = readFileSync(join(out, 'similarity.html'), 'utf8');
  const pages = readdirSync(join(out, 'pairs'));
  const pair = readFileSync(join(out, 'pairs', pages[0]!), 'utf8');

  it('escapes every string from a student file', () => {
    expect(pages).toEqual(['0001.html']);
    // The hostile text is shown, escaped (handlebars escapes & < > " ' ` =) …
    expect(pair).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(pair).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(pair).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; &#x27;quoted&#x27;');
    // … and never as markup.
    expect(pair).not.toMatch(/<img|<script|<\/script|<b>/i);
    // Template syntax in student code is text, not evaluated.
    expect(pair).toContain('{{student}} {{{csp}}} {{#each sides}}x{{/each}}');
  });

  it('is self-contained under a strict Content-Security-Policy', () => {
    for (const html of [index, pair]) {
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
      expect(csp?.[1]).toBe("default-src 'none'; style-src 'unsafe-inline'");
      expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(|@import/i);
      // Only links within the report: anchors, the pair pages and back to the index.
      for (const [, href] of html.matchAll(/href="([^"]*)"/g))
        expect(href).toMatch(/^(#[LR]\d+|pairs\/\d{4}\.html|\.\.\/similarity\.html)$/);
    }
    expect(index).toContain('href="pairs/0001.html"');
  });

  it('highlights the matching fragments on both sides', () => {
    // Identical files: every code line of each side is inside a fragment, and both sides are marked alike.
    const left = pair.slice(pair.indexOf('<h2>mallory</h2>'), pair.indexOf('<h2>trent</h2>'));
    const right = pair.slice(pair.indexOf('<h2>trent</h2>'));
    const marks = (s: string) => [...s.matchAll(/<mark class="f(\d)"/g)].length;
    expect(marks(left)).toBeGreaterThan(20);
    expect(marks(right)).toBe(marks(left));
    expect(left).toContain('id="L1"');
    expect(right).toContain('id="R1"');
  });
});
