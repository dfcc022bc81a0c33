import { describe, expect, it } from 'vitest';
import { variantValues } from '../../grader/answers/questions.js';
import { gradeSubmission } from '../../grader/pipeline.js';
import type { Report } from '../../grader/report/schema.js';
import { byName, loaded } from '../helpers/grade.js';
import { makeSubmission } from '../helpers/project.js';

// The answers kind on count-weights: its `counting` exercise is hidden (the default) and its
// answers follow the lecture's counting slide for each student's sizes.
const ID = 'count-weights';

interface Sizes {
  side: number;
  filters: number;
  kernel: number;
  depth: number;
}

/** The lecture's counting rules, written out here: RGB side² · 3 inputs, K · k weights per channel, + K biases. */
function lectureCounts(v: Sizes) {
  const taps = v.kernel * v.kernel;
  return {
    features: v.side * v.side * 3,
    gray_weights: v.filters * taps,
    rgb_weights: 3 * v.filters * taps,
    deep_params: v.depth * v.filters * taps + v.filters,
  };
}

async function sizesOf(student: string): Promise<Sizes> {
  return variantValues((await loaded(ID)).assignment.spec, student) as unknown as Sizes;
}

async function gradeAnswers(answersYaml: string, student?: string): Promise<Report> {
  const { assignment, reference } = await loaded(ID);
  // Only answers.yaml: the function exercises fail (no count_weights.ts), which does not matter here.
  const submissionDir = makeSubmission('answers.yaml', answersYaml);
  return gradeSubmission({
    assignment,
    reference,
    submissionDir,
    ...(student ? { student } : {}),
    secret: { value: 'answers-kind', source: 'provided' },
  });
}

/** A whole number appearing on its own (not as part of a longer number such as 5520.03 or 15520). */
const standalone = (n: number): RegExp => new RegExp(`(?<![\\d.])${n}(?![\\d.])`);

describe('the answers kind (count-weights)', () => {
  const owner = 'carol';

  async function carolsFile(): Promise<{ text: string; counts: ReturnType<typeof lectureCounts> }> {
    const v = await sizesOf(owner);
    const counts = lectureCounts(v);
    const text = [
      `student: ${owner}`,
      'answers:',
      `  features: ${counts.features * (1 + 5e-7)}`, // off by 0.5 ppm: within the default rtol of 1e-6
      `  gray_weights: "${v.filters} * ${v.kernel} * ${v.kernel}"`, // exact arithmetic is a number too
      `  rgb_weights: ${counts.rgb_weights + 1}`, // wrong
      `  deep_params: ${counts.deep_params * (1 + 5e-6)}`, // off by 5 ppm: outside the tolerance
      '',
    ].join('\n');
    return { text, counts };
  }

  // One grading of carol's file, without --student, shared by the first two tests.
  let graded: Promise<Report> | undefined;
  const carolsReport = (): Promise<Report> =>
    (graded ??= carolsFile().then(({ text }) => gradeAnswers(text)));

  it("uses answers.yaml's student when none is given, and judges numbers with tolerance", async () => {
    const report = await carolsReport();
    expect(report.student).toBe(owner);
    const t = byName(report);
    expect(t.get('counting/features')!.status).toBe('passed');
    expect(t.get('counting/gray_weights')!.status).toBe('passed');
    expect(t.get('counting/rgb_weights')!.status).toBe('failed');
    expect(t.get('counting/deep_params')!.status).toBe('failed');
    expect(t.get('counting/rgb_weights')!.output).toMatch(
      /^rgb_weights \(answers\.yaml line 5\): /,
    );
  });

  it('never prints the reference value of a hidden question', async () => {
    const { counts } = await carolsFile();
    const report = await carolsReport();
    const counting = report.tests.filter((x) => x.exercise === 'counting');
    expect(counting.map((x) => x.visibility)).toEqual(['hidden', 'hidden', 'hidden', 'hidden']);
    for (const x of counting) {
      const shown = `${x.output}\n${x.ta_output ?? ''}`;
      for (const value of [counts.rgb_weights, counts.deep_params])
        expect(shown).not.toMatch(standalone(value));
    }
    // What is shown is the student's own wrong value, so they know which line was judged.
    expect(byName(report).get('counting/rgb_weights')!.output).toMatch(
      standalone(counts.rgb_weights + 1),
    );
  });

  it('judges against the --student variant when one is given, over the file’s student', async () => {
    const { text, counts } = await carolsFile();
    // Someone whose sizes differ from carol's in every parameter, so each of her answers is wrong for them.
    const mine = await sizesOf(owner);
    let other = '';
    for (let i = 0; i < 200 && !other; i++) {
      const v = await sizesOf(`other-${i}`);
      if (
        v.side !== mine.side &&
        v.filters !== mine.filters &&
        v.kernel !== mine.kernel &&
        v.depth !== mine.depth
      )
        other = `other-${i}`;
    }
    const report = await gradeAnswers(text, other);
    expect(report.student).toBe(other);
    const theirs = lectureCounts(await sizesOf(other));
    expect(theirs.features).not.toBe(counts.features);
    const t = byName(report);
    for (const id of ['features', 'gray_weights', 'rgb_weights', 'deep_params'])
      expect(t.get(`counting/${id}`)!.status).toBe('failed');
  });
});
