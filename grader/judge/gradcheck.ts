/**
 * gradcheck: judges a backward function against central differences of the reference's FORWARD
 * function, so a wrong reference backward cannot make a wrong answer pass. The numerical gradient of
 * case argument i is d/dθ Σ forward(...) ⊙ dout, one element of argument i at a time.
 *
 * Kinks (ReLU at 0, max-pool ties): there the derivative is not defined and a central difference
 * that straddles the kink is a blend of the two sides. Case generators should keep values well away
 * from kinks (|x| ≫ h for ReLU inputs, window values distinct by ≫ h for max pooling). As a safety
 * net the judge also computes the two one-sided quotients s− and s+ per element and accepts a
 * student value that lies between them (widened by `bound`): that is exactly the set of valid
 * one-sided derivatives/subgradients near a kink, and where the function is linear s− = s+ up to
 * rounding, so nothing is loosened there. This also absorbs rounding noise on elements whose true
 * gradient is ~0, where the relative error of a central difference is meaningless. Nothing is
 * skipped: every element is checked. Limitation: a tie is judged element by element, so a student
 * who sends a tied window's gradient to every tied maximum is not caught.
 */
import { Type } from '@sinclair/typebox';
import { fail, type Judge, type JudgeInput, type Verdict } from './types.js';
import {
  flatten,
  formatIndex,
  formatNumber,
  formatShape,
  sameShape,
  shapeOf,
  type Shape,
} from './tensor.js';
import {
  checkShape,
  formatBound,
  isPlainObject,
  keyProblems,
  nonFinite,
  notAnObject,
  relativeError,
  verdictOf,
  type Problem,
} from './relerr.js';
import { DEFAULTS } from '../spec/defaults.js';

const Index = Type.Integer({ minimum: 0 });
const GradcheckOptions = Type.Object(
  {
    forward: Type.String({
      minLength: 1,
      description: 'Export name of the forward function in the reference module.',
    }),
    upstream: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'Index in the case args of the upstream gradient dout (default 0).',
      }),
    ),
    forwardArgs: Type.Optional(
      Type.Array(Index, {
        description: 'Case-arg indices passed to forward, in order (default: all but upstream).',
      }),
    ),
    wrt: Type.Union([Index, Type.Record(Type.String(), Index)], {
      description:
        'Case-arg index of the returned gradient, or an object mapping result keys to case-arg indices.',
    }),
    bound: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        description: `Largest accepted relative error (default ${DEFAULTS.gradcheck.bound}).`,
      }),
    ),
    h: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, description: 'Central-difference step (default 1e-5).' }),
    ),
  },
  { additionalProperties: false },
);

interface Settings {
  forward: (...a: unknown[]) => unknown;
  upstream: number;
  forwardArgs: number[];
  /** [result key or '' for a bare gradient, case-arg index] */
  targets: [string, number][];
  bound: number;
  h: number;
}

const configError = (message: string): Verdict =>
  fail(
    'rejected',
    `gradcheck is misconfigured: ${message}. Fix \`judge:\` in the exercise spec.`,
    'the grader is misconfigured for this case; tell the course staff',
  );

/** Options with defaults applied, or the spec error in words. */
function settingsOf(input: JudgeInput): Settings | string {
  const o = input.options;
  const n = input.args.length;
  const fn = typeof o.forward === 'string' ? input.reference?.[o.forward] : undefined;
  if (typeof fn !== 'function')
    return `option forward: the reference module has no function '${String(o.forward)}'`;
  const upstream = typeof o.upstream === 'number' ? o.upstream : 0;
  const forwardArgs = Array.isArray(o.forwardArgs)
    ? (o.forwardArgs as number[])
    : [...input.args.keys()].filter((i) => i !== upstream);
  const wrt = o.wrt;
  const targets: [string, number][] =
    typeof wrt === 'number'
      ? [['', wrt]]
      : isPlainObject(wrt)
        ? Object.entries(wrt as Record<string, number>)
        : [];
  if (targets.length === 0)
    return 'option wrt must be a case-arg index or an object such as { dx: 1, dw: 2 }';
  for (const i of [upstream, ...forwardArgs])
    if (!Number.isInteger(i) || i < 0 || i >= n)
      return `arg index ${i} is out of range (the case has ${n} args)`;
  for (const [key, i] of targets)
    if (!forwardArgs.includes(i))
      return `wrt ${key || ''} → arg ${i} is not among forwardArgs [${forwardArgs.join(', ')}]`;
  const bound = typeof o.bound === 'number' ? o.bound : DEFAULTS.gradcheck.bound;
  const h = typeof o.h === 'number' ? o.h : 1e-5;
  return { forward: fn as Settings['forward'], upstream, forwardArgs, targets, bound, h };
}

/** Every number inside `value` as a settable slot [holder, key], in row-major order. */
function slotsOf(
  holder: unknown[],
  key: number,
  out: [unknown[], number][] = [],
): [unknown[], number][] {
  const v = holder[key];
  if (Array.isArray(v)) v.forEach((_, i) => slotsOf(v, i, out));
  else out.push([holder, key]);
  return out;
}

interface Quotients {
  central: number[];
  minus: number[];
  plus: number[];
}

/** Central and one-sided difference quotients of Σ forward ⊙ dout w.r.t. each element of arg `i`. */
function numericGradient(s: Settings, copy: unknown[], i: number, dout: number[]): Quotients {
  const run = (): number[] => flatten(s.forward(...s.forwardArgs.map((j) => copy[j])));
  // Σ dout ⊙ (a − b) per element, so outputs the step did not touch contribute exactly 0.
  const dot = (a: number[], b: number[]): number =>
    a.reduce((sum, v, k) => sum + dout[k] * (v - b[k]), 0);
  const base = run();
  const q: Quotients = { central: [], minus: [], plus: [] };
  for (const [holder, key] of slotsOf(copy, i)) {
    const orig = holder[key] as number;
    holder[key] = orig + s.h;
    const up = run();
    holder[key] = orig - s.h;
    const down = run();
    holder[key] = orig;
    const hUp = orig + s.h - orig; // the step actually taken, after rounding
    const hDown = orig - (orig - s.h);
    q.plus.push(dot(up, base) / hUp);
    q.minus.push(dot(base, down) / hDown);
    q.central.push(dot(up, down) / (hUp + hDown));
  }
  return q;
}

function accepted(v: number, c: number, lo: number, hi: number, bound: number): boolean {
  if (relativeError(v, c) <= bound) return true;
  const [a, b] = lo <= hi ? [lo, hi] : [hi, lo];
  const slack = bound * (Math.abs(a) + Math.abs(b));
  return v >= a - slack && v <= b + slack;
}

function checkTensor(
  got: unknown,
  s: Settings,
  copy: unknown[],
  i: number,
  dout: number[],
  name: string,
): Problem[] {
  const want = shapeOf(copy[i]) as Shape;
  const shape = checkShape(got, want, name, ` (the shape of argument ${i})`);
  if (!Array.isArray(shape)) return [shape];
  const v = flatten(got);
  const bad = nonFinite(v, shape, name, []);
  if (bad) return [bad];
  const q = numericGradient(s, copy, i, dout);
  let at = -1;
  let err = 0;
  v.forEach((x, k) => {
    const e = relativeError(x, q.central[k]);
    if (e > err && !accepted(x, q.central[k], q.minus[k], q.plus[k], s.bound)) [err, at] = [e, k];
  });
  if (at < 0) return [];
  const where = `${name}${formatIndex(at, shape)}`;
  return [
    {
      kind: 'wrong-value',
      message: `${where}: student value ${formatNumber(v[at])}, numerical ${formatNumber(q.central[at])} (relative error ${formatNumber(err)} > ${formatBound(s.bound)})`,
      summary: `${name}: wrong values (relative error ${formatNumber(err)} > ${formatBound(s.bound)})`,
    },
  ];
}

export const gradcheck: Judge = {
  name: 'gradcheck',
  description:
    "Checks a backward function against central differences of the reference's forward function.",
  options: GradcheckOptions,
  needsReference: true,
  judge(input) {
    const s = settingsOf(input);
    if (typeof s === 'string') return configError(s);
    const copy = structuredClone([...input.args]); // perturbations never touch the case's own args
    try {
      return judgeWith(s, copy, input.got);
    } catch (e) {
      return configError(
        `the reference ${String(input.options.forward)} threw on this case: ${String(e)}`,
      );
    }
  },
};

function judgeWith(s: Settings, copy: unknown[], got: unknown): Verdict {
  const doutShape = shapeOf(copy[s.upstream]);
  if (typeof doutShape === 'string') return configError(`upstream arg ${s.upstream}: ${doutShape}`);
  const outShape = shapeOf(s.forward(...s.forwardArgs.map((j) => copy[j])));
  if (typeof outShape === 'string' || !sameShape(outShape, doutShape))
    return configError(
      `the upstream arg ${s.upstream} has shape ${formatShape(doutShape)}, unlike the forward output`,
    );
  for (const [, i] of s.targets)
    if (typeof shapeOf(copy[i]) === 'string')
      return configError(`wrt arg ${i} is not a number or an array of numbers`);
  const dout = flatten(copy[s.upstream]);
  const problems: Problem[] = [];
  if (s.targets.length === 1 && s.targets[0][0] === '') {
    problems.push(...checkTensor(got, s, copy, s.targets[0][1], dout, 'gradient'));
  } else {
    const keys = s.targets.map(([k]) => k);
    if (!isPlainObject(got)) problems.push(notAnObject(got, keys, 'result'));
    else {
      problems.push(...keyProblems(got, keys, 'result'));
      for (const [k, i] of s.targets)
        if (k in got) problems.push(...checkTensor(got[k], s, copy, i, dout, k));
    }
  }
  return verdictOf(problems, 'correct (matches the numerical gradient)');
}
