import type { TestStatus } from '../../grader/report/schema.js';

/**
 * What each hostile submission must come to. `statuses` maps a test-name prefix ('*' = every
 * test) to the status its tests must get; every test not matched must pass, which is how the
 * suite shows an attack costs at most the cases it ran in. `says` is what the student-facing
 * message of those tests must contain: it names the layer that stopped the attack.
 *
 * Expectations come from the requirements, not from running the grader: a forbidden
 * import is a build error naming the module, a memory bomb is `memory`, a flood `output-limit`,
 * a process that ends itself `crash`, a value that is not plain data an `error`, a wrong value `failed`.
 */
export interface Expected {
  /** A list where a limit may be met either way (e.g. a heap bomb stopped by time or by memory). */
  statuses: Record<string, TestStatus | TestStatus[]>;
  says?: RegExp;
}

const ALL = '*';
const ONE_CASE = 'outputSize/lecture/stride-2';

export const EXPECTED: Record<string, Expected> = {
  // Refused before any code runs: the import allow-list and the staged copy.
  'read-solutions-import': { statuses: { [ALL]: 'error' }, says: /"node:fs" is not allowed/ },
  'spawn-child-process': {
    statuses: { [ALL]: 'error' },
    says: /"node:child_process" is not allowed/,
  },
  'worker-thread': { statuses: { [ALL]: 'error' }, says: /"node:worker_threads" is not allowed/ },
  'fork-bomb-cluster': { statuses: { [ALL]: 'error' }, says: /"node:cluster" is not allowed/ },
  'trace-events-import': {
    statuses: { [ALL]: 'error' },
    says: /"node:trace_events" is not allowed/,
  },
  'computed-import-fs': {
    statuses: { [ALL]: 'error' },
    says: /import\(name\) loads a module chosen at run time/,
  },
  'escape-import-other-student': {
    statuses: { [ALL]: 'error' },
    says: /leaves the submission folder/,
  },
  'symlink-reference': { statuses: { [ALL]: 'error' }, says: /symbolic link/ },

  // Doors the runner closes before student code runs: the attacked calls throw.
  'getbuiltin-read-spec': { statuses: { 'featureMap/': 'error' }, says: /TypeError/ },
  'proc-ppid-cmdline': { statuses: { 'featureMap/': 'error' }, says: /TypeError/ },
  'network-fetch': { statuses: { 'featureMap/': 'error' }, says: /TypeError/ },
  'kill-parent': { statuses: { 'featureMap/': 'error' }, says: /TypeError/ },
  'kill-group': { statuses: { 'featureMap/': 'error' }, says: /process\.kill is not allowed/ },
  // The environment is empty, so the "leak" is `{}`.
  'read-env': { statuses: { 'featureMap/': 'error' }, says: /LEAK:\{\}/ },
  // The permission model: no file writes.
  'write-report-file': {
    statuses: { 'featureMap/': 'error' },
    says: /Access to this API has been restricted|ERR_ACCESS_DENIED/,
  },
  // The network namespace: the loopback of the host is not there.
  'network-socket': { statuses: { 'featureMap/': 'error' }, says: /network: blocked/ },

  // Ending the process is a crash of the calls it happened in.
  'process-exit': { statuses: { 'maxPool/': 'crash' }, says: /process\.exit/ },
  'exit-at-load': { statuses: { [ALL]: 'crash' }, says: /while loading/ },
  'leak-via-exit-code': { statuses: { 'outputSize/': 'crash' } },

  // Forged messages. stdout is not a channel: a fake report there changes nothing. fd 3 is: but the
  // runner holds it already, so a second handle on it fails with EEXIST and no forged frame gets
  // out. (What the parent does with garbage, future ids and 4 GB headers on fd 3 is tested with a
  // hand-made box in tests/sandbox/protocol.test.ts.)
  'forge-stdout-report': { statuses: { 'featureMap/': 'failed' } },
  'forge-fd3-garbage': { statuses: { 'relu/': 'error' }, says: /EEXIST/ },
  'forge-fd3-huge-length': { statuses: { 'maxPool/': 'error' }, says: /EEXIST/ },
  'forge-fd3-future-id': { statuses: { 'conv2d/': 'error' }, says: /EEXIST/ },

  // Patched globals live in the child only; the parent judges with its own.
  'patch-judge-globals': { statuses: { 'featureMap/': 'failed' } },
  'patch-object-prototype': { statuses: { 'featureMap/': 'failed' } },

  // Values: only plain data crosses, bounded in size and depth.
  'proxy-return': { statuses: { 'featureMap/': 'error' }, says: /cannot be sent back/ },
  'throwing-getter-return': { statuses: { 'featureMap/': 'error' }, says: /cannot be sent back/ },
  'nan-values': { statuses: { 'featureMap/': 'failed' } },
  'infinity-values': { statuses: { 'outputSize/': 'failed' } },
  'negative-zero': { statuses: {} },
  'proto-keys': { statuses: { 'featureMap/': 'failed' } },
  'huge-array': { statuses: { 'featureMap/': 'output-limit' } },
  'huge-string': { statuses: { 'featureMap/': 'output-limit' } },
  'deep-nested-return': { statuses: { 'featureMap/': 'error' }, says: /nested deeper/ },

  // Control flow.
  'non-error-throw': { statuses: { 'featureMap/': 'error' }, says: /non-Error/ },
  'unhandled-rejection': { statuses: {} },
  'never-resolving': { statuses: { [ONE_CASE]: 'timeout' } },
  'late-reply': { statuses: { [ONE_CASE]: 'timeout' } },
  'module-scope-loop': { statuses: { [ALL]: 'timeout' }, says: /did not finish loading/ },
  'deep-recursion': { statuses: { 'featureMap/': 'error' }, says: /RangeError/ },
  'leak-hidden-inputs': { statuses: { 'conv2d/': 'error' } },

  // Resources.
  'heap-bomb': { statuses: { [ONE_CASE]: 'memory' }, says: /memory/ },
  'offheap-float64-bomb': { statuses: { [ONE_CASE]: 'memory' }, says: /memory/ },
  'buffer-bomb': { statuses: { [ONE_CASE]: 'memory' }, says: /memory/ },
  'output-flood': { statuses: { 'relu/': 'output-limit' }, says: /printed more than/ },

  // Aimed at the wasm runtime (expected here for the process one).
  // node's structured clone reads the getter: the value arrives as { x: 1 }, the wrong shape.
  'getter-object-return': { statuses: { 'featureMap/': 'failed' } },
  // The grader never calls toJSON, valueOf or Symbol.toPrimitive of student values: full marks.
  'tojson-valueof-patch': { statuses: {} },
  'primitive-objects-return': { statuses: { 'featureMap/': 'error' }, says: /cannot be sent back/ },
  'regex-catastrophic': { statuses: { [ONE_CASE]: 'timeout' } },
  'loop-in-finally': { statuses: { [ONE_CASE]: 'timeout' } },
  'promise-flood': { statuses: { [ONE_CASE]: 'timeout' } },
  // node keeps every promise of the chain: memory or time, whichever limit comes first.
  'job-flood': { statuses: { [ONE_CASE]: ['timeout', 'memory'] } },
  'atomics-wait': { statuses: { [ONE_CASE]: 'timeout' } },
  // V8's strings are ropes: the doubling reaches the maximum string length before the memory limit.
  'string-doubling': { statuses: { [ONE_CASE]: ['error', 'memory'] } },
};

/**
 * Where the wasm runtime (QuickJS, no node APIs at all) differs: names that node provides are simply
 * not there (ReferenceError), imports of built-ins are build errors naming the wasm sandbox, and
 * values are read inside QuickJS, where a getter is refused and a proxy is read once.
 */
const NO_NODE = /ReferenceError/;
const WASM_IMPORT = /is not allowed: this assignment runs in the wasm sandbox/;
export const WASM_EXPECTED: Record<string, Expected> = {
  ...EXPECTED,
  'read-solutions-import': { statuses: { [ALL]: 'error' }, says: WASM_IMPORT },
  'spawn-child-process': { statuses: { [ALL]: 'error' }, says: WASM_IMPORT },
  'worker-thread': { statuses: { [ALL]: 'error' }, says: WASM_IMPORT },
  'fork-bomb-cluster': { statuses: { [ALL]: 'error' }, says: WASM_IMPORT },
  'trace-events-import': { statuses: { [ALL]: 'error' }, says: WASM_IMPORT },
  'getbuiltin-read-spec': { statuses: { 'featureMap/': 'error' }, says: NO_NODE },
  'proc-ppid-cmdline': { statuses: { 'featureMap/': 'error' }, says: NO_NODE },
  'network-fetch': { statuses: { 'featureMap/': 'error' }, says: NO_NODE },
  'kill-parent': { statuses: { 'featureMap/': 'error' }, says: NO_NODE },
  'kill-group': { statuses: { 'featureMap/': 'error' }, says: NO_NODE },
  'read-env': { statuses: { 'featureMap/': 'error' }, says: NO_NODE },
  'write-report-file': { statuses: { 'featureMap/': 'error' }, says: NO_NODE },
  'network-socket': { statuses: { 'featureMap/': 'error' }, says: NO_NODE },
  'process-exit': { statuses: { 'maxPool/': 'error' }, says: NO_NODE },
  'exit-at-load': { statuses: { [ALL]: 'error' }, says: /failed to load/ },
  'leak-via-exit-code': { statuses: { 'outputSize/': 'error' } },
  'forge-fd3-garbage': { statuses: { 'relu/': 'error' }, says: NO_NODE },
  'forge-fd3-huge-length': { statuses: { 'maxPool/': 'error' }, says: NO_NODE },
  'forge-fd3-future-id': { statuses: { 'conv2d/': 'error' }, says: NO_NODE },
  // Read once, inside QuickJS: the trap's later answers (42) are what the student returned.
  // (whether those pass depends on the case's size: a 1 × 1 result is read before the trap lies).
  'proxy-return': { statuses: { 'featureMap/': ['failed', 'passed'] } },
  'throwing-getter-return': { statuses: { 'featureMap/': 'error' }, says: /cannot accept/ },
  'deep-recursion': { statuses: { 'featureMap/': 'error' }, says: /ran out of stack/ },
  // QuickJS allocates slowly: a heap bomb may meet the time limit before the memory limit.
  'heap-bomb': { statuses: { [ONE_CASE]: ['memory', 'timeout'] } },
  'buffer-bomb': { statuses: { [ONE_CASE]: 'error' }, says: NO_NODE },
  // Building 1.2 million numbers in an interpreter may take longer than the case's time limit.
  'huge-array': { statuses: { 'featureMap/': ['output-limit', 'timeout'] } },
  'getter-object-return': { statuses: { 'featureMap/': 'error' }, says: /is a getter/ },
  'primitive-objects-return': { statuses: { 'featureMap/': 'error' }, says: /cannot accept/ },
  'atomics-wait': { statuses: { [ONE_CASE]: 'error' }, says: NO_NODE },
};

/** The status a test must have under an expectation. */
export function expectedStatuses(e: Expected, testName: string): TestStatus[] {
  for (const [prefix, status] of Object.entries(e.statuses))
    if (prefix === ALL || testName.startsWith(prefix))
      return Array.isArray(status) ? status : [status];
  return ['passed'];
}
