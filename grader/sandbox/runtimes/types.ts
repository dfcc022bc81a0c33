import type { StageOptions } from '../box.js';
import type { BuildError } from '../bundle.js';
import type { SandboxLimits } from '../child.js';
import type { Session } from '../session.js';
import type { StageError } from '../stage.js';

/** Where student code runs. Listed once in registry.ts; the spec's `runtime:` names one. */
export type RuntimeName = 'wasm' | 'process';

/** A submission made ready for one runtime: sessions call into it; dispose removes what it left. */
export interface Prepared {
  session(limits: SandboxLimits): Session;
  dispose(): Promise<void>;
}

export type PrepareResult =
  | { ok: true; prepared: Prepared }
  | { ok: false; stage?: StageError; build?: BuildError[] };

export interface Runtime {
  name: RuntimeName;
  /** Stages and bundles the student's files for this runtime (a build error names the file). */
  prepare(
    submissionDir: string,
    studentFiles: readonly string[],
    options?: StageOptions,
  ): Promise<PrepareResult>;
  /** The isolation layers this runtime has on this machine, and those it lacks (with the reason). */
  isolation(): { layers: string[]; missing: string[] };
}
