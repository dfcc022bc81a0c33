import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { QuickJSWASMModule } from 'quickjs-emscripten';

let quickjs: Promise<QuickJSWASMModule> | undefined;
let compiled:
  | Promise<{ api: typeof import('quickjs-emscripten'); wasm: WebAssembly.Module }>
  | undefined;

/**
 * One QuickJS module per thread (a bulk worker loads it once). The WebAssembly is compiled once;
 * should the engine ever break (QuickJS aborts on an internal assertion, e.g. freeing a runtime
 * after some interrupted promise jobs), the next session instantiates a fresh module from it.
 */
export function loadQuickJS(): Promise<QuickJSWASMModule> {
  quickjs ??= (async () => {
    compiled ??= (async () => {
      const api = await import('quickjs-emscripten');
      const fromQuickjs = createRequire(
        createRequire(import.meta.url).resolve('quickjs-emscripten'),
      );
      const bytes = await readFile(fromQuickjs.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'));
      return { api, wasm: await WebAssembly.compile(bytes) };
    })();
    const { api, wasm } = await compiled;
    // The engine's own abort message would go to the grader's stderr; the session reports the fault itself.
    type LoaderOptions = NonNullable<Parameters<typeof api.newVariant>[1]['emscriptenModule']>;
    const quiet = { printErr: (): void => {} } as unknown as LoaderOptions;
    return api.newQuickJSWASMModule(
      api.newVariant(api.RELEASE_SYNC, { wasmModule: wasm, emscriptenModule: quiet }),
    );
  })();
  return quickjs;
}

/** The engine itself failed (a host exception out of the wasm): the next session gets a fresh module. */
export function dropQuickJS(): void {
  quickjs = undefined;
}
