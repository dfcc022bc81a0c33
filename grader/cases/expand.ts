import type { GradedAssignment } from '../spec/load.js';
import type { FunctionExercise, TestGroup } from '../spec/schema.js';
import { DrawError, drawValue } from './generators.js';
import { PUBLIC_SECRET, rngFromSeed, seedString } from './seed.js';

/** A draw that failed: where in the group's spec (`let.<name>` or `args[i]`) and for which case. */
export class CaseDrawError extends Error {
  constructor(
    readonly path: (string | number)[],
    readonly caseIndex: number,
    readonly draw: DrawError,
  ) {
    super(draw.message);
    this.name = 'CaseDrawError';
  }
}

function drawAt<T>(path: (string | number)[], caseIndex: number, draw: () => T): T {
  try {
    return draw();
  } catch (e) {
    throw e instanceof DrawError ? new CaseDrawError(path, caseIndex, e) : e;
  }
}

/** One concrete test case: its inputs, and a literal expected value when the spec gives one. */
export interface Case {
  exercise: string;
  group: string;
  index: number;
  name: string;
  visibility: 'visible' | 'hidden';
  args: unknown[];
  expected?: { value: unknown };
}

export interface SeedScope {
  /** The course secret; hidden groups need it. */
  secret: string;
  student: string;
}

/**
 * The cases of one group. Visible groups draw from the public key (the same for every student,
 * and reproducible in a released bundle); hidden groups from (secret, student).
 */
export function expandGroup(
  a: Pick<GradedAssignment, 'spec' | 'generators'>,
  ex: Pick<FunctionExercise, 'id'>,
  group: TestGroup,
  scope: SeedScope,
  limit = Infinity,
): Case[] {
  const visibility = group.visibility;
  const base = { exercise: ex.id, group: group.name, visibility } as const;
  if ('cases' in group) {
    return group.cases.slice(0, limit).map((c, index) => ({
      ...base,
      index,
      name: `${ex.id}/${group.name}/${c.name ?? index + 1}`,
      args: structuredClone(c.args),
      ...(c.expected !== undefined ? { expected: { value: structuredClone(c.expected) } } : {}),
    }));
  }
  const keyScope = visibility === 'visible' ? { secret: PUBLIC_SECRET, student: '' } : scope;
  const cases: Case[] = [];
  for (let index = 0; index < Math.min(group.count, limit); index++) {
    const rng = rngFromSeed(
      seedString({ ...keyScope, assignment: a.spec.id, exercise: ex.id, group: group.name, index }),
    );
    const bound: Record<string, unknown> = {};
    for (const [name, call] of Object.entries(group.let ?? {}))
      bound[name] = drawAt(['let', name], index, () => drawValue(call, rng, bound, a.generators));
    const args = group.args.map((arg, i) =>
      typeof arg === 'string'
        ? structuredClone(bound[arg])
        : drawAt(['args', i], index, () => drawValue(arg, rng, bound, a.generators)),
    );
    cases.push({ ...base, index, name: `${ex.id}/${group.name}/${index + 1}`, args });
  }
  return cases;
}
