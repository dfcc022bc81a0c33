import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { readAnswersFile, type AnswerEntry, type AnswerValue } from '../answers/answers-file.js';
import { judgeAnswer } from '../answers/judge-answer.js';
import { concreteQuestions, variantValues, type ConcreteQuestion } from '../answers/questions.js';
import type { AnswerDetail } from '../report/details.js';
import type { AnswersExercise } from '../spec/schema.js';
import { referenceAnswersFor } from '../answers/reference-answers.js';
import type { CaseResult, GradeContext } from './types.js';

import { ANSWERS_GROUP as GROUP } from './answers-group.js';
import { formatPlace } from '../spec/errors.js';

export { loadExpressionParser } from '../answers/expression.js';
export { validateAnswersExercise } from './answers-validate.js';

/** Judges each question of the student's variant against the reference answer. */
export async function gradeAnswers(ex: AnswersExercise, ctx: GradeContext): Promise<CaseResult[]> {
  const visibility = ex.visibility ?? 'hidden';
  if (ctx.visibleOnly && visibility === 'hidden') return [];
  const variant = variantValues(ctx.assignment.spec, ctx.scope.student);
  const questions = concreteQuestions(ex, variant);
  const result = (
    q: ConcreteQuestion,
    passed: boolean,
    output: string,
    status: CaseResult['status'] = passed ? 'passed' : 'failed',
    detail?: AnswerDetail,
  ): CaseResult => ({
    name: `${ex.id}/${q.id}`,
    exercise: ex.id,
    group: GROUP,
    visibility,
    status,
    fraction: passed ? 1 : 0,
    output,
    detail: detail ?? { kind: 'answer', question: q.text },
  });
  const file = readStudentAnswers(ctx.submissionDir, ex.file);
  if (!file.ok) return questions.map((q) => result(q, false, file.message));
  const references = referenceAnswersFor(ex, ctx.reference, variant);
  return questions.map((q) => {
    const reference = q.answer ?? (references?.[q.id] as AnswerValue | undefined);
    if (reference === undefined)
      return result(
        q,
        false,
        'the grader has no reference answer for this question; tell course staff',
        'error',
      );
    const given = file.answers.get(q.id);
    const verdict = judgeAnswer(
      { id: q.id, type: q.type, symbols: q.symbols, atol: q.atol, rtol: q.rtol },
      reference,
      given,
      `${ctx.assignment.spec.id}\0${q.id}`,
    );
    const detail: AnswerDetail = {
      kind: 'answer',
      question: q.text,
      ...(given ? { answer: answerText(given.value) } : {}),
      reference: answerText(reference),
    };
    return result(
      q,
      verdict.passed,
      verdict.passed ? 'passed' : verdict.message,
      undefined,
      detail,
    );
  });
}

/** An answer as one line of text: a matrix row by row. */
const answerText = (v: AnswerValue): string =>
  Array.isArray(v) ? `[${v.map((row) => `[${row.join(', ')}]`).join(', ')}]` : String(v);

type StudentAnswers =
  | { ok: true; answers: Map<string, AnswerEntry> }
  | { ok: false; message: string };

/** Reads answers.yaml from the submission, refusing links (the parent must read only the student's own file). */
export function readStudentAnswers(dir: string, file: string): StudentAnswers {
  const path = join(dir, file);
  try {
    if (lstatSync(path).isSymbolicLink())
      return { ok: false, message: `${file} is a symbolic link; submit the file itself` };
  } catch {
    return {
      ok: false,
      message: `${file} not found in your submission; create it with: grade init <assignment> --student <your id>`,
    };
  }
  const read = readAnswersFile(path);
  if (!read.ok)
    return {
      ok: false,
      message: `${formatPlace(read.error)}: ${read.error.message}`,
    };
  return { ok: true, answers: read.answers };
}

/** The student id written in answers.yaml, if any (used when no --student is given). */
export function studentFromAnswers(dir: string, file: string): string | undefined {
  const path = join(dir, file);
  try {
    if (lstatSync(path).isSymbolicLink()) return undefined;
  } catch {
    return undefined;
  }
  const read = readAnswersFile(path);
  return read.ok && read.student ? read.student : undefined;
}
