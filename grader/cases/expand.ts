import type { GradedAssignment } from '../spec/load.js';
import type { FunctionExercise, TestGroup } from '../spec/schema.js';
import { drawValue } from './generators.js';
import { PUBLIC_SECRET, rngFromSeed, seedString } from './seed.js';

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
export function expandGroup(a: Pick<GradedAssignment, 'spec' | 'generators'>, ex: Pick<FunctionExercise, 'id'>, group: TestGroup, scope: SeedScope, limit = Infinity): Case[] {
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
    const rng = rngFromSeed(seedString({ ...keyScope, assignment: a.spec.id, exercise: ex.id, group: group.name, index }));
    const bound: Record<string, unknown> = {};
    for (const [name, call] of Object.entries(group.let ?? {})) bound[name] = drawValue(call, rng, bound, a.generators);
    const args = group.args.map((arg) => (typeof arg === 'string' ? structuredClone(bound[arg]) : drawValue(arg, rng, bound, a.generators)));
    cases.push({ ...base, index, name: `${ex.id}/${group.name}/${index + 1}`, args });
  }
  return cases;
}
