import { copyFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnswersText } from '../../grader/answers/answers-file.js';
import { answersTemplateFor, referenceAnswersFile } from '../../grader/answers/init.js';
import { concreteQuestions, variantValues } from '../../grader/answers/questions.js';
import type { Report } from '../../grader/report/schema.js';
import { answersFiles } from '../../grader/exercise/registry.js';
import type { AnswersExercise, Assignment } from '../../grader/spec/schema.js';
import { byName, grade, loaded } from '../helpers/grade.js';
import { makeProject, REPO } from '../helpers/project.js';

/** The exercises answered in answers.yaml. */
const answersOf = (spec: Assignment): AnswersExercise[] =>
  answersFiles(spec).find((f) => f.file === 'answers.yaml')?.exercises ?? [];

const ID = 'conv-gradients';
const REFERENCE_CODE = join(REPO, 'solutions', ID, 'conv_gradients.ts');

async function spec() {
  return (await loaded(ID)).assignment.spec;
}

/** The first student id of the form student-<i> whose variant has these sizes. */
async function studentWith(n: number, k: number): Promise<string> {
  const s = await spec();
  for (let i = 0; i < 500; i++) {
    const v = variantValues(s, `student-${i}`);
    if (v.n === n && v.k === k) return `student-${i}`;
  }
  throw new Error(`no student with n=${n}, k=${k}`);
}

async function questionIds(student: string): Promise<string[]> {
  const s = await spec();
  const v = variantValues(s, student);
  return s.exercises
    .filter((e): e is AnswersExercise => e.kind === 'answers')
    .flatMap((e) => concreteQuestions(e, v).map((q) => q.id));
}

/** A submission: the reference code (so function exercises pass) and the given answers.yaml text. */
function submission(answersYaml: string): string {
  const dir = makeProject({ 'answers.yaml': answersYaml });
  copyFileSync(REFERENCE_CODE, join(dir, 'conv_gradients.ts'));
  return dir;
}

const answerTests = (r: Report) =>
  r.tests.filter((t) => /^(output|filterGradients|inputGradients)\//.test(t.name));
const functionTests = (r: Report) =>
  r.tests.filter((t) => /^(filterGradient|inputGradient)\//.test(t.name));

// The lecture's sizes (X 3 × 3, F 2 × 2, O 2 × 2); O_ij are the lecture's own formulas, and the
// gradients are read off them by hand: ∂O_ij/∂F_ab is the X entry that F_ab multiplies in O_ij,
// ∂O_ij/∂X_rc the F entry that X_rc meets in O_ij.
const LECTURE_IDS = [
  'O11',
  'O12',
  'O21',
  'O22',
  'dL_dF11',
  'dL_dF12',
  'dL_dF21',
  'dL_dF22',
  'dL_dX11',
  'dL_dX12',
  'dL_dX13',
  'dL_dX21',
  'dL_dX22',
  'dL_dX23',
  'dL_dX31',
  'dL_dX32',
  'dL_dX33',
];
const PARSE_ERROR = 'dO11*X22 + dO12*/X23 + dO21*X32 + dO22*X33';
const UNKNOWN_SYMBOL = 'dO11*X21 + dO12*X22 + dO21*X31 + dO22*x32';
/** Every answer of the lecture's sizes, written out by hand from the lecture's O_ij. */
const LECTURE_ANSWERS: Record<string, string> = {
  O11: 'F11·X11 + F12·X12 + F21·X21 + F22·X22',
  O12: 'F11·X12 + F12·X13 + F21·X22 + F22·X23',
  O21: 'F11·X21 + F12·X22 + F21·X31 + F22·X32',
  O22: 'F11·X22 + F12·X23 + F21·X32 + F22·X33',
  dL_dF11: 'dO11*X11 + dO12*X12 + dO21*X21 + dO22*X22',
  dL_dF12: 'dO11*X12 + dO12*X13 + dO21*X22 + dO22*X23',
  dL_dF21: 'dO11*X21 + dO12*X22 + dO21*X31 + dO22*X32',
  dL_dF22: 'dO11*X22 + dO12*X23 + dO21*X32 + dO22*X33',
  dL_dX11: 'F11*dO11',
  dL_dX12: 'F12*dO11 + F11*dO12',
  dL_dX13: 'F12*dO12',
  dL_dX21: 'F21*dO11 + F11*dO21',
  dL_dX22: 'F22*dO11 + F21*dO12 + F12*dO21 + F11*dO22',
  dL_dX23: 'F22*dO12 + F12*dO22',
  dL_dX31: 'F21*dO21',
  dL_dX32: 'F22*dO21 + F21*dO22',
  dL_dX33: 'F22*dO22',
};
const MIXED_ANSWERS: Record<string, string | null> = {
  ...LECTURE_ANSWERS,
  O12: 'X23·F22 + X22·F21 + X13·F12 + X12·F11', // commuted
  O21: 'F11*X21 + F12*X22 + F21*X31', // missing F22·X32
  O22: 'F11*X22 + F12*X23 + F21*X32 + F22*X32', // wrong index: X32 for X33
  dL_dF11: '(dO11*X11 + dO12*X12) + (dO21*X21 + dO22*X22)', // regrouped
  dL_dF12: 'dO11*X12 - dO12*X13 + dO21*X22 + dO22*X23', // wrong sign
  dL_dF21: UNKNOWN_SYMBOL,
  dL_dF22: PARSE_ERROR,
  dL_dX12: 'dO12*F11 + dO11*F12', // commuted inside the products too
  dL_dX22: 'F22*dO11 + (F21*dO12 + (F12*dO21 + F11*dO22))', // regrouped
  dL_dX31: null, // left blank
};
const FAILING = ['O21', 'O22', 'dL_dF12', 'dL_dF21', 'dL_dF22', 'dL_dX31'];

const answersYaml = (student: string, answers: Record<string, string | null>): string =>
  `student: ${student}\nanswers:\n${Object.entries(answers)
    .map(([id, a]) => `  ${id}: ${a === null ? '' : JSON.stringify(a)}`)
    .join('\n')}\n`;

describe('conv-gradients: variants and questions', () => {
  it('gives the lecture sizes the lecture questions, and bigger variants more questions', async () => {
    expect(await questionIds(await studentWith(3, 2))).toEqual(LECTURE_IDS);
    // n = 5, k = 3: O and dL_dF are 3 × 3, dL_dX is 5 × 5.
    const big = await questionIds(await studentWith(5, 3));
    expect(big.length).toBe(9 + 9 + 25);
    expect(big.slice(0, 9)).toEqual([
      'O11',
      'O12',
      'O13',
      'O21',
      'O22',
      'O23',
      'O31',
      'O32',
      'O33',
    ]);
    expect(big).toContain('dL_dX55');
  });

  it('gives two students different variants and one student always the same', async () => {
    const [a, b] = [await studentWith(3, 2), await studentWith(5, 3)];
    expect(await questionIds(a)).not.toEqual(await questionIds(b));
    expect(variantValues(await spec(), a)).toEqual(variantValues(await spec(), a));
    expect(variantValues(await spec(), a)).toEqual({ n: 3, k: 2, m: 2 });
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++)
      seen.add(JSON.stringify(variantValues(await spec(), `student-${i}`)));
    expect(seen.size).toBe(6); // n ∈ 3..5 × k ∈ 2..3, all reached by 40 students
  });

  it('grade init writes one empty entry per question with its text as a comment above it', async () => {
    const student = await studentWith(3, 2);
    // What `grade init` writes (the CLI itself is a thin wrapper; spawning it costs seconds).
    const template = answersTemplateFor(await spec(), answersOf(await spec()), student);
    const lines = template.split('\n');
    expect(lines).toContain(`student: "${student}"`);
    const entries = lines.map((l, i) => [l, i] as const).filter(([l]) => /^ {2}\w+:/.test(l));
    expect(entries.map(([l]) => l)).toEqual(LECTURE_IDS.map((id) => `  ${id}:`));
    for (const [, i] of entries) expect(lines[i - 1]).toMatch(/^ {2}# \S/);
    const o11 = entries[0][1];
    expect(lines[o11 - 1]).toMatch(
      /^ {2}# O11: X is 3 × 3 and F is 2 × 2 \(1-based indices, stride 1, no padding\), so O is 2 × 2\./,
    );
    expect(lines[entries[4][1] - 1]).toMatch(/^ {2}# dL_dF11: .*X11 … X33 and dO11 … dO22/);
    // Read back, the blank template names the student and holds no answers (not an error).
    const read = parseAnswersText(template);
    expect(read.ok && read.student === student && read.answers.size === 0).toBe(true);
  });
});

describe('conv-gradients: grading', () => {
  it('gives full marks to the reference code with the reference answers of a student', async () => {
    const { assignment, reference } = await loaded(ID);
    const student = await studentWith(5, 3);
    const r = await grade(
      ID,
      submission(
        referenceAnswersFile(assignment.spec, answersOf(assignment.spec), student, reference),
      ),
      student,
    );
    expect(
      r.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.output}`),
    ).toEqual([]);
    expect(answerTests(r).length).toBe(43);
    expect(r.max_score).toBe(16);
    expect(r.score).toBe(r.max_score);
  });

  it("accepts the lecture's own expressions, typed by hand, for every question", async () => {
    const student = await studentWith(3, 2);
    const r = await grade(ID, submission(answersYaml(student, LECTURE_ANSWERS)), student);
    expect(answerTests(r).map((t) => [t.name.split('/')[1], t.status])).toEqual(
      LECTURE_IDS.map((id) => [id, 'passed']),
    );
  });

  it('accepts commuted and regrouped sums; rejects a missing term, a wrong index, a wrong sign, bad syntax, an unknown symbol, a blank', async () => {
    const student = await studentWith(3, 2);
    const r = byName(await grade(ID, submission(answersYaml(student, MIXED_ANSWERS)), student));
    const exerciseOf = (id: string) =>
      id.startsWith('O') ? 'output' : id.startsWith('dL_dF') ? 'filterGradients' : 'inputGradients';
    for (const id of LECTURE_IDS) {
      const t = r.get(`${exerciseOf(id)}/${id}`)!;
      expect(t.status, `${id}: ${t.output}`).toBe(FAILING.includes(id) ? 'failed' : 'passed');
      if (FAILING.includes(id)) expect(t.output).toContain(id);
    }
    // 2 of the 4 O questions pass: half of the exercise's 3 points.
    expect(
      LECTURE_IDS.filter((id) => id.startsWith('O')).reduce(
        (s, id) => s + r.get(`output/${id}`)!.score,
        0,
      ),
    ).toBeCloseTo(1.5, 9);
    const parse = r.get('filterGradients/dL_dF22')!.output;
    expect(parse).toContain(`column ${PARSE_ERROR.indexOf('/') + 1}`);
    expect(parse).toMatch(/allowed: X11…X33, dO11…dO22/);
    const unknown = r.get('filterGradients/dL_dF21')!.output;
    expect(unknown).toContain(
      `unknown symbol "x32" at column ${UNKNOWN_SYMBOL.indexOf('x32') + 1}`,
    );
    expect(unknown).toMatch(/allowed: X11…X33, dO11…dO22/);
    expect(r.get('inputGradients/dL_dX31')!.output).toMatch(/no answer for dL_dX31/);
    // Hidden questions: a wrong answer's feedback never shows the lecture's expression.
    expect(r.get('output/O21')!.output).not.toMatch(/F22\s*[*·]\s*X32/);
  });

  const malformed: [string, string, RegExp][] = [
    [
      'bad YAML',
      'student: x\nanswers:\n  O11: - F11*X11\n',
      /^answers\.yaml:3:8: YAML syntax error: .*must be in quotes/,
    ],
    ['an empty file', '', /^answers\.yaml:1:1: the file is empty/],
    [
      'answers as a list',
      'student: x\nanswers: [O11, O12]\n',
      /^answers\.yaml:2:10: "answers" must be a mapping/,
    ],
    [
      'a true/false answer',
      'student: x\nanswers:\n  O11: true\n',
      /^answers\.yaml:3:8: the answer to O11 is true/,
    ],
  ];
  it.each(malformed)(
    'fails every question on %s with a clear message, and still grades the code',
    async (_what, text, message) => {
      const r = await grade(ID, submission(text), await studentWith(3, 2));
      expect(answerTests(r).map((t) => t.name.split('/')[1])).toEqual(LECTURE_IDS);
      for (const t of answerTests(r)) {
        expect(t.status).toBe('failed');
        expect(t.output).toMatch(message);
      }
      expect(functionTests(r).length).toBe(24);
      expect(functionTests(r).every((t) => t.status === 'passed')).toBe(true);
    },
  );

  it('refuses a symlinked answers.yaml, even one holding the right answers, without crashing', async () => {
    const { assignment, reference } = await loaded(ID);
    const student = await studentWith(3, 2);
    const elsewhere = makeProject({
      'real.yaml': referenceAnswersFile(
        assignment.spec,
        answersOf(assignment.spec),
        student,
        reference,
      ),
    });
    const dir = makeProject({});
    copyFileSync(REFERENCE_CODE, join(dir, 'conv_gradients.ts'));
    symlinkSync(join(elsewhere, 'real.yaml'), join(dir, 'answers.yaml'));
    const r = await grade(ID, dir, student);
    for (const t of answerTests(r))
      expect([t.status, t.output]).toEqual([
        'failed',
        'answers.yaml is a symbolic link; submit the file itself',
      ]);
    // The sandbox's staging refuses a submission holding any link, so the code is not run either.
    for (const t of functionTests(r)) expect(t.output).toMatch(/answers\.yaml is a symbolic link/);
    expect(r.score).toBe(0);
  });
});
