// profile-node.mjs: where the CPU time of one s.presign goes, in Node. It
// samples a loop of presigns with V8's profiler and groups the time by what
// runs: the JS glue, the bridge (package main of ./wasm), JSON in Go, SHA-256,
// the rest of the core, the Go runtime. Wasm functions have names only in a
// build that keeps them, so build one first:
//
//   GOOS=js GOARCH=wasm go build -trimpath -o /tmp/sigv4-names.wasm ./wasm
//   node bench/js/profile-node.mjs /tmp/sigv4-names.wasm [seconds]
//
// The glue is web/dist/sigv4.js (SIGV4_DIST to change): build with ./build.sh
// from the same tree. The profiler slows every call down; read the shares,
// not the absolute time.

import { readFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { INPUT } from "./cases.mjs";
import { ROOT } from "./report.mjs";

const [wasmPath, seconds = "3"] = process.argv.slice(2);
if (!wasmPath) {
  console.error("usage: node bench/js/profile-node.mjs FILE.wasm [seconds]   (a build without -ldflags=-s)");
  process.exit(2);
}
const DIST = new URL((process.env.SIGV4_DIST ?? new URL("web/dist", ROOT).pathname).replace(/\/?$/, "/"), "file:///");
const { load } = await import(new URL("sigv4.js", DIST).href);
const s = await load(readFileSync(wasmPath));
for (let i = 0; i < 20000; i++) s.presign(INPUT); // warm up, and past the runtime's start

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 50 });
await session.post("Profiler.start");
let calls = 0;
const t0 = performance.now();
while (performance.now() - t0 < Number(seconds) * 1000) {
  for (let i = 0; i < 100; i++) s.presign(INPUT);
  calls += 100;
}
const { profile } = await session.post("Profiler.stop");
session.disconnect();

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i]));

function category(frame) {
  const f = frame.functionName;
  const url = frame.url;
  if (/sha256/i.test(f)) return "SHA-256 (Go, in wasm)";
  if (f.startsWith("sigv4kit_internal_jsonv")) return "JSON in Go (internal/jsonv)";
  if (f.startsWith("main.")) return "bridge (./wasm, package main)";
  if (f.startsWith("sigv4kit_sigv4")) return "core, besides SHA-256 (./sigv4)";
  if (/^(runtime|internal_runtime|memmove|memeq|memcmp|memchr|cmpbody|gcWriteBarrier|wasm_)/.test(f) || f.startsWith("runtime.")) {
    return "Go runtime (allocation, memmove, GC)";
  }
  if (f === "(garbage collector)") return "V8 garbage collector";
  if (f === "(idle)" || f === "(program)") return null;
  if (url.startsWith("wasm://") || /^[0-9a-f]{8}$/.test(url.split("/").pop())) return "other Go packages";
  if (url.endsWith("sigv4.js")) return "JS glue (sigv4.js: JSON.stringify, encodeInto, decode, JSON.parse)";
  return "V8 built-ins and other JS";
}

const byCat = new Map();
const byFn = new Map();
let total = 0;
for (const [id, us] of self) {
  const frame = nodes.get(id).callFrame;
  const c = category(frame);
  if (c === null) continue;
  total += us;
  byCat.set(c, (byCat.get(c) ?? 0) + us);
  const name = frame.functionName || "(anonymous)";
  byFn.set(name, (byFn.get(name) ?? 0) + us);
}
const usPerCall = (1000 * (performance.now() - t0)) / calls;
console.log(`${calls} presigns in ${seconds} s under the profiler (${usPerCall.toFixed(1)} µs each, inflated by sampling)`);
console.log("\nself time by part:");
for (const [c, us] of [...byCat].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${c}`);
}
console.log("\nlargest functions (self time):");
for (const [f, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${f}`);
}
