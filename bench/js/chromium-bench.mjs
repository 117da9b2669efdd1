// chromium-bench.mjs: sigv4kit's JS API in headless Chromium, next to the
// JavaScript signers users would pick instead. Run it with ./run-chromium.sh,
// which builds the pages into dist/ and the server.
//
// 1. Presigns per second, all signers in one page and one run: each is
//    checked against the documented signature, warmed up, then timed in
//    interleaved rounds. Around each round we read the CPU time of
//    Chromium's renderer processes (every thread, from /proc/PID/task/*/schedstat,
//    so WebCrypto's worker threads and V8's GC helpers count) and the page's
//    wall time; the table shows medians.
// 2. Navigation to the first signature: first-sig.html (imports ./sigv4.js,
//    load(), one presign), first-sig-aws4fetch.html and first-sig-floor.html
//    (the smallest Go module, bench/js/floor, loaded the same way and called
//    once: the Go floor), plus the two "steps" pages, each in a new browser
//    context (own empty cache) per run, in rotating order, served by
//    serve.go (precompressed brotli/gzip, as it serves web/dist). The page
//    records performance.now() at the signature: milliseconds since the
//    navigation started.
//
// Arguments: SERVE_BIN DIST_DIR. Environment: PAGES (3), ROUNDS (7), ROUND_MS (300),
// WARM_MS (1000), FIRST_RUNS (15), OUT (results/chromium.txt), RAW (a file
// for every measurement as JSON; none by default).

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname } from "node:path";
import { BATCH, checkURL, median } from "./cases.mjs";
import { launch } from "./cdp.mjs";
import { HERE, build, load, serve, summarize, table, versions } from "./report.mjs";

const [SERVE_BIN, DIST_DIR] = process.argv.slice(2);
if (!SERVE_BIN || !DIST_DIR) {
  console.error("usage: node chromium-bench.mjs SERVE_BIN DIST_DIR (run ./run-chromium.sh)");
  process.exit(2);
}
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const PAGES = Number(process.env.PAGES ?? 3);
const ROUND_MS = Number(process.env.ROUND_MS ?? 300);
const WARM_MS = Number(process.env.WARM_MS ?? 1000);
const FIRST_RUNS = Number(process.env.FIRST_RUNS ?? 15);
const OUT = process.env.OUT ?? new URL("results/chromium.txt", HERE).pathname;

const loadBefore = load();
const started = new Date();
let failed = 0;

// ---- the server -------------------------------------------------------------

const { origin, stop: cleanup } = await serve(SERVE_BIN, DIST_DIR);
console.error(`serving ${DIST_DIR} at ${origin}`);

// ---- CPU time of the renderers ----------------------------------------------

function threadNs(pid) {
  let ns = 0;
  let tids;
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  for (const tid of tids) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return ns;
}

/** rendererNs returns a map pid -> CPU nanoseconds of every renderer process. */
async function rendererNs(browser) {
  const { processInfo } = await browser.send("SystemInfo.getProcessInfo");
  const m = new Map();
  for (const p of processInfo) {
    if (p.type !== "renderer") continue;
    const ns = threadNs(p.id);
    if (ns !== null) m.set(p.id, ns);
  }
  return m;
}

/** processNs returns a map pid -> CPU nanoseconds of every Chromium process. */
async function processNs(browser) {
  const { processInfo } = await browser.send("SystemInfo.getProcessInfo");
  const m = new Map();
  for (const p of processInfo) {
    const ns = threadNs(p.id);
    if (ns !== null) m.set(p.id, ns);
  }
  return m;
}

/** spentMs is the CPU time from a to b, counting processes started in between from zero. */
function spentMs(a, b) {
  let ns = 0;
  for (const [pid, v] of b) ns += v - (a.get(pid) ?? 0);
  return ns / 1e6;
}

function cpuDeltaMs(a, b) {
  let ns = 0;
  for (const [pid, v] of b) if (a.has(pid)) ns += v - a.get(pid);
  return ns / 1e6;
}

// ---- 1. presigns per second ---------------------------------------------------

const browser = await launch();
const { product } = await browser.send("Browser.getVersion");
let throughput;
const pageRatios = []; // per page load: summarize(...).rows
let firstSig;
const firstSigLoads = [];
let moduleVersion = "?";
try {
  console.error(`${product}: presigns per second, ${PAGES} page loads`);
  // Several page loads (fresh renderers): V8's tiering makes the same
  // signer differ by up to 1.5x from one load to the next, more than
  // between rounds. The table takes the median over every round of every
  // load; pageRatios keeps each load's own figures.
  let cases = null;
  for (let load = 0; load < PAGES; load++) {
    const page = await browser.newPage();
    await page.goto(`${origin}/bench.html`);
    const described = await page.evaluate("window.benchReady");
    moduleVersion = await page.evaluate("window.bench.version");
    if (cases === null) {
      cases = described.map((c, i) => ({ ...c, i, rounds: [] }));
      for (const c of cases) {
        c.check = await page.evaluate(`bench.verify(${c.i})`);
        if (!c.check.ok) failed++;
        console.error(`  ${c.check.ok ? "ok    " : "FAILED"} ${c.name}: ${c.check.detail}`);
      }
    }
    const timed = cases.filter((c) => c.check.ok);
    for (const c of timed) c.calls = await page.evaluate(`bench.calibrate(${c.i}, ${WARM_MS}, ${ROUND_MS})`);
    const first = new Map(timed.map((c) => [c, c.rounds.length]));
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < timed.length; k++) {
        const c = timed[(k + r) % timed.length];
        const before = await rendererNs(browser);
        const wallMs = await page.evaluate(`bench.round(${c.i}, ${c.calls})`);
        const after = await rendererNs(browser);
        c.rounds.push({ wallMs, cpuMs: cpuDeltaMs(before, after), urls: c.calls * c.ops });
      }
      process.stderr.write(".");
    }
    process.stderr.write("\n");
    if (page.problems.length) console.error("  page problems:\n    " + page.problems.join("\n    "));
    await page.close();
    const thisLoad = summarize(timed.map((c) => ({ ...c, rounds: c.rounds.slice(first.get(c)) })));
    pageRatios.push(thisLoad.rows);
  }
  throughput = { cases, ...summarize(cases) };

  // ---- 2. navigation to the first signature -----------------------------------

  console.error(`navigation to the first signature, ${FIRST_RUNS} fresh contexts each`);
  // script and wasm name the page's files in the resource timings; check
  // says whether what the page returned is right.
  const signed = (res) => checkURL(res.url);
  const answered = (res) => ({ ok: res.answer === 42 });
  const pages = [
    { name: "sigv4kit (first-sig.html)", path: "/first-sig.html", script: "sigv4.js", wasm: "sigv4.wasm", check: signed, runs: [] },
    { name: "aws4fetch (first-sig-aws4fetch.html)", path: "/first-sig-aws4fetch.html", script: "first-sig-aws4fetch.js", check: signed, runs: [] },
    { name: "Go floor (first-sig-floor.html)", path: "/first-sig-floor.html", script: "floor.js", wasm: "floor.wasm", check: answered, runs: [] },
    { name: "sigv4kit in steps (first-sig-steps.html)", path: "/first-sig-steps.html", check: signed, runs: [] },
    { name: "Go floor in steps (first-sig-floor-steps.html)", path: "/first-sig-floor-steps.html", check: answered, runs: [] },
  ];
  // Run -1 is a warm-up pass, not recorded: the first navigations of a
  // browser and the server's first reads are slower for reasons that are
  // not the page's. Every recorded run still starts from an empty context.
  for (let r = -1; r < FIRST_RUNS; r++) {
    if (r >= 0) firstSigLoads.push(loadavg()[0].toFixed(2));
    for (let k = 0; k < pages.length; k++) {
      const p = pages[(k + r + 1) % pages.length];
      const page = await browser.newPage();
      try {
        const before = await processNs(browser);
        await page.goto(origin + p.path);
        const res = await page.evaluate("window.__done");
        res.cpuMs = spentMs(before, await processNs(browser));
        const check = p.check(res);
        if (!check.ok) {
          failed++;
          console.error(`  FAILED ${p.name}: ${res.url ?? res.answer}`);
        }
        if (r >= 0) p.runs.push({ ...res, ok: check.ok });
        if (page.problems.length) console.error(`  ${p.name} problems:\n    ` + page.problems.join("\n    "));
      } finally {
        await page.close();
      }
    }
    process.stderr.write(".");
  }
  process.stderr.write("\n");
  firstSig = pages;
} finally {
  await browser.close();
  cleanup();
}

// ---- report -----------------------------------------------------------------

const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "-");

function stepsTable(pages) {
  const m = (f) => pages.map((p) => fmt(median(p.runs.map(f))).padStart(5) + " ms").join("  ");
  const rows = [
    ["module script running", m((r) => r.marks.moduleStart)],
    ["fetch sigv4.wasm (whole body)", m((r) => r.marks.fetched - r.marks.moduleStart)],
    ["WebAssembly.compile", m((r) => r.marks.compiled - r.marks.fetched)],
    ["load(module): instantiate, Go runtime start, version call", m((r) => r.marks.loaded - r.marks.compiled)],
    ["first presign", m((r) => r.marks.signed - r.marks.loaded)],
    ["second presign", m((r) => r.marks.second - r.marks.signed)],
    ["= navigation to first signature", m((r) => r.marks.signed)],
    ["CPU ms, every Chromium process", m((r) => r.cpuMs)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  const head = `  ${"".padEnd(w)}  ${pages.map((p) => p.label.padStart(8)).join("  ")}`;
  return [head, ...rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`)].join("\n");
}

function firstSigTable(pages) {
  const lines = [];
  const head = ["page", "median ms", "min", "max", "CPU ms", "HTML done", "script done", "module runs", "wasm fetched", "load() done", "signed", "bytes sent"];
  const rows = pages.map((p) => {
    const at = (f) => median(p.runs.map(f).filter(Number.isFinite));
    const res = (name) => (run) => run.resources.find((x) => x.name === name);
    const signed = p.runs.map((r) => r.marks.signed);
    const sent = median(p.runs.map((r) => r.resources.reduce((a, x) => a + (x.transferSize || 0), 0)));
    return [
      p.name,
      fmt(median(signed)),
      fmt(Math.min(...signed)),
      fmt(Math.max(...signed)),
      fmt(at((r) => r.cpuMs)),
      fmt(at((r) => r.resources[0].responseEnd)),
      fmt(at((r) => res(p.script)(r)?.responseEnd)),
      fmt(at((r) => r.marks.moduleStart)),
      p.wasm ? fmt(at((r) => res(p.wasm)(r)?.responseEnd)) : "-",
      p.wasm ? fmt(at((r) => r.marks.loaded)) : "-",
      fmt(median(signed)),
      Math.round(sent).toLocaleString("en-US"),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ");
  lines.push(line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line));
  return lines.join("\n");
}

const wasmRes = firstSig[0].runs[0]?.resources.find((x) => x.name === "sigv4.wasm");
const floorRes = firstSig[2].runs[0]?.resources.find((x) => x.name === "floor.wasm");
const arrived = (r) => (r ? `${r.encodedBodySize} bytes encoded for ${r.decodedBodySize} decoded (${r.encodedBodySize < r.decodedBodySize ? "compressed" : "NOT compressed"})` : "?");
const floor1st = median(firstSig[2].runs.map((r) => r.marks.signed));
const ourRow = throughput.rows.find((x) => x.c.name === "sigv4kit presign");
const batchRow = throughput.rows.find((x) => x.c.name.startsWith("sigv4kit presignBatch"));
const ours1st = median(firstSig[0].runs.map((r) => r.marks.signed));
const ratio = (r) => (r && Number.isFinite(r.ratio) ? r.ratio.toFixed(2) + "×" : "-");
const out = [
  "# JS API in headless Chromium (bench/js/run-chromium.sh)",
  "",
  `date         ${started.toISOString()}`,
  `load avg     before ${loadBefore}; after ${load()} (2 cores, shared with other jobs)`,
  `browser      ${product}, headless, flags of shared/notes/browser-testing.md, fresh --user-data-dir, CDP over --remote-debugging-pipe`,
  `build        ${build(`${DIST_DIR}/sigv4.wasm`)}, version ${moduleVersion}`,
  `packages     ${versions().filter((v) => !v.startsWith("aws4@")).join(", ")} (bundled with go tool esbuild --minify)`,
  `server       serve.go (internal/webserver) on ${origin}, serving ${DIST_DIR}: web/dist plus the pages of bench/js/page`,
  "",
  `## Presigns per second, ${PAGES} page loads in one run`,
  "",
  `method       per page load, ${ROUNDS} rounds of ~${ROUND_MS} ms per signer, interleaved, after ${WARM_MS} ms of warm-up each;`,
  `             the table: medians over the rounds of every load; below it, each load's own ratios.`,
  "             CPU = all renderer processes' threads during the round (page thread, WebCrypto workers, GC helpers);",
  "             URLs/s = 1e6 / (CPU µs per URL). Async signers (aws4fetch, @smithy) awaited one by one in a loop.",
  "",
  table(throughput.rows),
  "",
  "per page load, × fastest JS (that load's fastest pure-JS competitor):",
  ...throughput.rows
    .filter((r) => r.c.name.startsWith("sigv4kit"))
    .map((r) => `  ${r.c.name.padEnd(34)} ${pageRatios.map((rows) => ratio(rows.find((x) => x.c.name === r.c.name))).join("  ")}`),
  "",
  `× fastest JS: relative to the fastest pure-JS competitor, ${throughput.fastest ? throughput.fastest.c.name : "(none checked)"}.`,
  `target (issue 6): ≥ 3× the fastest JS library. presign: ${ratio(ourRow)}, presignBatch(${BATCH}): ${ratio(batchRow)}`,
  "",
  "signers:",
  ...throughput.cases.map((c) => `  ${c.name}: ${c.note}${c.calls ? `; ${c.calls} calls per round` : ""}`),
  "checks:",
  ...throughput.cases.map((c) => `  ${c.check.ok ? "ok" : "FAILED"} ${c.name}: ${c.check.detail}`),
  "",
  "## Navigation to the first signature",
  "",
  `method       ${FIRST_RUNS} runs per page, in rotating order, each in a new browser context (empty HTTP cache, new`,
  "             renderer) of one running browser, after one unrecorded pass of every page. Times are performance.now() in the page:",
  "             ms since navigation start.",
  "             Columns after max are medians: 'CPU ms' is the CPU time of every Chromium process (browser, network,",
  "             renderers) from navigation until the signature is read back: the work, whatever the machine's load;",
  "             then the moment each step ended; 'bytes sent' is the sum of transferSize (headers + body).",
  `             sigv4.wasm arrived as ${arrived(wasmRes)}; floor.wasm as ${arrived(floorRes)}.`,
  "             Go floor: the smallest Go module built the same way (bench/js/floor: GOOS=js GOARCH=wasm, -trimpath",
  "             -s -w, wasm-opt, the same wasm_exec.js and preloads, brotli from the same server; main blocks, one",
  "             //go:wasmexport function called once): what any Go module costs before its first call.",
  "",
  firstSigTable(firstSig.slice(0, 3)),
  "",
  "Where the time goes: first-sig-steps.html and first-sig-floor-steps.html do the same in separate steps",
  "(fetch, then compile, then load(module), then the first call; medians of the same runs; without",
  "streaming compilation, so the sum differs). For the floor, 'presign' is its one exported call:",
  stepsTable([{ ...firstSig[3], label: "sigv4kit" }, { ...firstSig[4], label: "Go floor" }]),
  "",
  `target (issue 6): navigation to first signature ≤ 250 ms median. sigv4kit: ${fmt(ours1st)} ms` +
    ` (${ours1st <= 250 ? "met" : "missed"}); the Go floor: ${fmt(floor1st)} ms; sigv4kit above the floor: ${fmt(ours1st - floor1st)} ms.`,
  "",
  "per run (ms to signature):",
  ...firstSig.map((p) => `  ${p.name}: ${p.runs.map((r) => fmt(r.marks.signed)).join(" ")}`),
  "",
  "load average during the navigation runs (1-minute figure, read before each pass of the pages):",
  `  ${firstSigLoads.join(" ")}`,
  "",
].join("\n");

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, out);
if (process.env.RAW) writeFileSync(process.env.RAW, JSON.stringify({ throughput: throughput.cases, firstSig }, null, 1));
process.stdout.write(out);
console.error(`wrote ${OUT}`);
process.exit(failed ? 1 : 0);
