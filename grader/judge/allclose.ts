import { Type } from '@sinclair/typebox';
import { compareNumeric } from './compare-numeric.js';
import type { Judge } from './types.js';
import { DEFAULTS } from '../spec/defaults.js';

/** numpy.allclose's rule: |got − expected| ≤ atol + rtol·|expected|, cell by cell. */
export const allclose: Judge = {
  name: 'allclose',
  description: 'numbers or nested arrays equal within |got − expected| ≤ atol + rtol·|expected|',
  options: Type.Object({
    atol: Type.Optional(Type.Number({ minimum: 0, default: 1e-8 })),
    rtol: Type.Optional(Type.Number({ minimum: 0, default: 1e-5 })),
  }),
  judge({ got, expected, options }) {
    const atol = (options.atol as number | undefined) ?? DEFAULTS.allclose.atol;
    const rtol = (options.rtol as number | undefined) ?? DEFAULTS.allclose.rtol;
    return compareNumeric(
      got,
      expected,
      (g, e) => Math.abs(g - e) <= atol + rtol * Math.abs(e),
      'wrong value',
    );
  },
};
