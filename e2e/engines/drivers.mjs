// The two browser engines besides Chromium behind one small interface, so
// that every scenario (scenarios.mjs) runs the same way in each: Firefox
// through puppeteer-core over WebDriver BiDi, WebKit (Safari's engine, as
// WebKitGTK's MiniBrowser) through selenium-webdriver and WebKitWebDriver.
// The packages come from the pinned test tools in .cache/npm (./build.sh
// provision installs them); nothing here downloads a browser.

import { createRequire } from "node:module";
import { join } from "node:path";

/** The page-side wrapper of an expression: its value, or its error, as JSON. */
const STEP_TIMEOUT_MS = 15000;

/**
 * openFirefox starts Firefox ESR headless with a fresh profile and returns
 * an engine.
 */
export async function openFirefox(cfg) {
  const puppeteer = npm(cfg, "puppeteer-core");
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: cfg.firefox,
    headless: true,
    protocolTimeout: 60000,
    // No updates, telemetry or first-run pages: nothing but the tests on
    // the network.
    extraPrefsFirefox: {
      "app.update.enabled": false,
      "browser.shell.checkDefaultBrowser": false,
      "datareporting.policy.dataSubmissionEnabled": false,
      "toolkit.telemetry.enabled": false,
      "network.captive-portal-service.enabled": false,
      "browser.safebrowsing.malware.enabled": false,
      "browser.safebrowsing.phishing.enabled": false,
    },
  });
  const version = await browser.version();
  return {
    name: "firefox",
    version,
    async newPage() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      await page.setViewport({ width: 1280, height: 900 });
      return firefoxPage(page, context);
    },
    close: () => browser.close(),
  };
}

function firefoxPage(page, context) {
  const consoleErrors = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(String(e?.message ?? e)));
  return {
    goto: (url) => page.goto(url, { waitUntil: "load" }),
    eval: (expr) => page.evaluate(expr),
    click: (selector) => page.click(selector),
    async type(selector, text) {
      await focusAndSelect(this, selector);
      if (text === "") await page.keyboard.press("Backspace");
      else await page.keyboard.type(text);
    },
    async setFiles(selector, ...paths) {
      const input = await page.$(selector);
      await input.uploadFile(...paths);
    },
    consoleErrors: () => consoleErrors.slice(),
    close: () => context.close(),
  };
}

/**
 * openWebKit starts a WebDriver session of WebKitGTK's MiniBrowser through a
 * running WebKitWebDriver (cfg.webdriver, its URL; the test starts it under
 * Xvfb) and returns an engine. WebKit has one window per session: each
 * scenario gets the same one, with its storage of the served origins
 * cleared.
 */
export async function openWebKit(cfg) {
  const { Builder, Capabilities } = npm(cfg, "selenium-webdriver");
  const caps = new Capabilities();
  caps.setBrowserName("MiniBrowser");
  caps.set("webkitgtk:browserOptions", { binary: cfg.miniBrowser, args: ["--automation"] });
  const driver = await new Builder().usingServer(cfg.webdriver).withCapabilities(caps).build();
  await driver.manage().setTimeouts({ script: STEP_TIMEOUT_MS, pageLoad: STEP_TIMEOUT_MS });
  await driver.manage().window().setRect({ width: 1280, height: 900 });
  const got = await driver.getCapabilities();
  return {
    name: "webkit",
    version: `${got.getBrowserName()} ${got.getBrowserVersion()}`,
    async newPage() {
      return webkitPage(driver, npm(cfg, "selenium-webdriver"));
    },
    close: () => driver.quit(),
  };
}

function webkitPage(driver, { By, Key }) {
  const find = (selector) => driver.findElement(By.css(selector));
  return {
    async goto(url) {
      // A blank page between scenarios, so that no state of the last one
      // (a pending timer, a service worker's client) reaches the next.
      await driver.get("about:blank");
      await driver.get(url);
      // WebKitWebDriver has no log endpoint: from here on, the document's
      // console errors and uncaught errors are kept in the page (those of
      // its loading are not seen).
      await driver.executeScript(`if (!window.__sigv4Errors) {
        const errors = (window.__sigv4Errors = []);
        const error = console.error.bind(console);
        console.error = (...args) => { errors.push(args.map(String).join(" ")); error(...args); };
        addEventListener("error", (e) => errors.push(String(e.message)));
        addEventListener("unhandledrejection", (e) => errors.push("unhandled rejection: " + String(e.reason)));
      }`);
    },
    async eval(expr) {
      const r = await driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         Promise.resolve().then(() => (${expr})).then(
           (v) => done({ ok: true, v: v === undefined ? null : JSON.stringify(v) }),
           (e) => done({ ok: false, e: String(e) + " at " + (e && e.stack) }));`,
      );
      if (!r.ok) throw new Error(`in the page: ${r.e}`);
      return r.v === null ? undefined : JSON.parse(r.v);
    },
    click: async (selector) => {
      const e = await find(selector);
      await driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
      await e.click();
    },
    async type(selector, text) {
      await focusAndSelect(this, selector);
      await driver.actions().sendKeys(text === "" ? Key.BACK_SPACE : text).perform();
    },
    async setFiles(selector, ...paths) {
      await (await find(selector)).sendKeys(paths.join("\n"));
    },
    /** consoleErrors returns the errors of the current document since it loaded. */
    consoleErrors: () => driver.executeScript("return window.__sigv4Errors || []"),
    close: async () => {},
  };
}

/**
 * focusAndSelect focuses the element and selects its whole value, as Ctrl+A
 * does, so that typing replaces it.
 */
async function focusAndSelect(page, selector) {
  const ok = await page.eval(`(() => { const e = ${elementJS(selector)};
    if (!e) return false; e.scrollIntoView({block: "center"}); e.focus(); e.select();
    return (e.getRootNode().host ?? e) === document.activeElement })()`);
  if (!ok) throw new Error(`cannot focus ${selector}`);
}

/**
 * elementJS returns a JavaScript expression for the element a selector
 * names; "HOST >>> INNER" names INNER in the shadow root of HOST.
 */
export function elementJS(selector) {
  const [host, inner] = selector.split(" >>> ");
  const q = (s) => `querySelector(${JSON.stringify(s)})`;
  return inner === undefined ? `document.${q(host)}` : `document.${q(host)}?.shadowRoot?.${q(inner)}`;
}

/** npm loads one of the pinned test tools from cfg.npmDir (.cache/npm). */
function npm(cfg, name) {
  return createRequire(join(cfg.npmDir, "package.json"))(name);
}
