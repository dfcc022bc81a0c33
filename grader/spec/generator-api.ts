import type { GeneratorCall } from './schema.js';

/**
 * What a course's generators are written against (assignments/<id>/generators.ts, through the
 * public API). Part of the spec layer: a generator is named by the spec; cases/ implements the
 * built-in ones and draws values.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
}

/** What a generator gets: its stream, the values bound so far, and a way to draw nested calls. */
export interface GeneratorContext {
  rng: Rng;
  bound: Readonly<Record<string, unknown>>;
  /** A number parameter: a literal, or the name of a bound number. */
  num(value: unknown, param: string): number;
  draw(call: GeneratorCall): unknown;
}

export type Generator = (params: Record<string, unknown>, ctx: GeneratorContext) => unknown;

/** Thrown for an author's mistake in a generator call; validate reports it with a position. */
export class GeneratorError extends Error {
  override name = 'GeneratorError';
}
