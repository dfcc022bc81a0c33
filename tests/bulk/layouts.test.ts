import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canvasOriginalName, detectLayout, stageSubmission } from '../../grader/bulk/layouts.js';
import { makeZip } from './zips.js';

let work: string;
let subs: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'seedgrade-layouts-'));
  subs = join(work, 'submissions');
  await mkdir(subs);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Write a tree of files: path → contents (a Buffer for zips). */
async function tree(root: string, files: Record<string, string | Buffer>) {
  for (const [rel, data] of Object.entries(files)) {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), data);
  }
}

async function listTree(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('folder per student', () => {
  it('lists valid ids, skips the rest, and copies a folder', async () => {
    await tree(subs, {
      'alice/main.ts': 'a',
      'alice/lib/x.ts': 'x',
      'bob/main.ts': 'b',
      'Bad Name/main.ts': '?',
      'notes.txt': 'n',
    });
    await symlink('/etc', join(subs, 'linked'));
    const found = await detectLayout(subs);
    expect(found.layout).toBe('folder-per-student');
    expect(found.submissions.map((s) => s.student)).toEqual(['alice', 'bob']);
    expect(found.skipped.map((s) => s.path.slice(subs.length + 1)).sort()).toEqual([
      'Bad Name',
      'linked',
      'notes.txt',
    ]);
    const dest = join(work, 'stage', 'alice');
    expect(await stageSubmission(found.submissions[0]!, dest)).toEqual({ ok: true });
    expect(await listTree(dest)).toEqual(['lib/x.ts', 'main.ts']);
  });

  it('refuses a folder that contains a symbolic link and leaves nothing staged', async () => {
    await tree(subs, { 'eve/main.ts': 'e' });
    await symlink('/etc/passwd', join(subs, 'eve', 'answers.txt'));
    const found = await detectLayout(subs);
    const dest = join(work, 'stage', 'eve');
    const r = await stageSubmission(found.submissions[0]!, dest);
    expect(!r.ok && r.error.code).toBe('link');
    expect(!r.ok && r.error.message).toContain('answers.txt');
    expect(await listTree(dest)).toEqual([]);
  });

  it('refuses to stage into a folder that is not empty', async () => {
    await tree(subs, { 'alice/main.ts': 'a' });
    await tree(work, { 'stage/alice/keep.txt': 'keep' });
    const found = await detectLayout(subs);
    const r = await stageSubmission(found.submissions[0]!, join(work, 'stage', 'alice'));
    expect(!r.ok && r.error.code).toBe('io');
    expect(await readFile(join(work, 'stage', 'alice', 'keep.txt'), 'utf8')).toBe('keep');
  });
});

describe('zip per student', () => {
  it('extracts each zip and reports a broken one', async () => {
    await tree(subs, {
      'alice.zip': await makeZip([{ name: 'alice/main.ts', data: 'a' }]),
      'bob.ZIP': Buffer.from('not a zip at all'),
    });
    const found = await detectLayout(subs);
    expect(found.layout).toBe('zip-per-student');
    expect(found.submissions.map((s) => [s.student, s.source.kind])).toEqual([
      ['alice', 'zip'],
      ['bob', 'zip'],
    ]);
    const ok = await stageSubmission(found.submissions[0]!, join(work, 'stage', 'alice'));
    expect(ok).toEqual({ ok: true });
    expect(await listTree(join(work, 'stage', 'alice'))).toEqual(['main.ts']);
    const bad = await stageSubmission(found.submissions[1]!, join(work, 'stage', 'bob'));
    expect(!bad.ok && bad.error.code).toBe('corrupt');
  });

  it('keeps the first of two submissions for one student and calls the layout mixed', async () => {
    await tree(subs, {
      'alice/main.ts': 'a',
      'alice.zip': await makeZip([{ name: 'main.ts', data: 'z' }]),
      'carol.zip': await makeZip([{ name: 'm.ts', data: 'c' }]),
    });
    const found = await detectLayout(subs);
    expect(found.layout).toBe('mixed');
    expect(found.submissions.map((s) => [s.student, s.source.kind])).toEqual([
      ['alice', 'dir'],
      ['carol', 'zip'],
    ]);
    expect(found.skipped).toHaveLength(1);
    expect(found.skipped[0]!.reason).toContain('alice');
  });
});

it('reports an unreadable submissions folder instead of throwing', async () => {
  const found = await detectLayout(join(work, 'absent'));
  expect(found.submissions).toEqual([]);
  expect(found.skipped[0]!.reason).toMatch(/cannot read the submissions folder/);
});

describe('Canvas bulk download', () => {
  // Names follow canvas-lms lib/content_zipper.rb: "<lastfirst>[_LATE]_<user id>_<attachment id>_<display name>".
  it('groups files by user id, restores original names, keeps the newest re-upload', async () => {
    await tree(subs, {
      'smithjohn_123_456_main.py': 'old main',
      'smithjohn_123_900_main-1.py': 'new main',
      'smithjohn_123_457_conv_layer-2.py': 'conv',
      'doejane_LATE_42_500_my_model_v2.tar.gz': 'tgz',
      'doejane_LATE_42_501_code.zip': await makeZip([
        { name: 'code/a.py', data: 'A' },
        { name: 'code/b.py', data: 'B' },
      ]),
      'anon_Xy12z_77_train.py': 'anon',
      'smithjohn_123_text.html': '<p>hi</p>',
    });
    const found = await detectLayout(subs);
    expect(found.layout).toBe('canvas');
    expect(found.submissions.map((s) => s.student)).toEqual(['123', '42', 'anon_Xy12z']);
    const byId = Object.fromEntries(found.submissions.map((s) => [s.student, s.source]));
    const names = (id: string) =>
      byId[id]!.kind === 'files' ? byId[id]!.files.map((f) => f.name) : [];
    expect(names('123')).toEqual(['conv_layer.py', 'main.py']);
    expect(names('42')).toEqual(['code.zip', 'my_model_v2.tar.gz']);
    expect(found.skipped.map((s) => s.reason)).toEqual([
      'Canvas text or URL entry, not an uploaded file',
    ]);

    const dest123 = join(work, 'stage', '123');
    expect(await stageSubmission(found.submissions[0]!, dest123)).toEqual({ ok: true });
    expect(await readFile(join(dest123, 'main.py'), 'utf8')).toBe('new main');
    const dest42 = join(work, 'stage', '42');
    expect(await stageSubmission(found.submissions[1]!, dest42)).toEqual({ ok: true });
    expect(await listTree(dest42)).toEqual(['a.py', 'b.py', 'my_model_v2.tar.gz']);
  });

  it('undoes only the "-N" that Canvas adds before the extension', () => {
    expect(canvasOriginalName('main-1.py')).toBe('main.py');
    expect(canvasOriginalName('weights-12.tar.gz')).toBe('weights.tar.gz');
    expect(canvasOriginalName('notes-3')).toBe('notes');
    expect(canvasOriginalName('conv-2d.py')).toBe('conv-2d.py');
    expect(canvasOriginalName('-1.py')).toBe('-1.py');
  });
});

describe('Moodle download all submissions', () => {
  // Folder names follow mod/assign/locallib.php: "<Full Name>_<participant id>_assignsubmission_file_".
  it('reads the file and online-text folders of each participant', async () => {
    await tree(subs, {
      'Jane Doe_1234_assignsubmission_file_/main.py': 'jane',
      'Jane Doe_1234_assignsubmission_file_/utils/helpers.py': 'helpers',
      'Jane Doe_1234_assignsubmission_onlinetext_/onlinetext.html': '<p>notes</p>',
      'Bob Lee_99_assignsubmission_file_/bob.zip': await makeZip([{ name: 'net.py', data: 'net' }]),
    });
    const found = await detectLayout(subs);
    expect(found.layout).toBe('moodle');
    expect(found.submissions.map((s) => s.student)).toEqual(['1234', '99']);
    const jane = found.submissions[0]!.source;
    expect(jane.kind === 'files' && jane.files.map((f) => f.name)).toEqual([
      'main.py',
      'onlinetext.html',
      'utils/helpers.py',
    ]);
    const dest = join(work, 'stage', '99');
    expect(await stageSubmission(found.submissions[1]!, dest)).toEqual({ ok: true });
    expect(await listTree(dest)).toEqual(['net.py']);
  });

  it('refuses a file name that would leave the staging folder', async () => {
    await tree(subs, { 'x.py': 'x' });
    const r = await stageSubmission(
      {
        student: 's1',
        source: { kind: 'files', files: [{ path: join(subs, 'x.py'), name: '../x.py' }] },
      },
      join(work, 'stage', 's1'),
    );
    expect(!r.ok && r.error.code).toBe('unsafe-path');
    expect(existsSync(join(work, 'stage', 'x.py'))).toBe(false);
  });
});
