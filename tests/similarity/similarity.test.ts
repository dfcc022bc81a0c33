import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareById } from '../../grader/authoring/release.js';
import { makeZip } from '../bulk/zips.js';
import { REPO } from '../helpers/project.js';
import { disguise, example, reference, runSimilarity, scoreOf, writeTree } from './helpers.js';

let work: string;
let subs: string;
let out: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'seedgrade-similarity-'));
  subs = join(work, 'subs');
  out = join(work, 'out');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('grade similarity', () => {
  it('finds disguised copies (renamed, reordered, re-commented) and separates independent solutions', async () => {
    const ref = reference();
    const alice = example('alice');
    const copy = disguise(ref);
    // The disguise really changed the text: no line of the reference's bodies survives verbatim.
    expect(copy).not.toContain('image');
    expect(copy.indexOf('rect')).toBeLessThan(copy.indexOf('sizeOut')); // relu came last, now first
    writeTree(subs, {
      'ref/feature_map.ts': ref,
      'refcopy/feature_map.ts': copy,
      'alice/feature_map.ts': alice,
      'alicecopy/feature_map.ts': disguise(alice),
    });
    const r = await runSimilarity(subs, out);
    expect(r.code).toBe(0);
    expect(scoreOf(r.rows, 'ref', 'refcopy')).toBeGreaterThan(0.8);
    expect(scoreOf(r.rows, 'alice', 'alicecopy')).toBeGreaterThan(0.8);
    // alice's solution was written separately from the reference (examples/feature-map-class/alice).
    expect(scoreOf(r.rows, 'ref', 'alice')).toBeLessThan(0.5);
    expect(scoreOf(r.rows, 'refcopy', 'alicecopy')).toBeLessThan(0.5);
    expect(r.printed).toMatch(/refcopy|ref ↔/);
  });

  it('writes every pair to similarity.csv, highest first, ending with a newline', async () => {
    for (const s of ['alice', 'bob', 'carol', 'dave'])
      writeTree(subs, { [`${s}/feature_map.ts`]: example(s) });
    writeTree(subs, { 'ref/feature_map.ts': reference() });
    const r = await runSimilarity(subs, out);
    expect(r.csvText.split('\n')[0]).toBe(
      'left,right,similarity,longest_fragment,total_overlap,note',
    );
    expect(r.csvText.endsWith('\n')).toBe(true);
    expect(r.rows).toHaveLength((5 * 4) / 2);
    const sims = r.rows.map((x) => Number(x.similarity));
    expect(sims).toEqual([...sims].sort((a, b) => b - a));
    for (const row of r.rows) {
      expect(row.left! < row.right!).toBe(true);
      expect(Number(row.longest_fragment)).toBeLessThanOrEqual(Number(row.total_overlap));
    }
  });

  it('ignores the released stub: stub-only submissions score near 0 with --ignore-stubs', async () => {
    const prepared = await prepareById(REPO, 'feature-map');
    if (!prepared.ok) throw new Error(prepared.problems.join('\n'));
    const stub = prepared.files['feature_map.ts']!;
    expect(stub).toContain('TODO');
    writeTree(subs, {
      's1/feature_map.ts': stub,
      's2/feature_map.ts': stub,
      // The stub with its comments rewritten and re-indented.
      's3/feature_map.ts': stub
        .replace(/\/\*\*[\s\S]*?\*\//g, '// my notes')
        .replace(/^ {2}/gm, '    '),
    });
    const kept = await runSimilarity(subs, join(work, 'kept'), { ignoreStubs: false });
    // Without ignoring, identical files are identical.
    expect(scoreOf(kept.rows, 's1', 's2')).toBe(1);
    expect(scoreOf(kept.rows, 's1', 's3')).toBeGreaterThan(0.8);
    const ignored = await runSimilarity(subs, out);
    for (const [a, b] of [
      ['s1', 's2'],
      ['s1', 's3'],
      ['s2', 's3'],
    ] as const)
      expect(scoreOf(ignored.rows, a, b)).toBeLessThan(0.05);
    expect(ignored.printed).toContain('0 pairs at or above 0.6');
  });

  it('keeps stub code out of a real copy but still finds the copy', async () => {
    const prepared = await prepareById(REPO, 'feature-map');
    if (!prepared.ok) throw new Error(prepared.problems.join('\n'));
    writeTree(subs, {
      'a/feature_map.ts': reference(),
      'b/feature_map.ts': disguise(reference()),
      'c/feature_map.ts': prepared.files['feature_map.ts']!,
    });
    const r = await runSimilarity(subs, out);
    expect(scoreOf(r.rows, 'a', 'b')).toBeGreaterThan(0.8);
    expect(scoreOf(r.rows, 'a', 'c')).toBeLessThan(0.05);
  });

  it('lists a broken zip, a missing file and syntax errors, and compares the rest', async () => {
    const zip = await makeZip([{ name: 'feature_map.ts', data: example('bob') }]);
    writeTree(subs, {
      'alice.zip': await makeZip([{ name: 'feature_map.ts', data: example('alice') }]),
      'bob.zip': zip,
      'broken.zip': Buffer.from('PK\u0003\u0004 this is not a zip at all'),
      'nofile/notes.txt': 'I forgot',
      // The parser cannot get past this one: no tokens, not compared.
      'hopeless/feature_map.ts': 'export function outputSize(n: number {\n  return n +;\n}}}}\n',
      // This one it can step over (a const without a value): listed, and still compared.
      'sloppy/feature_map.ts': example('alice').replace(
        'export function relu',
        'const unfinished;\nexport function relu',
      ),
    });
    const r = await runSimilarity(subs, out);
    expect(r.code).toBe(0);
    expect(r.printed).toMatch(/broken: could not be unpacked: .*\(not compared\)/);
    expect(r.printed).toMatch(/nofile: feature_map\.ts is missing \(not compared\)/);
    expect(r.printed).toMatch(
      /hopeless: feature_map\.ts:\d+:\d+: syntax error: .*\(not compared\)/,
    );
    expect(r.printed).toMatch(
      /sloppy: feature_map\.ts:\d+:\d+: syntax error: .*\(compared anyway\)/,
    );
    // zips are read like folders (the same layouts as grade bulk)
    expect(scoreOf(r.rows, 'alice', 'bob')).toBeGreaterThan(0.8);
    expect(scoreOf(r.rows, 'alice', 'sloppy')).toBeGreaterThan(0.8);
    const notCompared = r.rows.filter((x) => x.right === '');
    expect(notCompared.map((x) => x.left).sort()).toEqual(['broken', 'hopeless', 'nofile']);
    expect(notCompared.every((x) => x.note!.startsWith('not compared: '))).toBe(true);
    expect(r.rows.find((x) => x.left === 'alice' && x.right === 'sloppy')?.note).toMatch(
      /^sloppy: feature_map\.ts:\d+:\d+: syntax error/,
    );
    const html = readFileSync(join(out, 'similarity.html'), 'utf8');
    for (const s of ['broken', 'hopeless', 'nofile', 'sloppy'])
      expect(html).toContain(`<strong>${s}</strong>`);
    // 3 compared students → 3 pairs; the others are listed, not paired
    expect(r.rows.filter((x) => x.right !== '')).toHaveLength(3);
  });

  it('reads a Canvas download', async () => {
    writeTree(subs, {
      'doejane_1001_5001_feature_map.ts': example('alice'),
      'roeramon_1002_5002_feature_map.ts': disguise(example('alice')),
      'smithann_1003_5003_feature_map.ts': reference(),
    });
    const r = await runSimilarity(subs, out);
    expect(scoreOf(r.rows, '1001', '1002')).toBeGreaterThan(0.8);
    expect(scoreOf(r.rows, '1001', '1003')).toBeLessThan(0.5);
  });

  it('gives byte-identical outputs for identical inputs', async () => {
    for (const s of ['alice', 'bob', 'carol'])
      writeTree(subs, { [`${s}/feature_map.ts`]: example(s) });
    await runSimilarity(subs, join(work, 'one'));
    await runSimilarity(subs, join(work, 'two'));
    const files = (d: string) => readdirSync(d, { recursive: true, encoding: 'utf8' }).sort();
    expect(files(join(work, 'two'))).toEqual(files(join(work, 'one')));
    expect(files(join(work, 'one'))).toContain(join('pairs', '0001.html'));
    const written = files(join(work, 'one')).filter((f) => /\.(html|csv)$/.test(f));
    expect(written.length).toBe(2 + 3); // index, csv and one page per pair (all three pairs are near-copies)
    for (const f of written)
      expect(readFileSync(join(work, 'two', f))).toEqual(readFileSync(join(work, 'one', f)));
  });

  it('refuses a bad threshold with one message', async () => {
    writeTree(subs, { 'a/feature_map.ts': reference() });
    await expect(runSimilarity(subs, out, { threshold: 'high' })).rejects.toThrow(
      /--threshold must be a number from 0 to 1/,
    );
    await expect(runSimilarity(subs, out, { threshold: '1.5' })).rejects.toThrow(/--threshold/);
  });
});
