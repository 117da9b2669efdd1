// bench.mjs: the benchmark page's script (bundled into dist/bench.js with our
// module and the compared packages). chromium-bench.mjs drives it through
// window.bench and measures the renderer's CPU time around each round.

import { load } from "../dist/sigv4.js"; // the snapshot of web/dist that run-chromium.sh makes
import { Sha256 as Sha256Browser } from "@aws-crypto/sha256-browser";
import { calibrate, jsCases, ours, round, sinkValue, smithyCase, verify } from "../cases.mjs";

window.benchReady = (async () => {
  const s = await load(); // sigv4.wasm next to this bundle
  const cases = [
    ...ours(s),
    ...jsCases(),
    smithyCase(
      "@smithy/signature-v4 + sha256-browser",
      Sha256Browser,
      "SignatureV4.presign with @aws-crypto/sha256-browser (WebCrypto digest and HMAC, one importKey per HMAC)",
    ),
  ];
  window.bench = {
    cases: cases.map((c) => ({ name: c.name, note: c.note, ops: c.ops, competitor: !!c.competitor })),
    verify: (i) => verify(cases[i]),
    calibrate: (i, warmMs, roundMs) => calibrate(cases[i], warmMs, roundMs),
    round: (i, calls) => round(cases[i], calls),
    sink: () => sinkValue(),
    version: s.version,
  };
  return window.bench.cases;
})();
