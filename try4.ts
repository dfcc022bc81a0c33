import { createWasmSession } from './grader/sandbox/runtimes/wasm-session.js';
const code = `var __seedgrade_files = { files: { 'a.ts': {
  regex: () => /(a+)+$/.test('a'.repeat(40) + '!'),
  fin: () => { try { while (true) {} } finally { while (true) {} } },
  awaitFlood: async () => { for (;;) await null; },
  jobFlood: () => { const f = () => Promise.resolve().then(f); f(); return new Promise(() => {}); },
  atomics: () => { const sab = typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(16) : null; return [typeof Atomics, typeof SharedArrayBuffer, sab ? Atomics.wait(new Int32Array(sab), 0, 0) : 'none']; },
  hugeString: () => { let s = 'x'; for (;;) s += s; },
  hugeArray: () => { const a = []; for (;;) a.push(1); },
  log: () => { console.log('hi', [1, 2], { a: 1 }); return 1; },
} } };`;
const s = createWasmSession({ code, limits: { memoryMb: 128, maxProcesses: 1, outputBytes: 1 << 22 } });
for (const e of process.argv.slice(2)) { const t = Date.now(); const r = await s.call({ file: 'a.ts', exportName: e, args: [], timeoutMs: 2000 }); console.log(e, Date.now() - t, JSON.stringify(r).slice(0, 300)); }
console.log(s.output());
