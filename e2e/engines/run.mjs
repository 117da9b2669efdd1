// run.mjs runs the scenarios (scenarios.mjs) in one browser engine, one
// browser for the whole run and a fresh page for each scenario, and writes
// the results as JSON for the Go test that started it (e2e/engines_test.go,
// which also starts the servers, the MinIO and, for WebKit, Xvfb and
// WebKitWebDriver, and reads every upload back from MinIO).
//
//   node e2e/engines/run.mjs CONFIG.json
//
// CONFIG.json: engine ("firefox" or "webkit"), origin (the page's server),
// site and siteDir (a second server and its folder, for the widget's site),
// dist (web/dist), workDir, minio {endpoint, region, accessKeyId,
// secretAccessKey}, buckets {page, widget}, npmDir (.cache/npm), firefox (the
// binary), webdriver and miniBrowser (WebKit), results (the file to write).
// It prints one line per scenario and exits 1 when one failed.

import { readFileSync, writeFileSync } from "node:fs";
import { openFirefox, openWebKit } from "./drivers.mjs";
import { scenarios, Tab } from "./scenarios.mjs";

const cfg = JSON.parse(readFileSync(process.argv[2], "utf8"));
cfg.uploads = [];
const only = process.env.SIGV4_ENGINES_ONLY; // a substring of scenario names, for debugging

const t0 = Date.now();
const engine = await { firefox: openFirefox, webkit: openWebKit }[cfg.engine](cfg);
const started = Date.now() - t0;
const result = { engine: cfg.engine, version: engine.version, defined: scenarios.length, startMs: started, scenarios: [] };
try {
  for (const s of scenarios) {
    if (only && !s.name.includes(only)) continue;
    const t = Date.now();
    const page = await engine.newPage();
    const tab = new Tab(page, cfg.origin);
    let error = "";
    try {
      await s.run(tab, cfg);
      const logged = await page.consoleErrors();
      const unexpected = logged.filter((e) => !(s.expectedConsoleErrors ?? []).some((x) => e.includes(x)));
      if (unexpected.length > 0) error = `console errors: ${JSON.stringify(unexpected)}`;
    } catch (e) {
      error = String(e?.stack ?? e);
    }
    result.userAgent ??= await tab.eval("navigator.userAgent").catch(() => undefined);
    await page.close();
    const ms = Date.now() - t;
    result.scenarios.push({ name: s.name, ok: error === "", ms, error });
    console.log(`${error === "" ? "ok  " : "FAIL"} ${cfg.engine} ${(ms / 1000).toFixed(1)}s ${s.name}${error === "" ? "" : "\n" + error}`);
  }
} finally {
  await engine.close();
}
result.uploads = cfg.uploads;
result.totalMs = Date.now() - t0;
const passed = result.scenarios.filter((s) => s.ok).length;
console.log(`${cfg.engine}: ${passed} of ${result.scenarios.length} scenarios passed in ${(result.totalMs / 1000).toFixed(1)}s ` +
  `(browser start ${(started / 1000).toFixed(1)}s); ${result.version}; ${result.userAgent}`);
writeFileSync(cfg.results, JSON.stringify(result, null, 2));
process.exit(passed === result.scenarios.length ? 0 : 1);
