import { Type } from '@sinclair/typebox';
import { isDeepStrictEqual } from 'node:util';
import { compareNumeric } from './compare-numeric.js';
import { shapeOf } from './tensor.js';
import { fail, pass, type Judge } from './types.js';

const show = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 200 ? text.slice(0, 200) + '…' : text;
};

/** Exact equality: numeric arrays get the cell-by-cell message, anything else a deep comparison. */
export const exact: Judge = {
  name: 'exact',
  description: 'exactly equal (numbers, strings, arrays, plain objects)',
  options: Type.Object({}),
  judge({ got, expected }) {
    if (typeof shapeOf(expected) !== 'string')
      return compareNumeric(got, expected, (g, e) => g === e, 'wrong value');
    if (isDeepStrictEqual(got, expected)) return pass();
    return fail('wrong-value', `expected ${show(expected)}, got ${show(got)}`, 'wrong value');
  },
};
