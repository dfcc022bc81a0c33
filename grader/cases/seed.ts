import seedrandom from 'seedrandom';

/** Visible groups draw from this fixed, public key, so a released bundle sees the same cases as the grader. */
export const PUBLIC_SECRET = 'seedgrade:public';

export interface CaseKey {
  secret: string;
  student: string;
  assignment: string;
  exercise: string;
  group: string;
  index: number;
}

/**
 * Every case has its own stream, keyed by all of its coordinates: one case can be regenerated
 * alone, and adding a group or a case never shifts the inputs of another.
 */
export const seedString = (k: CaseKey): string =>
  JSON.stringify([k.secret, k.student, k.assignment, k.exercise, k.group, k.index]);

export type { Rng } from '../spec/generator-api.js';
import type { Rng } from '../spec/generator-api.js';

export function rngFromSeed(seed: string): Rng {
  const prng = seedrandom(seed);
  const next = (): number => prng.quick();
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
  };
}
