// engines-bench.mjs: sigv4kit's JS API in Firefox ESR and WebKit, next to
// aws4fetch and @smithy/signature-v4 in the same engine, with the pages
// chromium-bench.mjs uses. Run it with ./run-engines.sh, which builds them.
//
// 1. Presigns per second: bench.html, every signer checked against the
//    documented URL, warmed up, then timed in interleaved rounds. These
//    engines give no per-process CPU time through their drivers, so the
//    figure is the page's wall time per URL (medians).
// 2. Navigation to the first signature: first-sig.html (sigv4kit) and
//    first-sig-aws4fetch.html, FIRST_RUNS runs each in rotating order, each
//    in a fresh browser (Firefox: a new browser context of one browser;
//    WebKit: a new WebDriver session, so a new MiniBrowser with empty data).
//
// The engines are driven as in e2e/engines (drivers.mjs); WebKit's Xvfb and
// WebKitWebDriver are started here and stopped by PID.
//
// Arguments: SERVE_BIN DIST_DIR. Environment: ENGINES (firefox,webkit),
// ROUNDS (7), ROUND_MS (300), WARM_MS (1000), FIRST_RUNS (7),
// OUT (results/engines.txt).

import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname } from "node:path";
import { checkURL, median } from "./cases.mjs";
import { HERE, ROOT, build, load, serve, summarize, table, versions } from "./report.mjs";
import { openFirefox, openWebKit } from "../../e2e/engines/drivers.mjs";

const [SERVE_BIN, DIST_DIR] = process.argv.slice(2);
if (!SERVE_BIN || !DIST_DIR) {
  console.error("usage: node engines-bench.mjs SERVE_BIN DIST_DIR (run ./run-engines.sh)");
  process.exit(2);
}
const ENGINES = (process.env.ENGINES ?? "firefox,webkit").split(",");
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const ROUND_MS = Number(process.env.ROUND_MS ?? 300);
const WARM_MS = Number(process.env.WARM_MS ?? 1000);
const FIRST_RUNS = Number(process.env.FIRST_RUNS ?? 7);
const OUT = process.env.OUT ?? new URL("results/engines.txt", HERE).pathname;

const cfg = {
  npmDir: new URL(".cache/npm", ROOT).pathname,
  firefox: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
  miniBrowser: process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
};
const loadBefore = load();
const started = new Date();
let failed = 0;
const children = [];
process.on("exit", () => children.forEach((c) => c.exitCode === null && c.kill("SIGKILL")));

const { origin, stop } = await serve(SERVE_BIN, DIST_DIR);
console.error(`serving ${DIST_DIR} at ${origin}`);

/** startWebKitDriver starts Xvfb (it picks a free display) and WebKitWebDriver on it. */
async function startWebKitDriver() {
  const x = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], { stdio: ["ignore", "ignore", "inherit", "pipe"] });
  children.push(x);
  const display = await new Promise((resolve, reject) => {
    let out = "";
    x.stdio[3].on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(out.trim());
    });
    x.on("exit", (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const d = spawn("WebKitWebDriver", [`--port=${port}`], { stdio: "ignore", env: { ...process.env, DISPLAY: `:${display}` } });
  children.push(d);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url + "/status")).ok) break;
    } catch {
      if (i > 400) throw new Error("WebKitWebDriver does not answer");
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return url;
}

/** throughput runs the signers of bench.html in one page of the engine. */
async function throughput(engine) {
  const page = await engine.newPage();
  await page.goto(`${origin}/bench.html`);
  const described = await page.eval("window.benchReady");
  const cases = described.map((c, i) => ({ ...c, i, rounds: [] }));
  for (const c of cases) {
    c.check = await page.eval(`bench.verify(${c.i})`);
    if (!c.check.ok) failed++;
    console.error(`  ${c.check.ok ? "ok    " : "FAILED"} ${c.name}: ${c.check.detail}`);
  }
  const timed = cases.filter((c) => c.check.ok);
  for (const c of timed) c.calls = await page.eval(`bench.calibrate(${c.i}, ${WARM_MS}, ${ROUND_MS})`);
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < timed.length; k++) {
      const c = timed[(k + r) % timed.length];
      const wallMs = await page.eval(`bench.round(${c.i}, ${c.calls})`);
      c.rounds.push({ wallMs, cpuMs: wallMs, urls: c.calls * c.ops });
    }
    process.stderr.write(".");
  }
  process.stderr.write("\n");
  await page.close();
  return summarize(cases);
}

/** firstSignature loads each first-signature page FIRST_RUNS times, each in a fresh browser. */
async function firstSignature(fresh) {
  const pages = [
    { name: "sigv4kit (first-sig.html)", path: "/first-sig.html", runs: [] },
    { name: "aws4fetch (first-sig-aws4fetch.html)", path: "/first-sig-aws4fetch.html", runs: [] },
  ];
  // Run -1 warms the server and the engine's own files up, unrecorded.
  for (let r = -1; r < FIRST_RUNS; r++) {
    for (let k = 0; k < pages.length; k++) {
      const p = pages[(k + r + 1) % pages.length];
      const { page, close } = await fresh();
      try {
        await page.goto(origin + p.path);
        const res = await page.eval("window.__done");
        if (!checkURL(res.url).ok) {
          failed++;
          console.error(`  FAILED ${p.name}: ${res.url}`);
        }
        if (r >= 0) p.runs.push(res.marks.signed);
      } finally {
        await close();
      }
    }
    process.stderr.write(".");
  }
  process.stderr.write("\n");
  return pages;
}

const results = [];
try {
  for (const name of ENGINES) {
    const open = { firefox: () => openFirefox(cfg), webkit: () => openWebKit(cfg) }[name];
    if (name === "webkit") cfg.webdriver = await startWebKitDriver();
    const engine = await open();
    console.error(`${name} (${engine.version}): presigns per second`);
    const probe = await engine.newPage();
    await probe.goto(`${origin}/first-sig.html`);
    const userAgent = await probe.eval("navigator.userAgent");
    await probe.close();
    const tp = await throughput(engine);
    console.error(`${name}: navigation to the first signature, ${FIRST_RUNS} fresh browsers each`);
    let first;
    if (name === "firefox") {
      first = await firstSignature(async () => {
        const page = await engine.newPage();
        return { page, close: () => page.close() };
      });
      await engine.close();
    } else {
      await engine.close();
      first = await firstSignature(async () => {
        const e = await open();
        return { page: await e.newPage(), close: () => e.close() };
      });
    }
    results.push({ name, version: engine.version, userAgent, tp, first });
  }
} finally {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  stop();
}

const fmt = (x) => (Number.isFinite(x) ? x.toFixed(0) : "-");
const out = [
  "# JS API in Firefox ESR and WebKit (bench/js/run-engines.sh)",
  "",
  `date         ${started.toISOString()}`,
  `load avg     before ${loadBefore}; after ${load()} (2 cores, shared with other jobs)`,
  `build        ${build(`${DIST_DIR}/sigv4.wasm`)}`,
  `packages     ${versions().filter((v) => !v.startsWith("aws4@")).join(", ")} (bundled with go tool esbuild --minify)`,
  `server       serve.go on ${origin}, serving ${DIST_DIR}`,
  "",
  `method       presigns per second: ${ROUNDS} interleaved rounds of ~${ROUND_MS} ms per signer after ${WARM_MS} ms of warm-up, one page;`,
  "             µs per URL from the page's wall time (no per-process CPU time through these drivers), medians.",
  `             first signature: performance.now() in the page when the URL is signed (ms since navigation start),`,
  `             ${FIRST_RUNS} runs per page in rotating order after one unrecorded pass, each in a fresh browser.`,
  "",
  ...results.flatMap((r) => [
    `## ${r.name}: ${r.version}`,
    `user agent   ${r.userAgent}`,
    "",
    table(r.tp.rows, "wall"),
    "",
    `× fastest JS: relative to ${r.tp.fastest ? r.tp.fastest.c.name : "(none checked)"} in the same engine.`,
    "",
    "navigation to the first signature (ms): median, min, max; every run",
    ...r.first.map((p) => `  ${p.name.padEnd(38)} ${fmt(median(p.runs)).padStart(5)} ${fmt(Math.min(...p.runs)).padStart(5)} ${fmt(Math.max(...p.runs)).padStart(5)};  ${p.runs.map(fmt).join(" ")}`),
    "",
  ]),
].join("\n");
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, out);
process.stdout.write(out);
console.error(`wrote ${OUT}`);
process.exit(failed ? 1 : 0);
