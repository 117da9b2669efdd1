// first-sig-floor-steps.mjs: first-sig-steps.mjs with the floor module, the
// same steps (fetch, then compile, then load(module), then the first and a
// second call), so the two step tables compare line by line.

import { load } from "./floor.js";

const marks = { moduleStart: performance.now() };
window.__done = (async () => {
  const bytes = await (await fetch(new URL("./floor.wasm", import.meta.url))).arrayBuffer();
  marks.fetched = performance.now();
  const module = await WebAssembly.compile(bytes);
  marks.compiled = performance.now();
  const ex = await load(module);
  marks.loaded = performance.now();
  const answer = ex.floor_call(41);
  marks.signed = performance.now();
  ex.floor_call(answer);
  marks.second = performance.now();
  return { marks, answer, timeOrigin: performance.timeOrigin, resources: [] };
})();
