// node-bench.mjs: presigns per second through sigv4kit's JS API in Node,
// next to the JavaScript signers users would pick instead, in one process
// and one run. Run it with ./run-node.sh, which installs the others.
//
// Every signer is checked once against the documented signature, then warmed
// up, then timed in rounds that visit the signers in turn (so that a burst of
// load on the shared machine hits them all alike). Each round measures the
// process's CPU time (process.cpuUsage: every thread, so also the thread
// pool where Node's WebCrypto runs) and the wall time; the table shows
// medians. Benchmarks report: only a wrong signature makes this exit 1.
//
// Environment: ROUNDS (default 7), ROUND_MS (default 300), WARM_MS (default
// 1000), OUT (default results/node.txt), SIGV4_DIST (default web/dist).

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import aws4 from "aws4";
import { BATCH, HOST, INPUT, calibrate, jsCases, ours, round, sinkValue, verify } from "./cases.mjs";
import { HERE, ROOT, build, load, summarize, table, versions } from "./report.mjs";

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const ROUND_MS = Number(process.env.ROUND_MS ?? 300);
const WARM_MS = Number(process.env.WARM_MS ?? 1000);
const OUT = process.env.OUT ?? new URL("results/node.txt", HERE).pathname;
const DIST = new URL((process.env.SIGV4_DIST ?? new URL("web/dist", ROOT).pathname).replace(/\/?$/, "/"), "file:///");

const loadBefore = load();
const started = new Date();

const { load: loadSigner } = await import(new URL("sigv4.js", DIST).href);
const wasm = readFileSync(new URL("sigv4.wasm", DIST));
const t0 = performance.now();
const s = await loadSigner(wasm);
const loadMs = performance.now() - t0;

// aws4 uses node:crypto (OpenSSL): a Node-only reference, not a competitor
// in the browser. It mutates the request, so each call gets a new one.
const aws4Case = {
  name: "aws4 (node:crypto)",
  note: "aws4.sign({host, path, service: 's3', region, signQuery: true}, credentials); key cache built in",
  ops: 1,
  async: false,
  reference: true,
  one: () => {
    const r = aws4.sign(
      { host: HOST, path: "/test.txt?X-Amz-Expires=86400&X-Amz-Date=20130524T000000Z", service: "s3", region: INPUT.region, signQuery: true },
      { accessKeyId: INPUT.accessKeyId, secretAccessKey: INPUT.secretAccessKey },
    );
    return "https://" + r.host + r.path;
  },
};

const cases = [...ours(s), ...jsCases(), aws4Case];

console.error(`checking ${cases.length} signers against the documented signature`);
let failed = 0;
for (const c of cases) {
  c.check = await verify(c);
  c.rounds = [];
  if (!c.check.ok) failed++;
  console.error(`  ${c.check.ok ? "ok    " : "FAILED"} ${c.name}: ${c.check.detail}`);
}
const timed = cases.filter((c) => c.check.ok);

console.error(`warming up (${WARM_MS} ms each) and calibrating rounds of ~${ROUND_MS} ms`);
for (const c of timed) {
  c.calls = await calibrate(c, WARM_MS, ROUND_MS);
}

console.error(`${ROUNDS} rounds`);
for (let r = 0; r < ROUNDS; r++) {
  // Rotate the order so no signer always runs right after the same other.
  for (let k = 0; k < timed.length; k++) {
    const c = timed[(k + r) % timed.length];
    const cpu0 = process.cpuUsage();
    const wallMs = await round(c, c.calls);
    const cpu = process.cpuUsage(cpu0);
    c.rounds.push({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, urls: c.calls * c.ops });
  }
  process.stderr.write(".");
}
process.stderr.write("\n");

const { rows, fastest } = summarize(cases);
const ourRow = rows.find((x) => x.c.name === "sigv4kit presign");
const batchRow = rows.find((x) => x.c.name.startsWith("sigv4kit presignBatch"));
const out = [
  "# JS API in Node: presigned URLs per second (bench/js/run-node.sh)",
  "",
  `date         ${started.toISOString()}`,
  `load avg     before ${loadBefore}; after ${load()} (2 cores, shared with other jobs)`,
  `node         ${process.version} (V8 ${process.versions.v8})`,
  `build        ${build(new URL("sigv4.wasm", DIST))}, version ${s.version}`,
  `packages     ${versions().filter((v) => !v.startsWith("@aws-crypto/sha256-browser")).join(", ")}`,
  `method       ${ROUNDS} rounds of ~${ROUND_MS} ms per signer, interleaved, after ${WARM_MS} ms of warm-up each;`,
  `             medians. URLs/s = 1e6 / (CPU µs per URL); CPU is the whole process (process.cpuUsage).`,
  `             load(wasm bytes) took ${loadMs.toFixed(0)} ms (compile + Go runtime start).`,
  `input        the AWS documented presigned GET (${INPUT.url}, ${INPUT.region}, ${INPUT.date}, ${INPUT.expires} s)`,
  "",
  table(rows),
  "",
  `× fastest JS: URLs/s relative to the fastest pure-JS competitor, ${fastest ? fastest.c.name : "(none checked)"}.`,
  "aws4 uses node:crypto (OpenSSL) and runs only in Node: shown for reference, not a competitor.",
  "",
  `target (issue 6): ≥ 3× the fastest JS library. presign: ${ourRow && Number.isFinite(ourRow.ratio) ? ourRow.ratio.toFixed(2) + "×" : "-"}` +
    `, presignBatch(${BATCH}): ${batchRow && Number.isFinite(batchRow.ratio) ? batchRow.ratio.toFixed(2) + "×" : "-"}`,
  "",
  "signers:",
  ...cases.map((c) => `  ${c.name}: ${c.note}${c.calls ? `; ${c.calls} calls per round` : ""}`),
  "checks:",
  ...cases.map((c) => `  ${c.check.ok ? "ok" : "FAILED"} ${c.name}: ${c.check.detail}`),
  "",
].join("\n");

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, out);
process.stdout.write(out);
console.error(`wrote ${OUT} (sink ${sinkValue() % 10})`);
process.exit(failed ? 1 : 0);
