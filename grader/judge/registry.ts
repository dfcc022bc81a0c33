import { accuracy } from './accuracy.js';
import { allclose } from './allclose.js';
import { exact } from './exact.js';
import { gradcheck } from './gradcheck.js';
import { relerr } from './relerr.js';
import type { Judge } from './types.js';

/** Every comparator by name. A new one is a module exporting a Judge, listed here once. */
export const judges: Readonly<Record<string, Judge>> = Object.fromEntries(
  [exact, allclose, relerr, gradcheck, accuracy].map((j) => [j.name, j]),
);
