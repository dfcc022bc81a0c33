import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bulkGrade } from '../../grader/bulk/run.js';
import { mergeShards } from '../../grader/bulk/merge.js';
import { reportJson, withoutTiming } from '../../grader/report/build.js';
import type { Report } from '../../grader/report/schema.js';
import { grade, loaded } from '../helpers/grade.js';
import { MINI_SUBMISSIONS, makeMiniClass, makeMiniProject, runMiniBulk } from '../helpers/mini.js';
import { makeProject, REPO } from '../helpers/project.js';
import { makeZip, renameEntry } from './zips.js';
import { bulkOutputs } from '../helpers/outputs.js';

const SECRET = { value: 'bulk-secret', source: 'provided' as const };

const outputs = bulkOutputs;

describe('grade bulk', () => {
  it('grades a folder-per-student class exactly as grade run does, with every output file', async () => {
    const root = makeMiniProject();
    const out = join(root, 'out');
    const result = await runMiniBulk(root, makeMiniClass(root), out, SECRET);
    expect(result.layout).toBe('folder-per-student');
    expect(result.graded).toEqual(Object.keys(MINI_SUBMISSIONS).sort());
    for (const student of Object.keys(MINI_SUBMISSIONS)) {
      const alone = await grade('mini', join(root, 'class', student), student, SECRET.value, root);
      expect(readFileSync(join(out, student, 'report.json'), 'utf8')).toBe(
        reportJson(withoutTiming(alone)),
      );
      const gs = JSON.parse(readFileSync(join(out, student, 'results.json'), 'utf8'));
      expect(gs.score).toBe(alone.score);
      for (const t of gs.tests)
        expect(Object.keys(t)).toEqual(
          expect.arrayContaining(['score', 'max_score', 'status', 'name', 'output', 'visibility']),
        );
      expect(readFileSync(join(out, student, 'feedback.md'), 'utf8')).toContain(
        String(alone.score),
      );
      expect(readFileSync(join(out, student, 'report.html'), 'utf8')).toContain(
        `<h1>mini: ${student}</h1>`,
      );
      expect(readFileSync(join(out, student, 'feedback.html'), 'utf8')).toContain(
        'seedgrade · feedback',
      );
    }
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const student of Object.keys(MINI_SUBMISSIONS))
      expect(index).toContain(`<a href="${student}/report.html">${student}</a>`);
    const csv = readFileSync(join(out, 'gradebook.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('student,score,max_score,status,double');
    expect(csv).toContain('correct,4,4,graded,4');
    expect(csv).toContain('broken,0,4,compile-error,0');
    expect(csv.find((l) => l.startsWith('hardcoded,'))).toBe('hardcoded,1,4,graded,1');
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit.match(/<testsuite /g)).toHaveLength(5);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.submissions).toBe(5);
    expect(summary.mean).toBe((4 + 1 + 0 + 0 + 0) / 5);
  }, 120_000);

  it('reads zips, corrupt zips and zips with ../ paths: each bad one gets its own row', async () => {
    const root = makeMiniProject();
    const subs = join(root, 'zips');
    mkdirSync(subs);
    writeFileSync(
      join(subs, 'good.zip'),
      await makeZip([{ name: 'good/mini.ts', data: MINI_SUBMISSIONS.correct }]),
    );
    writeFileSync(join(subs, 'corrupt.zip'), Buffer.from('PK\x03\x04 this is not really a zip'));
    // yazl refuses "../" names, so write a same-length name and patch the bytes.
    writeFileSync(
      join(subs, 'escape.zip'),
      renameEntry(
        await makeZip([{ name: 'aa/mini.ts', data: MINI_SUBMISSIONS.correct }]),
        'aa/mini.ts',
        '../mini.ts',
      ),
    );
    const out = join(root, 'out');
    const result = await runMiniBulk(root, subs, out, SECRET);
    expect(result.layout).toBe('zip-per-student');
    const csv = readFileSync(join(out, 'gradebook.csv'), 'utf8');
    expect(csv).toContain('good,4,4,graded');
    expect(csv).toContain('corrupt,0,4,unreadable');
    expect(csv).toContain('escape,0,4,unreadable');
    expect(existsSync(join(root, 'mini.ts'))).toBe(false);
    const escape = JSON.parse(readFileSync(join(out, 'escape', 'report.json'), 'utf8')) as Report;
    expect(escape.problem?.message).toMatch(/\.\./);
  }, 120_000);

  it('a rerun skips unchanged submissions and regrades a changed one', async () => {
    const root = makeMiniProject();
    const cls = makeMiniClass(root);
    const out = join(root, 'out');
    await runMiniBulk(root, cls, out, SECRET);
    writeFileSync(join(cls, 'hardcoded', 'mini.ts'), MINI_SUBMISSIONS.correct);
    const again = await runMiniBulk(root, cls, out, SECRET);
    expect(again.graded).toEqual(['hardcoded']);
    expect(again.skippedUnchanged).toHaveLength(4);
    expect(readFileSync(join(out, 'gradebook.csv'), 'utf8')).toContain('hardcoded,4,4,graded,4');
  }, 120_000);

  it('shards 1/2 and 2/2, merged, equal one unsharded run', async () => {
    const root = makeMiniProject();
    const cls = makeMiniClass(root);
    await runMiniBulk(root, cls, join(root, 'whole'), SECRET);
    const a = await runMiniBulk(root, cls, join(root, 's1'), SECRET, {
      shard: { index: 1, count: 2 },
    });
    const b = await runMiniBulk(root, cls, join(root, 's2'), SECRET, {
      shard: { index: 2, count: 2 },
    });
    expect(a.graded.length + b.graded.length).toBe(5);
    expect(a.graded.filter((s) => b.graded.includes(s))).toEqual([]);
    const merged = await mergeShards([join(root, 's1'), join(root, 's2')], join(root, 'merged'));
    expect(merged.ok).toBe(true);
    expect(outputs(join(root, 'merged'))).toEqual(outputs(join(root, 'whole')));
  }, 120_000);

  it('killed with SIGKILL mid-run and rerun, the outputs equal an uninterrupted run', async () => {
    const root = makeMiniProject();
    const cls = makeMiniClass(root);
    const cli = (out: string) =>
      spawn(
        process.execPath,
        [
          join(REPO, 'bin', 'grade.js'),
          '--root',
          root,
          'bulk',
          cls,
          '--assignment',
          'mini',
          '--out',
          out,
          '--secret',
          SECRET.value,
          '--jobs',
          '1',
        ],
        { stdio: 'ignore' },
      );
    const finished = (p: ReturnType<typeof spawn>) =>
      new Promise<number | null>((res) => p.on('exit', (code) => res(code)));
    expect(await finished(cli(join(root, 'clean')))).toBe(0);
    const out = join(root, 'killed');
    const victim = cli(out);
    const stateDir = join(out, '.seedgrade', 'state');
    // Kill as soon as the first student is done (others are in flight or not started).
    await new Promise<void>((res) => {
      const poll = setInterval(() => {
        if (existsSync(stateDir) && readdirSync(stateDir).some((f) => f.endsWith('.json'))) {
          clearInterval(poll);
          victim.kill('SIGKILL');
          res();
        }
      }, 5);
    });
    await finished(victim);
    expect(existsSync(join(out, 'gradebook.csv'))).toBe(false);
    expect(await finished(cli(out))).toBe(0);
    expect(outputs(out)).toEqual(outputs(join(root, 'clean')));
  }, 180_000);
});

describe('grade bulk on the real feature-map class', () => {
  it('matches grade run for a looping and a crashing student', async () => {
    const root = makeProject({});
    const cls = join(root, 'class');
    for (const s of ['dave', 'erin']) {
      mkdirSync(join(cls, s), { recursive: true });
      writeFileSync(
        join(cls, s, 'feature_map.ts'),
        readFileSync(join(REPO, 'examples/feature-map-class', s, 'feature_map.ts')),
      );
    }
    const { assignment } = await loaded('feature-map');
    const out = join(root, 'out');
    await bulkGrade({
      submissionsDir: cls,
      outDir: out,
      assignment,
      secret: SECRET,
      jobs: 2,
      graderVersion: 'test',
      progress: false,
    });
    for (const s of ['dave', 'erin']) {
      const alone = await grade('feature-map', join(cls, s), s, SECRET.value);
      expect(readFileSync(join(out, s, 'report.json'), 'utf8')).toBe(
        reportJson(withoutTiming(alone)),
      );
    }
  }, 120_000);
});
