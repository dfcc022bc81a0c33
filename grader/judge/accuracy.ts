import { Type } from '@sinclair/typebox';
import { fail, pass, type Judge } from './types.js';

/**
 * Classification accuracy mapped to points by a curve: nothing at or below `chance`, full
 * marks at or above `full`, linear in between. The true labels never leave the grader.
 */
export const accuracy: Judge = {
  name: 'accuracy',
  description:
    'fraction of labels predicted right, mapped to credit linearly from chance (0) to full (1)',
  options: Type.Object({
    full: Type.Optional(Type.Number({ minimum: 0, maximum: 1, default: 0.9 })),
    chance: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1, description: 'default: 1 / number of classes' }),
    ),
  }),
  judge({ got, expected, options }) {
    const labels = expected as number[];
    if (!Array.isArray(got) || got.length !== labels.length) {
      const message = `expected ${labels.length} predicted labels, got ${Array.isArray(got) ? got.length : typeof got}`;
      return fail('wrong-shape', message, message);
    }
    const bad = got.findIndex((g) => typeof g !== 'number' || !Number.isInteger(g));
    if (bad >= 0)
      return fail(
        'wrong-type',
        `prediction [${bad}] is ${JSON.stringify(got[bad])}, not a class index`,
        'predictions must be integer class indices',
      );
    const classes = new Set(labels).size;
    const full = (options.full as number | undefined) ?? 0.9;
    const chance = (options.chance as number | undefined) ?? 1 / Math.max(1, classes);
    const right = got.reduce((n: number, g, i) => n + (g === labels[i] ? 1 : 0), 0);
    const acc = right / labels.length;
    const fraction = Math.min(1, Math.max(0, (acc - chance) / Math.max(1e-9, full - chance)));
    const text = `accuracy ${(acc * 100).toFixed(1)}% (${right}/${labels.length}); full marks from ${(full * 100).toFixed(0)}%, none at chance ${(chance * 100).toFixed(0)}%`;
    return fraction >= 1 ? pass(text) : { ...fail('wrong-value', text, text), fraction };
  },
};
