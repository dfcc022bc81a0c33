import { createWasmSession } from './grader/sandbox/runtimes/wasm-session.js';
const code = `var __seedgrade_files = { files: { 'a.ts': {
  big: () => [Array.from({ length: 1200000 }, () => 1.5)],
  make: () => { const t = Date.now(); const a = Array.from({ length: 1200000 }, () => 1.5); return Date.now() - t; },
  special: (x) => [NaN, -0, Infinity, -Infinity, '\\u0000x', x],
} } };`;
const s = createWasmSession({ code, limits: { memoryMb: 128, maxProcesses: 1, outputBytes: 1 << 22 } });
for (const e of ['make', 'big', 'special']) { const t = Date.now(); const r = await s.call({ file: 'a.ts', exportName: e, args: [[NaN, -0, '\u0000y']], timeoutMs: 20000 }); console.log(e, Date.now() - t, JSON.stringify(r).slice(0, 200), r.status === 'ok' ? r.value : ''); }
