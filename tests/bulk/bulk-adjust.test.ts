import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeShards } from '../../grader/bulk/merge.js';
import { reportJson, withoutTiming } from '../../grader/report/build.js';
import type { Report } from '../../grader/report/schema.js';
import { grade } from '../helpers/grade.js';
import { MINI_SUBMISSIONS, makeMiniClass, makeMiniProject, runMiniBulk } from '../helpers/mini.js';
import { bulkOutputs } from '../helpers/outputs.js';

const SECRET = { value: 'adjust-secret', source: 'provided' as const };
const OVERRIDES =
  'student,test,exercise,points,delta,comment\nhardcoded,double/secret/2,,1,,"regrade: accepted"\nthrowing,,,,2,participation\n';

/** The adjust tests grade <root>/class. */
const runBulk = (root: string, out: string, extra: Parameters<typeof runMiniBulk>[4] = {}) =>
  runMiniBulk(root, join(root, 'class'), out, SECRET, extra);

const overrides = (text = OVERRIDES) => ({
  adjust: { overridesCsv: { text, where: 'overrides.csv' } },
});
const report = (out: string, s: string) =>
  JSON.parse(readFileSync(join(out, s, 'report.json'), 'utf8')) as Report;

const outputs = bulkOutputs;

describe('TA overrides in grade bulk', () => {
  it('apply after grading, show with their comment, and survive a rerun, a changed submission and a resume', async () => {
    const root = makeMiniProject();
    makeMiniClass(root);
    const out = join(root, 'out');
    await runBulk(root, out, overrides());
    // hardcoded: 1 visible point; the override gives hidden case 2 its full share (1 point): 2 of 4.
    const h = report(out, 'hardcoded');
    expect(h.score).toBe(2);
    expect(h.raw_score).toBe(2);
    expect(h.tests.find((t) => t.name === 'double/secret/2')).toMatchObject({
      score: 1,
      override: { graded: 0, comment: 'regrade: accepted', line: 2 },
    });
    expect(readFileSync(join(out, 'hardcoded', 'feedback.md'), 'utf8')).toContain(
      'double/secret/2: 0 → 1 points by a TA: regrade: accepted',
    );
    expect(readFileSync(join(out, 'hardcoded', 'results.json'), 'utf8')).toContain(
      'Score set by course staff (grader gave 0): regrade: accepted',
    );
    // throwing: 0 + 2 on the total.
    expect(report(out, 'throwing')).toMatchObject({
      score: 2,
      raw_score: 0,
      overrides: [{ line: 3, target: 'total', before: 0, after: 2, comment: 'participation' }],
    });
    const book = readFileSync(join(out, 'gradebook.csv'), 'utf8');
    expect(book).toContain(
      'hardcoded,2,,0,double/secret/2: 0 → 1 points by a TA: regrade: accepted,2,4,graded,2\n',
    );
    expect(book).toContain(
      'throwing,0,,0,total: 0 → 2 points by a TA: participation,2,4,graded,0\n',
    );
    // Students without adjustments keep the report grade run gives, byte for byte.
    const alone = await grade(
      'mini',
      join(root, 'class', 'correct'),
      'correct',
      SECRET.value,
      root,
    );
    expect(readFileSync(join(out, 'correct', 'report.json'), 'utf8')).toBe(
      reportJson(withoutTiming(alone)),
    );

    // A rerun without --overrides keeps them; so does a regrade after the student's file changed.
    writeFileSync(
      join(root, 'class', 'hardcoded', 'mini.ts'),
      MINI_SUBMISSIONS.hardcoded + '// resubmitted\n',
    );
    const again = await runBulk(root, out);
    expect(again.graded).toEqual(['hardcoded']);
    expect(report(out, 'hardcoded').score).toBe(2);
    // A resume after a kill (a student without its state file) regrades that student, overrides included.
    rmSync(join(out, '.seedgrade', 'state', 'throwing.json'));
    const resumed = await runBulk(root, out);
    expect(resumed.graded).toEqual(['throwing']);
    expect(report(out, 'throwing').score).toBe(2);

    // Changed overrides are applied without regrading anyone; an overrides file with only its header clears them.
    const changed = await runBulk(
      root,
      out,
      overrides('student,exercise,points,comment\ncorrect,double,3,copied line 4\n'),
    );
    expect(changed.graded).toEqual([]);
    expect(report(out, 'correct')).toMatchObject({ score: 3, raw_score: 3 });
    expect(report(out, 'hardcoded').score).toBe(1);
    expect(readFileSync(join(out, 'gradebook.csv'), 'utf8')).toContain(
      'correct,3,,0,exercise double: 4 → 3 points by a TA: copied line 4,3,4,graded,3\n',
    );
    await runBulk(root, out, overrides('student,test,points,comment\n'));
    expect(readFileSync(join(out, 'correct', 'report.json'), 'utf8')).toBe(
      reportJson(withoutTiming(alone)),
    );
    expect(readFileSync(join(out, 'gradebook.csv'), 'utf8').split('\n')[0]).toBe(
      'student,score,max_score,status,double',
    );
  }, 180_000);

  it('shards with overrides, merged, equal one unsharded run', async () => {
    const root = makeMiniProject();
    makeMiniClass(root);
    await runBulk(root, join(root, 'whole'), overrides());
    await runBulk(root, join(root, 's1'), { ...overrides(), shard: { index: 1, count: 2 } });
    await runBulk(root, join(root, 's2'), { ...overrides(), shard: { index: 2, count: 2 } });
    expect((await mergeShards([join(root, 's1'), join(root, 's2')], join(root, 'merged'))).ok).toBe(
      true,
    );
    expect(outputs(join(root, 'merged'))).toEqual(outputs(join(root, 'whole')));
    expect(report(join(root, 'merged'), 'throwing').score).toBe(2);
    // Shards run with different overrides cannot be merged silently.
    await runBulk(root, join(root, 's2'), {
      ...overrides('student,test,points,comment\n'),
      shard: { index: 2, count: 2 },
    });
    expect(
      await mergeShards([join(root, 's1'), join(root, 's2')], join(root, 'merged2')),
    ).toMatchObject({ ok: false, message: expect.stringContaining('other overrides') });
  }, 180_000);

  it('an override naming an unknown student or test stops the run with the CSV line', async () => {
    const root = makeMiniProject();
    makeMiniClass(root);
    const out = join(root, 'out');
    const r = await runBulk(
      root,
      out,
      overrides(
        'student,test,points,comment\ncorrect,double/secret/1,1,ok\nnobody,double/secret/1,1,who\n',
      ),
    );
    expect(r.problem).toBe(
      'overrides.csv:3: student "nobody" has no submission in this class (check the id)',
    );
    expect(r.graded).toEqual([]);
    const t = await runBulk(
      root,
      out,
      overrides('student,test,points,comment\ncorrect,double/secret/7,1,?\n'),
    );
    expect(t.problem).toMatch(/^overrides\.csv:2: no test "double\/secret\/7"/);
  }, 60_000);
});

describe('exact numbers', () => {
  it('4 points over 7 cases add up to 4 in every column and the total', async () => {
    const spec = readFileSync(
      join(makeMiniProject(), 'assignments', 'mini', 'assignment.yaml'),
      'utf8',
    ).replace(/count: 3/, 'count: 6');
    const root = makeMiniProject();
    writeFileSync(join(root, 'assignments', 'mini', 'assignment.yaml'), spec);
    makeMiniClass(root);
    const out = join(root, 'out');
    await runBulk(root, out);
    const lines = readFileSync(join(out, 'gradebook.csv'), 'utf8').split('\n');
    expect(lines.at(-1)).toBe(''); // ends with a newline
    expect(lines).toContain('correct,4,4,graded,4');
    // 1 of 7 cases: 4/7 = 0.571428571… shown to six decimals.
    expect(lines).toContain('hardcoded,0.571429,4,graded,0.571429');
    const results = JSON.parse(readFileSync(join(out, 'correct', 'results.json'), 'utf8'));
    expect(results.tests).toHaveLength(7);
    expect(
      Math.round(results.tests.reduce((s: number, t: { score: number }) => s + t.score * 1e6, 0)),
    ).toBe(4e6);
  }, 120_000);
});
