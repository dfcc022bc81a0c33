/** Adam (Kingma & Ba, 2015) over a list of parameter arrays, updated in place. */
export interface Adam {
  step(params: Float64Array[], grads: Float64Array[], learningRate: number): void;
}

export function makeAdam(params: Float64Array[], beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8): Adam {
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  let t = 0;
  return {
    step(ps, gs, learningRate) {
      t++;
      const correction1 = 1 - beta1 ** t;
      const correction2 = 1 - beta2 ** t;
      for (let a = 0; a < ps.length; a++) {
        const p = ps[a],
          g = gs[a],
          ma = m[a],
          va = v[a];
        for (let i = 0; i < p.length; i++) {
          ma[i] = beta1 * ma[i] + (1 - beta1) * g[i];
          va[i] = beta2 * va[i] + (1 - beta2) * g[i] * g[i];
          p[i] -=
            (learningRate * (ma[i] / correction1)) / (Math.sqrt(va[i] / correction2) + epsilon);
        }
      }
    },
  };
}
