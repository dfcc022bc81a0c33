import { expandGroup, type Case } from '../cases/expand.js';
import { judges } from '../judge/registry.js';
import type { Verdict } from '../judge/types.js';
import type { FunctionExercise, TestGroup } from '../spec/schema.js';
import { formatArgs } from './format-input.js';
import { validateFunctionExercise } from './function-validate.js';
import type { CaseResult, ExerciseKind, GradeContext } from './types.js';

const DEFAULT_TIMEOUT_MS = 2000;

/** Calls a student's export once per case in the sandbox and judges the value here, in the parent. */
export const functionKind: ExerciseKind<FunctionExercise> = {
  kind: 'function',
  // Many short calls: QuickJS starts in milliseconds where a node child takes a hundred.
  defaultRuntime: 'wasm',
  validate: validateFunctionExercise,
  stubFunctions: (ex) => [{ file: ex.file, export: ex.export, signature: ex.signature, title: ex.title ?? ex.export, description: ex.description ?? '' }],
  scoringGroups: (ex) =>
    ex.groups.map((g) => ({ name: g.name, visibility: g.visibility, points: g.points, all_or_nothing: g.all_or_nothing, count: 'cases' in g ? g.cases.length : g.count })),
  async grade(ex, ctx) {
    const results: CaseResult[] = [];
    for (const group of ex.groups) {
      if (ctx.visibleOnly && group.visibility === 'hidden') continue;
      for (const c of expandGroup(ctx.assignment, ex, group, ctx.scope)) {
        const t0 = performance.now();
        const r = await gradeCase(ex, group, c, ctx);
        results.push({ ...r, ms: Math.round(performance.now() - t0) });
      }
    }
    return results;
  },
};

async function gradeCase(ex: FunctionExercise, group: TestGroup, c: Case, ctx: GradeContext): Promise<CaseResult> {
  const base = { name: c.name, exercise: ex.id, group: group.name, visibility: c.visibility };
  const hidden = c.visibility === 'hidden';
  const inputs = `inputs: ${formatArgs(c.args)}`;
  const result = (status: CaseResult['status'], fraction: number, studentText: string, taText?: string): CaseResult => ({
    ...base,
    status,
    fraction,
    output: studentText,
    ...(taText !== undefined ? { ta_output: taText } : {}),
  });

  const expected = expectedValue(ex, c, ctx);
  if (!expected.ok) return result('error', 0, 'the grader could not compute this case; tell course staff', expected.message);
  if (Date.now() > ctx.deadline) return result('timeout', 0, 'not run: the submission used up its total time limit');

  const outcome = await ctx.session.call({ file: ex.file, exportName: ex.export, args: structuredClone(c.args), timeoutMs: group.timeout_ms ?? ex.timeout_ms ?? DEFAULT_TIMEOUT_MS });
  if (outcome.status !== 'ok') {
    // A hidden case shows only the summary: the message may carry text the student's code chose.
    const text = hidden ? (outcome.summary ?? outcome.message) : `${outcome.message}\n${inputs}`;
    return result(outcome.status, 0, text, hidden ? `${outcome.message}\n${inputs}` : undefined);
  }
  const spec = group.judge ?? ex.judge;
  const { name: judgeName, ...options } = spec;
  let verdict: Verdict;
  try {
    verdict = judges[judgeName].judge({ got: outcome.value, expected: expected.value, args: c.args, options, reference: ctx.reference?.[ex.file], exportName: ex.export });
  } catch (e) {
    return result('error', 0, 'the grader could not judge this case; tell course staff', `judge ${judgeName} failed: ${(e as Error).message}`);
  }
  const fraction = verdict.fraction ?? (verdict.passed ? 1 : 0);
  if (verdict.passed) return result('passed', fraction, verdict.message === 'correct' ? 'passed' : verdict.message);
  if (hidden) return result('failed', fraction, `hidden test: ${verdict.summary}`, `${verdict.message}\n${inputs}`);
  return result('failed', fraction, `${verdict.message}\n${inputs}`);
}

function expectedValue(ex: FunctionExercise, c: Case, ctx: GradeContext): { ok: true; value: unknown } | { ok: false; message: string } {
  if (c.expected) return { ok: true, value: c.expected.value };
  const shipped = ctx.expectedByCase?.[c.name];
  if (shipped !== undefined) return { ok: true, value: shipped };
  const fn = ctx.reference?.[ex.file]?.[ex.export];
  if (typeof fn !== 'function') return { ok: false, message: `no reference for ${ex.file}:${ex.export} and no precomputed expected value for ${c.name}` };
  try {
    return { ok: true, value: structuredClone((fn as (...a: unknown[]) => unknown)(...structuredClone(c.args))) };
  } catch (e) {
    return { ok: false, message: `the reference ${ex.export} threw on ${c.name}: ${(e as Error).message}` };
  }
}
