import type { RuntimeName } from '../sandbox/runtimes/types.js';
import { UserError } from './errors.js';

/** Listed here rather than imported from the registry, so `grade --help` loads no runtime code. */
export const RUNTIME_NAMES: readonly RuntimeName[] = ['wasm', 'process'];

/** `--runtime wasm|process`, or undefined to follow the spec. */
export function parseRuntime(value: string | undefined): RuntimeName | undefined {
  if (value === undefined) return undefined;
  if ((RUNTIME_NAMES as readonly string[]).includes(value)) return value as RuntimeName;
  throw new UserError(`--runtime must be ${RUNTIME_NAMES.join(' or ')}, got "${value}"`);
}
