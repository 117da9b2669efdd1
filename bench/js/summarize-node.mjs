// summarize-node.mjs RUNS_DIR OUT: results/node.txt from the reports of
// several node-bench.mjs processes (run-node.sh). It keeps the full report
// of the process whose presign ratio is the median and appends, for every
// process, the µs per URL of each signer and our ratios, so the spread
// between processes is on record.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir, out] = process.argv.slice(2);
const runs = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort((a, b) => parseInt(a) - parseInt(b))
  .map((f) => parse(readFileSync(join(dir, f), "utf8")));
if (runs.length === 0) {
  console.error("summarize-node.mjs: no reports");
  process.exit(1);
}

// parse reads the table rows (signer, µs/URL CPU) and the target line.
function parse(text) {
  const rows = new Map();
  for (const line of text.split("\n")) {
    const m = line.match(/^(\S.*?)\s{2,}(\d+\.\d+)\s+\(?[\d.]+-[\d.]+\)?\s/);
    if (m && !line.startsWith("signer")) rows.set(m[1].trim(), Number(m[2]));
  }
  const t = text.match(/presign: ([\d.]+)×, presignBatch\(\d+\): ([\d.]+)×/);
  return { text, rows, presign: t ? Number(t[1]) : NaN, batch: t ? Number(t[2]) : NaN };
}

const byRatio = [...runs].sort((a, b) => a.presign - b.presign);
const median = byRatio[Math.floor((byRatio.length - 1) / 2)];
const names = [...runs[0].rows.keys()];
const width = Math.max(...names.map((n) => n.length));
const lines = [
  median.text.trimEnd(),
  "",
  `## Every process (${runs.length}; the report above is the one with the median presign ratio)`,
  "",
  "µs of CPU per URL, the median of each process's rounds:",
  "",
  ["signer".padEnd(width), ...runs.map((_, i) => `process ${i + 1}`.padStart(10))].join("  "),
  ...names.map((n) => [n.padEnd(width), ...runs.map((r) => (r.rows.get(n)?.toFixed(2) ?? "-").padStart(10))].join("  ")),
  ["× fastest JS, presign".padEnd(width), ...runs.map((r) => (r.presign.toFixed(2) + "×").padStart(10))].join("  "),
  ["× fastest JS, presignBatch".padEnd(width), ...runs.map((r) => (r.batch.toFixed(2) + "×").padStart(10))].join("  "),
  "",
  `target (issue 6), over the processes: presign ${fmtRange(runs.map((r) => r.presign))}, median ${median.presign.toFixed(2)}×.`,
  "",
];
writeFileSync(out, lines.join("\n"));
process.stdout.write(lines.join("\n"));
console.error(`wrote ${out}`);

function fmtRange(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[0].toFixed(2)}×-${s[s.length - 1].toFixed(2)}×`;
}
