import { processRuntime } from './process.js';
import type { Runtime, RuntimeName } from './types.js';
import { wasmRuntime } from './wasm.js';

export type { Runtime, RuntimeName } from './types.js';

/** Every runtime by the name a spec or `--runtime` uses. A new runtime is one module, listed here once. */
export const runtimes: Readonly<Record<RuntimeName, Runtime>> = {
  wasm: wasmRuntime,
  process: processRuntime,
};

export const RUNTIME_NAMES = Object.keys(runtimes) as RuntimeName[];

export const isRuntimeName = (name: string): name is RuntimeName => Object.hasOwn(runtimes, name);
