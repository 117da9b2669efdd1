// first-sig-steps.mjs: first-sig.mjs split into steps, to see where the time
// goes (a diagnostic: unlike load() it downloads, then compiles, without
// overlapping the two). load() accepts a compiled WebAssembly.Module, so the
// rest is the module's own path: instantiate, start the Go runtime, first call.

import { load } from "./sigv4.js";

const marks = { moduleStart: performance.now() };
window.__done = (async () => {
  const bytes = await (await fetch(new URL("./sigv4.wasm", import.meta.url))).arrayBuffer();
  marks.fetched = performance.now();
  const module = await WebAssembly.compile(bytes);
  marks.compiled = performance.now();
  const s = await load(module);
  marks.loaded = performance.now();
  const { url } = s.presign({
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    region: "us-east-1",
    date: "2013-05-24T00:00:00Z",
    url: "https://examplebucket.s3.amazonaws.com/test.txt",
    expires: 86400,
  });
  marks.signed = performance.now();
  s.presign({
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    region: "us-east-1",
    date: "2013-05-24T00:00:00Z",
    url: "https://examplebucket.s3.amazonaws.com/test.txt",
    expires: 86400,
  });
  marks.second = performance.now();
  return { marks, url, timeOrigin: performance.timeOrigin, resources: [] };
})();
