// first-sig.mjs: what a page does to show its first presigned URL with
// sigv4kit: import ./sigv4.js (kept external, as app.js does), load(), one
// presign. It records performance.now() (milliseconds since the navigation
// started) at each step; chromium-bench.mjs reads window.__done.

import { load } from "./sigv4.js";
import { resourceTimings } from "./timings.mjs";

const marks = { moduleStart: performance.now() };
window.__done = (async () => {
  const s = await load();
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
  return { marks, url, timeOrigin: performance.timeOrigin, resources: resourceTimings() };
})();
