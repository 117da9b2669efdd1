// report.mjs: what node-bench.mjs and chromium-bench.mjs share to measure in
// rounds and print their tables.

import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { median } from "./cases.mjs";

export const HERE = new URL(".", import.meta.url);
export const ROOT = new URL("../../", import.meta.url);

export const PACKAGES = ["aws4fetch", "@smithy/signature-v4", "@smithy/protocol-http", "@aws-crypto/sha256-js", "@aws-crypto/sha256-browser", "aws4"];

/** versions returns "name@version" of each compared package installed in node_modules. */
export function versions(names = PACKAGES) {
  return names.map((n) => {
    try {
      return `${n}@${JSON.parse(readFileSync(new URL(`node_modules/${n}/package.json`, HERE), "utf8")).version}`;
    } catch {
      return `${n}@(not installed)`;
    }
  });
}

/** load returns the load averages as `uptime` prints them. */
export function load() {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");
}

/** build describes the sigv4.wasm and the tree it was built from. */
export function build(wasmPath) {
  const bytes = readFileSync(wasmPath);
  let tree = "";
  try {
    tree = execFileSync("git", ["-C", ROOT.pathname, "describe", "--always", "--dirty"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    tree = "(not a git tree)";
  }
  return `sigv4.wasm ${bytes.length} bytes, sha256 ${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}…, tree ${tree}`;
}

/**
 * summarize turns the rounds of each case into rows: median CPU and wall
 * microseconds per URL, presigns per second from CPU time, the spread, and the
 * ratio to the fastest pure-JS competitor (cases marked competitor).
 */
export function summarize(cases) {
  const rows = cases.map((c) => {
    const cpu = c.rounds.map((r) => (r.cpuMs * 1000) / r.urls);
    const wall = c.rounds.map((r) => (r.wallMs * 1000) / r.urls);
    const cpuUs = c.rounds.length ? median(cpu) : NaN;
    return {
      c,
      cpuUs,
      cpuMin: Math.min(...cpu),
      cpuMax: Math.max(...cpu),
      wallUs: c.rounds.length ? median(wall) : NaN,
      perSec: 1e6 / cpuUs,
    };
  });
  const anchors = rows.filter((r) => r.c.competitor && r.c.check?.ok);
  const fastest = anchors.reduce((a, b) => (b.perSec > (a?.perSec ?? 0) ? b : a), null);
  for (const r of rows) r.ratio = fastest ? r.perSec / fastest.perSec : NaN;
  return { rows, fastest };
}

const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "-");
const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "-");

/** table prints the rows as a fixed-width text table. */
export function table(rows, cpuLabel = "CPU") {
  const head = ["signer", `µs/URL ${cpuLabel}`, "(min-max)", "µs/URL wall", "URLs/s", "× fastest JS", "check"];
  const body = rows.map((r) => [
    r.c.name + (r.c.reference ? " [reference]" : ""),
    fmt(r.cpuUs, 2),
    `${fmt(r.cpuMin, 1)}-${fmt(r.cpuMax, 1)}`,
    fmt(r.wallUs, 2),
    int(r.perSec),
    Number.isFinite(r.ratio) ? fmt(r.ratio, 2) + "×" : "-",
    r.c.check ? (r.c.check.ok ? (r.c.check.identical ? "ok, identical URL" : "ok, params reordered") : "FAILED") : "-",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((x, i) => (i === 0 || i === 6 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/**
 * serve starts serve.go's binary on a free loopback port for dir and returns
 * its origin and the function that stops it (also run when node exits).
 */
export async function serve(bin, dir) {
  const server = spawn(bin, ["-addr", "127.0.0.1:0", "-dir", dir], { stdio: ["ignore", "pipe", "inherit"] });
  const stop = () => {
    if (server.exitCode === null) server.kill("SIGTERM");
  };
  process.on("exit", stop);
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      stop();
      process.exit(130);
    });
  }
  const origin = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/serving .* at (http:\/\/[^/\s]+)\//);
      if (m) resolve(m[1]);
    });
    server.on("exit", (code) => reject(new Error(`serve exited (${code}) before listening: ${out}`)));
  });
  return { origin, stop };
}
