import Handlebars from 'handlebars';
import type { AnswerQuestion, AnswersExercise, Assignment } from '../spec/schema.js';
import { evaluateExpression, parseExpression } from './expression.js';
import { variantFor } from './variants.js';

export type VariantValues = Record<string, number | string>;

/** A question made concrete for one student's variant. */
export interface ConcreteQuestion {
  id: string;
  type: AnswerQuestion['type'];
  text: string;
  symbols: string[];
  /** The reference answer from the spec, rendered for this variant (absent: from reference_answers). */
  answer?: number | string;
  atol?: number;
  rtol?: number;
}

/** Thrown for an author's mistake (a bad range or template); validate reports it with a position. */
export class QuestionError extends Error {}

/** A student's variant: the hashed parameters, then `derived` values computed from them in order. */
export function variantValues(
  spec: Pick<Assignment, 'id' | 'variants' | 'derived'>,
  student: string,
): VariantValues {
  const values: VariantValues = spec.variants ? variantFor(spec.id, student, spec.variants) : {};
  for (const [name, text] of Object.entries(spec.derived ?? {}))
    values[name] = numericValue(text, values, `derived value "${name}"`);
  return values;
}

/** Evaluates arithmetic over numeric variant values ("n - k + 1"); never JavaScript. */
export function numericValue(text: string, values: VariantValues, what: string): number {
  const numeric = Object.entries(values).filter(
    (e): e is [string, number] => typeof e[1] === 'number',
  );
  const parsed = parseExpression(
    text,
    numeric.map(([k]) => k),
  );
  if (!parsed.ok) throw new QuestionError(`${what}: ${parsed.error.message}`);
  return evaluateExpression(parsed.expr, Object.fromEntries(numeric));
}

const RANGE = /\[([^\]]+?)\.\.([^\]]+?)\]/g;

/** Expands "X[1..n][1..n]" into X11, X12, …; a name without ranges is itself. */
export function expandPattern(pattern: string, values: VariantValues): string[] {
  const ranges = [...pattern.matchAll(RANGE)].map((m) => {
    const from = numericValue(m[1].trim(), values, `range start in "${pattern}"`);
    const to = numericValue(m[2].trim(), values, `range end in "${pattern}"`);
    if (!Number.isInteger(from) || !Number.isInteger(to) || to - from > 1000)
      throw new QuestionError(
        `range [${m[1]}..${m[2]}] in "${pattern}" is not a small integer range`,
      );
    return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  });
  const parts = pattern.split(RANGE).filter((_, i) => i % 3 === 0);
  let names = [parts[0]];
  ranges.forEach((range, r) => {
    names = names.flatMap((prefix) => range.map((i) => `${prefix}${i}${parts[r + 1]}`));
  });
  return names;
}

const render = (template: string, values: Record<string, unknown>): string =>
  Handlebars.compile(template, { noEscape: true, strict: true })(values);

/** Every question of an answers exercise, made concrete for a variant, in spec order. */
export function concreteQuestions(ex: AnswersExercise, values: VariantValues): ConcreteQuestion[] {
  return ex.questions.flatMap((q) =>
    expandPattern(q.id, values).map((id) => {
      const scope = { ...values, id };
      let answer: number | string | undefined;
      if (typeof q.answer === 'number') answer = q.answer;
      else if (typeof q.answer === 'string') {
        const text = render(q.answer, scope);
        answer = q.type === 'number' ? numericValue(text, {}, `answer of ${id}`) : text;
      }
      return {
        id,
        type: q.type,
        text: render(q.text, scope),
        symbols: (q.symbols ?? []).flatMap((s) => expandPattern(s, values)),
        ...(answer !== undefined ? { answer } : {}),
        ...(q.atol !== undefined ? { atol: q.atol } : {}),
        ...(q.rtol !== undefined ? { rtol: q.rtol } : {}),
      };
    }),
  );
}
