import { describe, expect, it } from 'vitest';
import { variantFor } from '../../grader/answers/variants.js';

const params = { n: { min: 3, max: 6 }, k: { choices: [2, 3] } };

describe('variantFor', () => {
  it('gives the same variant for the same student every time', () => {
    const first = variantFor('conv-gradients', 'alice', params);
    for (let i = 0; i < 5; i++)
      expect(variantFor('conv-gradients', 'alice', params)).toEqual(first);
  });

  it('gives different variants to some pair of students', () => {
    const seen = new Set<string>();
    for (let s = 0; s < 20; s++)
      seen.add(JSON.stringify(variantFor('conv-gradients', `student${s}`, params)));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('stays within bounds and uses every value of a small range', () => {
    const ns = new Set<number | string>();
    for (let s = 0; s < 200; s++) {
      const v = variantFor('a', `s${s}`, { n: { min: -2, max: 2 }, c: { choices: ['x', 'y'] } });
      expect(Number.isInteger(v.n)).toBe(true);
      expect(v.n as number).toBeGreaterThanOrEqual(-2);
      expect(v.n as number).toBeLessThanOrEqual(2);
      expect(['x', 'y']).toContain(v.c);
      ns.add(v.n);
    }
    expect([...ns].sort()).toEqual([-1, -2, 0, 1, 2].sort());
  });

  it('matches sha256 computed outside Node (stable across machines)', () => {
    // printf 'conv-gradients\0alice\0n' | sha256sum → ab3db7adc9bc4392…; 0xab3db7adc9bc4392 mod 4 = 2 → n = 3 + 2 = 5
    // printf 'conv-gradients\0alice\0k' | sha256sum → ba86f116c5aef27e…; mod 2 = 0 → choices[0] = 2; mod 3 = 2
    // printf 'conv-gradients\0bob\0n'   | sha256sum → 4474885738382297…; mod 4 = 3 → n = 6
    // printf 'conv-gradients\0bob\0k'   | sha256sum → db3fa5b40fd72031…; mod 2 = 1 → choices[1] = 3
    expect(variantFor('conv-gradients', 'alice', params)).toEqual({ k: 2, n: 5 });
    expect(variantFor('conv-gradients', 'bob', params)).toEqual({ k: 3, n: 6 });
    expect(variantFor('conv-gradients', 'alice', { k: { choices: ['a', 'b', 'c'] } })).toEqual({
      k: 'c',
    });
  });

  it('draws each parameter independently of the others', () => {
    const alone = variantFor('conv-gradients', 'alice', { n: { min: 3, max: 6 } });
    const together = variantFor('conv-gradients', 'alice', {
      n: { min: 3, max: 6 },
      z: { min: 0, max: 100 },
    });
    expect(together.n).toBe(alone.n);
  });

  it('rejects an impossible range', () => {
    expect(() => variantFor('a', 's', { n: { min: 5, max: 3 } })).toThrow(/min <= max/);
    expect(() => variantFor('a', 's', { n: { choices: [] } })).toThrow(/no choices/);
  });
});
