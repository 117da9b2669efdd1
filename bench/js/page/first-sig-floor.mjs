// first-sig-floor.mjs: first-sig.mjs with the smallest Go module
// (bench/js/floor): import ./floor.js (kept external, as ./sigv4.js is),
// load(), one call of its //go:wasmexport function. The same marks and
// resource timings, so chromium-bench.mjs puts it in the same table: what
// any Go WebAssembly module costs before its first call.

import { load } from "./floor.js";
import { resourceTimings } from "./timings.mjs";

const marks = { moduleStart: performance.now() };
window.__done = (async () => {
  const ex = await load();
  marks.loaded = performance.now();
  const answer = ex.floor_call(41);
  marks.signed = performance.now();
  return { marks, answer, timeOrigin: performance.timeOrigin, resources: resourceTimings() };
})();
