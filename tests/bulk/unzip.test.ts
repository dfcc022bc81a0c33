import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractZip, safeRelativePath, stripCommonFolder } from '../../grader/bulk/unzip.js';
import { damageData, makeZip, renameEntry, setDeclaredSize } from './zips.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'seedgrade-unzip-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function zipFile(buf: Buffer, name = 'sub.zip'): Promise<string> {
  const p = join(work, name);
  await writeFile(p, buf);
  return p;
}

async function listTree(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('extractZip: good zips', () => {
  it('strips the one folder a student zipped, skips macOS junk, keeps the bytes', async () => {
    const zip = await zipFile(
      await makeZip([
        { name: 'alice-hw3/main.ts', data: 'export const x = 1;\n' },
        { name: 'alice-hw3/lib/util.ts', data: 'export const y = 2;\n', compress: false },
        { name: '__MACOSX/alice-hw3/._main.ts', data: 'resource fork' },
        { name: 'alice-hw3/.DS_Store', data: 'finder' },
      ]),
    );
    const dest = join(work, 'out');
    const r = await extractZip(zip, dest);
    expect(r).toEqual({ ok: true, files: ['main.ts', 'lib/util.ts'] });
    expect(await listTree(dest)).toEqual(['lib/util.ts', 'main.ts']);
    expect(await readFile(join(dest, 'main.ts'), 'utf8')).toBe('export const x = 1;\n');
  });

  it('keeps the top level when files sit in more than one place', async () => {
    const zip = await zipFile(
      await makeZip([
        { name: 'src/a.ts', data: 'a' },
        { name: 'README.md', data: 'r' },
      ]),
    );
    const r = await extractZip(zip, join(work, 'out'));
    expect(r).toEqual({ ok: true, files: ['src/a.ts', 'README.md'] });
  });

  it('path helpers: traversal, absolute, drive letter, backslash', () => {
    expect(safeRelativePath('a/./b//c.ts')).toEqual({ ok: true, rel: 'a/b/c.ts', isDir: false });
    expect(safeRelativePath('..\\..\\x').ok).toBe(false);
    expect(safeRelativePath('\\x').ok).toBe(false);
    expect(safeRelativePath('D:x').ok).toBe(false);
    expect(stripCommonFolder(['only.ts'])).toEqual(['only.ts']);
  });
});

describe('extractZip: hostile or broken zips', () => {
  it('reports a file that is not a zip as corrupt and writes nothing', async () => {
    const zip = await zipFile(Buffer.from('this is a PDF, honestly'.repeat(10)));
    const dest = join(work, 'out');
    const r = await extractZip(zip, dest);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('corrupt');
    expect(existsSync(dest)).toBe(false);
  });

  it('reports a truncated zip as corrupt', async () => {
    const good = await makeZip([{ name: 'a.txt', data: 'hello world' }]);
    const r = await extractZip(
      await zipFile(good.subarray(0, good.length - 10)),
      join(work, 'out'),
    );
    expect(!r.ok && r.error.code).toBe('corrupt');
  });

  it('removes files already written when a later entry fails to inflate', async () => {
    const buf = damageData(
      await makeZip([
        { name: 'a.txt', data: 'fine', compress: false },
        { name: 'b.txt', data: 'x'.repeat(5000) },
      ]),
      'b.txt',
    );
    const dest = join(work, 'out');
    const r = await extractZip(await zipFile(buf), dest);
    expect(!r.ok && r.error.code).toBe('corrupt');
    expect(await listTree(dest)).toEqual([]);
  });

  it.each([
    ['../evil.txt', 'xx/evil.txt'],
    ['/tmp/evil.txt', 'xtmp/evil.txt'],
    ['C:/evil.txt', 'Cx/evil.txt'],
    ['..\\evil.txt', 'xx_evil.txt'],
    ['ok/../../evil.txt', 'ok/xx/xx/evil.txt'],
  ])('refuses the entry name %s', async (hostile, placeholder) => {
    const buf = renameEntry(
      await makeZip([
        { name: 'fine.txt', data: 'ok' },
        { name: placeholder, data: 'pwned' },
      ]),
      placeholder,
      hostile,
    );
    const dest = join(work, 'deep', 'out');
    const r = await extractZip(await zipFile(buf), dest);
    expect(!r.ok && r.error.code).toBe('unsafe-path');
    expect(!r.ok && r.error.message).toContain(hostile);
    expect(existsSync(join(work, 'deep', 'evil.txt'))).toBe(false);
    expect(existsSync(join(work, 'evil.txt'))).toBe(false);
    expect(await listTree(dest)).toEqual([]);
  });

  it('refuses a symbolic-link entry', async () => {
    // S_IFLNK = 0o120000 in the upper 16 bits of the external attributes (Info-ZIP's unix convention).
    const buf = await makeZip([
      { name: 'data', data: '/etc/passwd', mode: 0o120777, compress: false },
    ]);
    const r = await extractZip(await zipFile(buf), join(work, 'out'));
    expect(!r.ok && r.error.code).toBe('link');
  });

  it('refuses more entries than the limit', async () => {
    const items = [1, 2, 3, 4, 5].map((i) => ({ name: `f${i}.txt`, data: String(i) }));
    const r = await extractZip(await zipFile(await makeZip(items)), join(work, 'out'), {
      maxEntries: 3,
    });
    expect(!r.ok && r.error.code).toBe('too-many-entries');
  });

  it('refuses an honest entry bigger than the per-file limit', async () => {
    const buf = await makeZip([{ name: 'big.bin', data: Buffer.alloc(2 * 2 ** 20) }]);
    const r = await extractZip(await zipFile(buf), join(work, 'out'), { maxFileBytes: 2 ** 20 });
    expect(!r.ok && r.error.code).toBe('too-large');
  });

  it('counts real bytes when the header lies (zip bomb) and leaves nothing behind', async () => {
    // 2 MiB of zeros deflates to a few KiB; the headers are patched to claim 100 bytes.
    const buf = setDeclaredSize(
      await makeZip([{ name: 'bomb.bin', data: Buffer.alloc(2 * 2 ** 20) }]),
      'bomb.bin',
      100,
    );
    expect(buf.length).toBeLessThan(64 * 1024);
    const dest = join(work, 'out');
    const r = await extractZip(await zipFile(buf), dest, { maxFileBytes: 2 ** 20 });
    expect(!r.ok && r.error.code).toBe('too-large');
    expect(existsSync(dest)).toBe(false);
  });

  it('counts real bytes across entries against the total limit', async () => {
    let buf = await makeZip(
      ['a', 'b', 'c'].map((n) => ({ name: `${n}.bin`, data: Buffer.alloc(400 * 1024) })),
    );
    for (const n of ['a', 'b', 'c']) buf = setDeclaredSize(buf, `${n}.bin`, 10);
    const dest = join(work, 'out');
    // 3 × 400 KiB = 1200 KiB > 1024 KiB, although the headers add up to 30 bytes.
    const r = await extractZip(await zipFile(buf), dest, { maxTotalBytes: 1024 * 1024 });
    expect(!r.ok && r.error.code).toBe('too-large');
    expect(await listTree(dest)).toEqual([]);
  });

  it('never overwrites nor deletes a file already in the destination', async () => {
    const dest = join(work, 'out');
    await mkdir(dest);
    await writeFile(join(dest, 'main.ts'), 'ORIGINAL');
    const buf = await makeZip([
      { name: 'a.ts', data: 'a' },
      { name: 'main.ts', data: 'from zip' },
    ]);
    const r = await extractZip(await zipFile(buf), dest);
    expect(!r.ok && r.error.code).toBe('io');
    expect(await readFile(join(dest, 'main.ts'), 'utf8')).toBe('ORIGINAL');
    expect(await listTree(dest)).toEqual(['main.ts']);
  });

  it('returns an error (does not throw) for a missing zip', async () => {
    const r = await extractZip(join(work, 'nope.zip'), join(work, 'out'));
    expect(!r.ok && r.error.code).toBe('io');
  });
});
