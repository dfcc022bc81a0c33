import { describe, expect, it } from 'vitest';
import { expandGroup } from '../../grader/cases/expand.js';
import { rngFromSeed, seedString } from '../../grader/cases/seed.js';
import type { FunctionExercise, GeneratedGroup, GeneratorCall } from '../../grader/spec/schema.js';
import { loaded } from '../helpers/grade.js';

const hiddenOf = async (exercise: string) => {
  const { assignment } = await loaded('feature-map');
  const ex = assignment.spec.exercises.find((e) => e.id === exercise) as FunctionExercise;
  return {
    assignment,
    ex,
    hidden: ex.groups.find((g) => g.visibility === 'hidden')!,
    visible: ex.groups.filter((g) => g.visibility === 'visible'),
  };
};

describe('seeded cases', () => {
  it('the same key gives the same stream, another key another stream', () => {
    const key = {
      secret: 's',
      student: 'alice',
      assignment: 'a',
      exercise: 'e',
      group: 'g',
      index: 0,
    };
    const draw = (k: typeof key) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.next()
        )(rngFromSeed(seedString(k))),
      );
    expect(draw(key)).toEqual(draw({ ...key }));
    for (const change of [
      { secret: 't' },
      { student: 'bob' },
      { assignment: 'b' },
      { exercise: 'f' },
      { group: 'h' },
      { index: 1 },
    ]) {
      expect(draw({ ...key, ...change })).not.toEqual(draw(key));
    }
  });

  it('hidden cases are reproducible and depend on secret and student', async () => {
    const { assignment, ex, hidden } = await hiddenOf('conv2d');
    const a1 = expandGroup(assignment, ex, hidden, { secret: 's1', student: 'alice' });
    expect(expandGroup(assignment, ex, hidden, { secret: 's1', student: 'alice' })).toEqual(a1);
    expect(expandGroup(assignment, ex, hidden, { secret: 's2', student: 'alice' })).not.toEqual(a1);
    expect(expandGroup(assignment, ex, hidden, { secret: 's1', student: 'bob' })).not.toEqual(a1);
    expect(a1).toHaveLength((hidden as GeneratedGroup).count);
  });

  it('visible generated cases are the same for every student and secret (a bundle can reproduce them)', async () => {
    const { assignment, ex } = await hiddenOf('featureMap');
    const random = ex.groups.find((g) => g.name === 'random')!;
    expect(expandGroup(assignment, ex, random, { secret: 'x', student: 'alice' })).toEqual(
      expandGroup(assignment, ex, random, { secret: 'y', student: 'bob' }),
    );
  });

  it('one case can be regenerated alone, and adding or reordering groups does not shift others', async () => {
    const { assignment, ex, hidden } = await hiddenOf('maxPool');
    const scope = { secret: 's', student: 'carol' };
    const all = expandGroup(assignment, ex, hidden, scope);
    // Only the first 3: the first 3 of the full list, unchanged.
    expect(expandGroup(assignment, ex, hidden, scope, 3)).toEqual(all.slice(0, 3));
    // A new group placed before it, and the groups reversed: this group's cases do not move.
    const extra: GeneratedGroup = {
      name: 'new-group',
      visibility: 'hidden',
      count: 4,
      args: [{ gen: 'int', min: 0, max: 9 } as GeneratorCall],
    };
    const reordered = { ...ex, groups: [extra, ...[...ex.groups].reverse()] };
    const again = reordered.groups.flatMap((g) =>
      g.name === hidden.name ? expandGroup(assignment, reordered, g, scope) : [],
    );
    expect(again).toEqual(all);
  });

  it('shared sizes: a kernel is never larger than its image', async () => {
    const { assignment, ex, hidden } = await hiddenOf('featureMap');
    for (let s = 0; s < 20; s++) {
      for (const c of expandGroup(assignment, ex, hidden, { secret: `s${s}`, student: 'x' })) {
        const [image, kernel] = c.args as number[][][];
        expect(kernel.length).toBeLessThanOrEqual(image.length);
        expect(kernel[0].length).toBeLessThanOrEqual(image[0].length);
      }
    }
  });
});
