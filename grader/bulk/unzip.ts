import { createWriteStream } from 'node:fs';
import { mkdir, realpath, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { DEFAULTS } from '../spec/defaults.js';

export interface ZipLimits {
  maxEntries?: number;
  maxTotalBytes?: number;
  maxFileBytes?: number;
}
/** 'io' is a filesystem problem outside the zip itself (unreadable zip file, unwritable or occupied destination). */
export type ZipErrorCode =
  | 'corrupt'
  | 'unsafe-path'
  | 'link'
  | 'too-many-entries'
  | 'too-large'
  | 'io';
export interface ZipError {
  code: ZipErrorCode;
  message: string;
}
export type ExtractResult = { ok: true; files: string[] } | { ok: false; error: ZipError };

// The same limits as a submission staged from a folder (spec/defaults.ts).
export const DEFAULT_ZIP_LIMITS: Required<ZipLimits> = {
  maxEntries: DEFAULTS.submission.maxFiles,
  maxTotalBytes: DEFAULTS.submission.maxTotalBytes,
  maxFileBytes: DEFAULTS.submission.maxFileBytes,
};

class ZipFailure extends Error {
  constructor(
    readonly code: ZipErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** macOS and Windows leave these behind; they are never part of a submission. */
export function isJunkPath(rel: string): boolean {
  const parts = rel.split('/');
  const base = parts[parts.length - 1] ?? '';
  return (
    parts[0] === '__MACOSX' || base === '.DS_Store' || base.startsWith('._') || base === 'Thumbs.db'
  );
}

/**
 * A zip entry name as a safe relative path, or why it is not. Backslashes count as separators
 * (old Windows tools write them) so `..\..\x` is caught as the traversal it is.
 */
export function safeRelativePath(
  name: string,
): { ok: true; rel: string; isDir: boolean } | { ok: false; reason: string } {
  if (name.includes('\0')) return { ok: false, reason: 'contains a NUL character' };
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return { ok: false, reason: 'is an absolute path' };
  if (/^[A-Za-z]:/.test(slashed)) return { ok: false, reason: 'starts with a drive letter' };
  const parts = slashed.split('/');
  if (parts.includes('..')) return { ok: false, reason: 'contains a ".." segment' };
  const kept = parts.filter((p) => p !== '' && p !== '.');
  return { ok: true, rel: kept.join('/'), isDir: slashed.endsWith('/') };
}

/** When every file sits under one folder (a student zipped their folder), drop that folder. */
export function stripCommonFolder(rels: string[]): string[] {
  const first = rels[0]?.split('/')[0];
  const shared = rels.length > 0 && rels.every((r) => r.includes('/') && r.split('/')[0] === first);
  return shared ? rels.map((r) => r.slice(first!.length + 1)) : rels;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

interface Planned {
  entry: yauzl.Entry;
  rel: string;
}

/** Check every central-directory entry before anything is written: names, links, declared sizes. */
function planEntries(entries: yauzl.Entry[], limits: Required<ZipLimits>): Planned[] {
  const files: Planned[] = [];
  let declared = 0;
  for (const entry of entries) {
    const name = yauzl.getFileNameLowLevel(
      entry.generalPurposeBitFlag,
      entry.fileNameRaw,
      entry.extraFields,
      true,
    );
    const safe = safeRelativePath(name);
    if (!safe.ok) throw new ZipFailure('unsafe-path', `entry "${name}" ${safe.reason}`);
    const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (mode === S_IFLNK)
      throw new ZipFailure(
        'link',
        `entry "${name}" is a symbolic link; zip the file itself, not a link to it`,
      );
    if (safe.isDir || mode === S_IFDIR || safe.rel === '' || isJunkPath(safe.rel)) continue;
    if (entry.isEncrypted())
      throw new ZipFailure(
        'corrupt',
        `entry "${name}" is encrypted; zip it again without a password`,
      );
    if (!entry.canDecodeFileData())
      throw new ZipFailure(
        'corrupt',
        `entry "${name}" uses unsupported compression method ${entry.compressionMethod}`,
      );
    if (entry.uncompressedSize > limits.maxFileBytes) throw tooLargeFile(name, limits);
    declared += entry.uncompressedSize;
    if (declared > limits.maxTotalBytes) throw tooLargeTotal(limits);
    files.push({ entry, rel: safe.rel });
  }
  const stripped = stripCommonFolder(files.map((f) => f.rel));
  const seen = new Set<string>();
  const dirs = new Set<string>();
  files.forEach((f, i) => {
    f.rel = stripped[i]!;
    if (seen.has(f.rel) || dirs.has(f.rel))
      throw new ZipFailure(
        'corrupt',
        `"${f.rel}" appears twice in the zip (or as both a file and a folder)`,
      );
    seen.add(f.rel);
    const parts = f.rel.split('/');
    for (let k = 1; k < parts.length; k++) dirs.add(parts.slice(0, k).join('/'));
  });
  for (const d of dirs)
    if (seen.has(d))
      throw new ZipFailure('corrupt', `"${d}" is both a file and a folder in the zip`);
  return files;
}

const tooLargeFile = (name: string, l: Required<ZipLimits>) =>
  new ZipFailure(
    'too-large',
    `entry "${name}" decompresses to more than ${l.maxFileBytes} bytes (the per-file limit)`,
  );
const tooLargeTotal = (l: Required<ZipLimits>) =>
  new ZipFailure(
    'too-large',
    `the zip decompresses to more than ${l.maxTotalBytes} bytes in total (the limit)`,
  );

function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  return new Promise((res, rej) => {
    // decodeStrings off: yauzl would reject bad names with a generic error; we classify them ourselves.
    // validateEntrySizes off: we count real decompressed bytes instead of trusting the headers.
    const options = {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: false,
      strictFileNames: true,
    };
    yauzl.open(zipPath, options, (err, zip) =>
      err || !zip ? rej(err ?? new Error('no zip')) : res(zip),
    );
  });
}

function readAllEntries(zip: yauzl.ZipFile, maxEntries: number): Promise<yauzl.Entry[]> {
  return new Promise((res, rej) => {
    const list: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      list.push(e);
      if (list.length > maxEntries)
        rej(new ZipFailure('too-many-entries', `the zip has more than ${maxEntries} entries`));
      else zip.readEntry();
    });
    zip.on('end', () => res(list));
    zip.on('error', rej);
    zip.readEntry();
  });
}

const openStream = (zip: yauzl.ZipFile, entry: yauzl.Entry) =>
  new Promise<Readable>((res, rej) =>
    zip.openReadStream(entry, (err, s) => (err ? rej(err) : res(s))),
  );

function classify(err: unknown, zipPath: string): ZipError {
  if (err instanceof ZipFailure) return { code: err.code, message: `${zipPath}: ${err.message}` };
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EEXIST')
    return {
      code: 'io',
      message: `${zipPath}: ${e.path ?? 'a file'} already exists in the destination; extract into an empty folder`,
    };
  if (e?.syscall) return { code: 'io', message: `${zipPath}: ${e.message}` };
  return {
    code: 'corrupt',
    message: `${zipPath} is not a readable zip (${e?.message ?? String(err)}); ask the student to zip it again`,
  };
}

/** Extract a zip safely into destDir. Never throws, never writes outside destDir, removes partial output on failure. */
export async function extractZip(
  zipPath: string,
  destDir: string,
  limits: ZipLimits = {},
): Promise<ExtractResult> {
  const lim = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const written: string[] = [];
  const createdDirs: string[] = [];
  let zip: yauzl.ZipFile | undefined;
  try {
    if (!(await stat(zipPath)).isFile()) throw new ZipFailure('io', 'is not a regular file');
    zip = await openZip(zipPath);
    if (zip.entryCount > lim.maxEntries)
      throw new ZipFailure(
        'too-many-entries',
        `the zip lists ${zip.entryCount} entries (limit ${lim.maxEntries})`,
      );
    const plan = planEntries(await readAllEntries(zip, lim.maxEntries), lim);
    const made = await mkdir(destDir, { recursive: true });
    if (made) createdDirs.push(made);
    const root = await realpath(destDir);
    let total = 0;
    for (const { entry, rel } of plan) {
      const target = resolve(root, rel);
      if (!target.startsWith(root + sep))
        throw new ZipFailure('unsafe-path', `entry "${rel}" resolves outside the destination`);
      const parentMade = await mkdir(dirname(target), { recursive: true });
      if (parentMade) createdDirs.push(parentMade);
      const parentReal = await realpath(dirname(target));
      if (parentReal !== root && !parentReal.startsWith(root + sep))
        throw new ZipFailure(
          'unsafe-path',
          `entry "${rel}" would be written through a link outside the destination`,
        );
      let fileBytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          fileBytes += chunk.length;
          total += chunk.length;
          if (fileBytes > lim.maxFileBytes) return done(tooLargeFile(rel, lim));
          if (total > lim.maxTotalBytes) return done(tooLargeTotal(lim));
          done(null, chunk);
        },
      });
      const source = await openStream(zip, entry);
      const out = createWriteStream(target, { flags: 'wx', mode: 0o644 });
      out.once('open', () => written.push(target)); // only files we created are removed on failure
      await pipeline(source, counter, out);
    }
    return { ok: true, files: plan.map((p) => p.rel) };
  } catch (err) {
    for (const f of written.reverse()) await rm(f, { force: true }).catch(() => undefined);
    for (const d of createdDirs.reverse())
      await rm(d, { recursive: true, force: true }).catch(() => undefined);
    return { ok: false, error: classify(err, zipPath) };
  } finally {
    zip?.close();
  }
}
