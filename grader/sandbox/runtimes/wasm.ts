import { stageAndBundle } from '../box.js';
import type { Runtime } from './types.js';
import { createWasmSession } from './wasm-session.js';

const LAYERS = [
  'QuickJS compiled to WebAssembly (no filesystem, network, processes or host objects)',
  'fresh runtime and context per submission and after any fault',
  "import allow-list: the student's own files only (no node built-ins)",
  'staged copy (no links)',
  'values cross as strings, checked as plain data in the host',
  'time limits (interrupt handler, also for promises and pending jobs)',
  'memory limit (QuickJS allocator)',
  'stack limit',
  'output caps',
];

/** Student code in a QuickJS engine inside the grader's process, never in its own JS realm. */
export const wasmRuntime: Runtime = {
  name: 'wasm',
  async prepare(submissionDir, studentFiles, options) {
    const bundle = await stageAndBundle(submissionDir, studentFiles, 'wasm', options);
    if (!bundle.ok) return bundle;
    return {
      ok: true,
      prepared: {
        session: (limits) => createWasmSession({ code: bundle.code, limits }),
        dispose: async () => {},
      },
    };
  },
  isolation: () => ({ layers: LAYERS, missing: [] }),
};
