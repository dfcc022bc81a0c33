import { newQuickJSWASMModule, RELEASE_SYNC } from 'quickjs-emscripten';
const m = await newQuickJSWASMModule(RELEASE_SYNC);
const variant = process.argv[2];
const rt = m.newRuntime(); let deadline = Date.now() + 300;
rt.setInterruptHandler(() => Date.now() > deadline);
const ctx = rt.newContext();
const src = variant === 'a' ? `const f = () => Promise.resolve().then(f); f();` : variant === 'b' ? `const f = () => { Promise.resolve().then(f) }; f();` : `(async () => { for(;;) await null })()`;
ctx.evalCode(src).unwrap().dispose();
let n = 0;
while (Date.now() <= deadline && rt.hasPendingJob()) { const r = rt.executePendingJobs(1000); if (r.error) { r.error.dispose(); } n++; }
console.log('loops', n, 'pending', rt.hasPendingJob());
deadline = 0;
for (let i = 0; i < 1000 && rt.hasPendingJob(); i++) { const r = rt.executePendingJobs(1000); if (r.error) r.error.dispose(); }
console.log('pending after drain', rt.hasPendingJob());
try { ctx.dispose(); rt.dispose(); console.log('disposed ok'); } catch (e) { console.log('dispose failed', (e as Error).message.slice(0, 80)); }
