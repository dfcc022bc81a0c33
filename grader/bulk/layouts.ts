import { constants, type Dirent } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  DEFAULT_ZIP_LIMITS,
  extractZip,
  isJunkPath,
  safeRelativePath,
  type ZipError,
  type ZipLimits,
} from './unzip.js';

export type LayoutKind = 'folder-per-student' | 'zip-per-student' | 'canvas' | 'moodle' | 'mixed';
export type SubmissionSource =
  | { kind: 'dir'; path: string }
  | { kind: 'zip'; path: string }
  | { kind: 'files'; files: { path: string; name: string }[] };
export interface Submission {
  student: string;
  source: SubmissionSource;
}
export interface DetectedLayout {
  layout: LayoutKind;
  submissions: Submission[];
  skipped: { path: string; reason: string }[];
}
export type StageResult = { ok: true } | { ok: false; error: ZipError };

/** Student ids become folder names, so only a plain file-name alphabet is allowed. */
export function studentIdProblem(id: string): string | null {
  if (!/^[A-Za-z0-9._-]+$/.test(id))
    return `student id "${id}" has characters outside A-Z a-z 0-9 . _ -; rename it`;
  if (id.startsWith('.')) return `student id "${id}" starts with "."; rename it`;
  if (id.length > 128) return `student id "${id.slice(0, 20)}…" is longer than 128 characters`;
  return null;
}

// Canvas "Download Submissions": instructure/canvas-lms lib/content_zipper.rb builds each name as
// [sortable name lowercased with non-word characters removed, "LATE" when late, user id].join("_")
// (get_filename), then "_<attachment id>_<display name>" (add_upload_submission). Anonymous grading
// puts "anon_<anonymous id>" in place of name and user id; text and URL entries end in "_text.html"/"_link.html".
const CANVAS_ANON = /^(?:LATE_)?(anon_[A-Za-z0-9]+)_(\d+)_(.+)$/;
const CANVAS_FILE = /^(?:(.*?)_)?(?:LATE_)?(\d+)_(\d+)_(.+)$/;
const CANVAS_ENTRY = /^(?:(.*?)_)?(?:LATE_)?(\d+|anon_[A-Za-z0-9]+)_(?:text|link)\.html$/;
// Moodle "Download all submissions": mod/assign/locallib.php download_submissions() names each folder
// "<full name, '_'→' '>_<participant id>_<subtype>_<type>_" = "Jane Doe_123_assignsubmission_file_"
// (also "..._onlinetext_"); with "download as folders" off the same prefix is glued to each file name.
const MOODLE_DIR = /^(.*)_(\d+)_assignsubmission_(file|onlinetext)_$/;
const MOODLE_FILE = /^(.*)_(\d+)_assignsubmission_(file|onlinetext)_(.+)$/;

/**
 * Canvas renames a re-uploaded file "name-1.ext" (Attachment.make_unique_filename: basename + "-N" +
 * extname, extname being the compound extension matched below; after 8 tries "-<uuid>"). Undo that.
 */
export function canvasOriginalName(name: string): string {
  const ext = /(\.[A-Za-z][A-Za-z0-9]*)*(\.[A-Za-z0-9]*)$/.exec(name)?.[0] ?? '';
  const base = name.slice(0, name.length - ext.length);
  const stripped = base.replace(
    /-(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
    '',
  );
  return stripped === '' ? name : stripped + ext;
}

/** Code-unit order, not locale order: the same folder lists the same way on every machine. */
const byName = (a: { name: string }, b: { name: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

interface Found {
  kind: Exclude<LayoutKind, 'mixed'>;
  source: SubmissionSource;
  from: string;
  fileIds: Map<string, number>;
}

/** Files under root (not following links); links and special files are listed so staging can refuse them. */
async function walk(
  root: string,
  rel = '',
): Promise<{ path: string; rel: string; entry: Dirent }[]> {
  const out: { path: string; rel: string; entry: Dirent }[] = [];
  const entries = (await readdir(join(root, rel), { withFileTypes: true })).sort(byName);
  for (const entry of entries) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (isJunkPath(r)) continue;
    if (entry.isDirectory()) out.push(...(await walk(root, r)));
    else out.push({ path: join(root, r), rel: r, entry });
  }
  return out;
}

/** Recognise how a folder of downloaded submissions is laid out and list one submission per student. */
export async function detectLayout(dir: string): Promise<DetectedLayout> {
  const found = new Map<string, Found>();
  const skipped: { path: string; reason: string }[] = [];
  const add = (
    student: string,
    kind: Found['kind'],
    path: string,
    file?: { name: string; id: number },
  ) => {
    const problem = studentIdProblem(student);
    if (problem) return void skipped.push({ path, reason: problem });
    const prev = found.get(student);
    if (file && prev?.kind === kind && prev.source.kind === 'files') {
      const files = prev.source.files;
      const at = files.findIndex((f) => f.name === file.name);
      if (at < 0) files.push({ path, name: file.name });
      // the newer upload wins
      else if (file.id > (prev.fileIds.get(file.name) ?? -1)) files[at] = { path, name: file.name };
      prev.fileIds.set(file.name, Math.max(file.id, prev.fileIds.get(file.name) ?? -1));
      return;
    }
    if (prev)
      return void skipped.push({
        path,
        reason: `student "${student}" already has a submission (${prev.from}); keep only one`,
      });
    const source: SubmissionSource = file
      ? { kind: 'files', files: [{ path, name: file.name }] }
      : kind === 'zip-per-student'
        ? { kind: 'zip', path }
        : { kind: 'dir', path };
    found.set(student, {
      kind,
      source,
      from: basename(path),
      fileIds: new Map(file ? [[file.name, file.id]] : []),
    });
  };
  const listed = await readdir(dir, { withFileTypes: true }).catch((err: Error) => err);
  if (listed instanceof Error)
    return {
      layout: 'folder-per-student',
      submissions: [],
      skipped: [{ path: dir, reason: `cannot read the submissions folder: ${listed.message}` }],
    };
  for (const e of listed.sort(byName)) {
    const path = join(dir, e.name);
    if (isJunkPath(e.name)) continue;
    if (e.name.startsWith('.')) skipped.push({ path, reason: 'hidden file or folder' });
    else if (e.isSymbolicLink())
      skipped.push({ path, reason: 'symbolic link (links are never followed)' });
    else if (e.isDirectory()) {
      const m = MOODLE_DIR.exec(e.name);
      if (!m) add(e.name, 'folder-per-student', path);
      else {
        const files = await walk(path).catch((err: Error) => err);
        if (files instanceof Error)
          skipped.push({ path, reason: `cannot read the folder: ${files.message}` });
        else for (const f of files) add(m[2]!, 'moodle', f.path, { name: f.rel, id: 0 });
      }
    } else if (!e.isFile()) skipped.push({ path, reason: 'not a regular file or folder' });
    else {
      const anon = CANVAS_ANON.exec(e.name);
      const canvas = anon ? null : CANVAS_FILE.exec(e.name);
      const moodle = MOODLE_FILE.exec(e.name);
      if (anon)
        add(anon[1]!, 'canvas', path, { name: canvasOriginalName(anon[3]!), id: Number(anon[2]) });
      else if (canvas)
        add(canvas[2]!, 'canvas', path, {
          name: canvasOriginalName(canvas[4]!),
          id: Number(canvas[3]),
        });
      else if (CANVAS_ENTRY.test(e.name))
        skipped.push({ path, reason: 'Canvas text or URL entry, not an uploaded file' });
      else if (moodle) add(moodle[2]!, 'moodle', path, { name: moodle[4]!, id: 0 });
      else if (/\.zip$/i.test(e.name)) add(e.name.slice(0, -4), 'zip-per-student', path);
      else
        skipped.push({
          path,
          reason: 'not a student folder, a <student>.zip, or a Canvas/Moodle download file name',
        });
    }
  }
  const submissions = [...found.entries()]
    .sort(([a], [b]) => byName({ name: a }, { name: b }))
    .map(([student, f]) => {
      if (f.source.kind === 'files') f.source.files.sort(byName);
      return { student, source: f.source };
    });
  const kinds = new Set([...found.values()].map((f) => f.kind));
  const layout: LayoutKind = kinds.size > 1 ? 'mixed' : ([...kinds][0] ?? 'folder-per-student');
  return { layout, submissions, skipped };
}

class StageFailure extends Error {
  constructor(readonly error: ZipError) {
    super(error.message);
  }
}

async function copyChecked(
  from: string,
  to: string,
  label: string,
  budget: { files: number; bytes: number },
  lim: Required<ZipLimits>,
) {
  const info = await lstat(from);
  if (info.isSymbolicLink())
    throw new StageFailure({
      code: 'link',
      message: `${label} is a symbolic link; submit the file itself`,
    });
  if (!info.isFile())
    throw new StageFailure({ code: 'io', message: `${label} is not a regular file` });
  if (info.size > lim.maxFileBytes)
    throw new StageFailure({
      code: 'too-large',
      message: `${label} is ${info.size} bytes (limit ${lim.maxFileBytes})`,
    });
  budget.bytes += info.size;
  if (++budget.files > lim.maxEntries)
    throw new StageFailure({
      code: 'too-many-entries',
      message: `more than ${lim.maxEntries} files`,
    });
  if (budget.bytes > lim.maxTotalBytes)
    throw new StageFailure({
      code: 'too-large',
      message: `more than ${lim.maxTotalBytes} bytes in total`,
    });
  await mkdir(dirname(to), { recursive: true });
  await copyFile(from, to, constants.COPYFILE_EXCL);
}

/** Put one student's files into destDir (which must be empty or absent). On failure destDir is left empty. */
export async function stageSubmission(
  sub: Submission,
  destDir: string,
  limits: ZipLimits = {},
): Promise<StageResult> {
  const lim = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const existing = await readdir(destDir).catch(() => null);
  if (existing && existing.length > 0)
    return {
      ok: false,
      error: { code: 'io', message: `${destDir} is not empty; stage into an empty folder` },
    };
  const created = !existing;
  try {
    await mkdir(destDir, { recursive: true });
    const budget = { files: 0, bytes: 0 };
    const src = sub.source;
    if (src.kind === 'zip') {
      const r = await extractZip(src.path, destDir, lim);
      if (!r.ok) throw new StageFailure(r.error);
    } else if (src.kind === 'dir') {
      const files = await walk(src.path);
      for (const f of files) {
        if (f.entry.isSymbolicLink())
          throw new StageFailure({
            code: 'link',
            message: `${sub.student}: ${join(src.path, f.rel)} is a symbolic link; submissions may contain regular files only`,
          });
      }
      for (const f of files)
        await copyChecked(f.path, join(destDir, f.rel), `${sub.student}: ${f.path}`, budget, lim);
    } else {
      for (const f of src.files) {
        const safe = safeRelativePath(f.name);
        if (!safe.ok || safe.rel === '')
          throw new StageFailure({
            code: 'unsafe-path',
            message: `${sub.student}: file name "${f.name}" ${safe.ok ? 'is empty' : safe.reason}`,
          });
        if (!/\.zip$/i.test(f.name)) {
          await copyChecked(
            f.path,
            join(destDir, safe.rel),
            `${sub.student}: ${f.path}`,
            budget,
            lim,
          );
          continue;
        }
        const link = await lstat(f.path);
        if (link.isSymbolicLink())
          throw new StageFailure({
            code: 'link',
            message: `${sub.student}: ${f.path} is a symbolic link; submit the file itself`,
          });
        const r = await extractZip(f.path, destDir, {
          ...lim,
          maxEntries: lim.maxEntries - budget.files,
          maxTotalBytes: lim.maxTotalBytes - budget.bytes,
        });
        if (!r.ok) throw new StageFailure(r.error);
        budget.files += r.files.length;
        for (const rel of r.files) budget.bytes += (await stat(join(destDir, rel))).size;
      }
    }
    return { ok: true };
  } catch (err) {
    if (created) await rm(destDir, { recursive: true, force: true });
    else
      for (const name of await readdir(destDir).catch(() => []))
        await rm(join(destDir, name), { recursive: true, force: true });
    if (err instanceof StageFailure) return { ok: false, error: err.error };
    const e = err as NodeJS.ErrnoException & { dest?: string };
    const message =
      e.code === 'EEXIST'
        ? `${sub.student}: two files would be written as ${e.dest ?? e.path ?? 'the same name'}`
        : `${sub.student}: ${e.message}`;
    return { ok: false, error: { code: 'io', message } };
  }
}
