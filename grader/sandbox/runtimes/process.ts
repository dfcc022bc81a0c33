import { prepareBox } from '../box.js';
import { isolationPlan } from '../layers.js';
import { createSession } from '../session.js';
import type { Runtime } from './types.js';

/** A sandboxed node child per submission (a fresh one after a fault): node's full speed, for training. */
export const processRuntime: Runtime = {
  name: 'process',
  async prepare(submissionDir, studentFiles, options) {
    const box = await prepareBox(submissionDir, studentFiles, options);
    if (!box.ok) return box;
    return {
      ok: true,
      prepared: {
        session: (limits) => createSession({ box: box.box.dir, limits }),
        dispose: box.box.dispose,
      },
    };
  },
  isolation: () => {
    const plan = isolationPlan();
    return { layers: plan.layers, missing: plan.missing };
  },
};
