// floor.mjs: the glue of the floor module, as thin as sigv4.js's path to its
// first call: Go's wasm_exec.js (the same file, bundled in), fetch and
// instantiateStreaming of floor.wasm next to this file (or instantiate of a
// compiled module, for the steps page), go.run; the page then calls the
// export once. run-chromium.sh bundles it into floor.js.

import "../../../web/src/gen/wasm_exec.js"; // copied by ./build.sh

export async function load(module) {
  const go = new globalThis.Go();
  const instance = module
    ? await WebAssembly.instantiate(module, go.importObject)
    : (await WebAssembly.instantiateStreaming(fetch(new URL("./floor.wasm", import.meta.url)), go.importObject)).instance;
  go.run(instance); // settles only when Go exits: not awaited
  return instance.exports;
}
