// cdp.mjs: a minimal Chrome DevTools Protocol client over --remote-debugging-pipe.
//
// Chromium reads commands from fd 3 and writes replies and events to fd 4,
// each message a JSON text ended by a NUL byte. A pipe needs no WebSocket
// client (Node 20 has none without a flag), no port and no npm package, and
// the browser cannot outlive us: it exits when the pipe closes.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

// The flags of ../../shared/notes/browser-testing.md, headless.
export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

/**
 * launch starts Chromium with a fresh user-data-dir and returns a Browser.
 * Close it with browser.close(), which also removes the user-data-dir.
 */
export async function launch() {
  const userDataDir = mkdtempSync(join(tmpdir(), "sigv4-bench-chromium-"));
  const proc = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${userDataDir}`, "--remote-debugging-pipe", "about:blank"], {
    stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"],
  });
  const browser = new Browser(proc, userDataDir);
  await browser.send("Browser.getVersion"); // answers once the browser is up
  return browser;
}

export class Browser {
  #proc;
  #userDataDir;
  #nextId = 1;
  #pending = new Map();
  #listeners = new Set();
  #stderr = [];
  #closed = false;

  constructor(proc, userDataDir) {
    this.#proc = proc;
    this.#userDataDir = userDataDir;
    this.pid = proc.pid;
    const input = proc.stdio[4];
    let buf = Buffer.alloc(0);
    input.on("data", (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      let end;
      while ((end = buf.indexOf(0)) >= 0) {
        const msg = JSON.parse(buf.subarray(0, end).toString("utf8"));
        buf = buf.subarray(end + 1);
        this.#dispatch(msg);
      }
    });
    proc.stderr.on("data", (d) => {
      this.#stderr.push(String(d));
      if (this.#stderr.length > 50) this.#stderr.shift();
    });
    proc.on("exit", (code, signal) => {
      this.#closed = true;
      const err = new Error(`chromium exited (code ${code}, signal ${signal}); last stderr:\n${this.#stderr.join("").slice(-2000)}`);
      for (const { reject } of this.#pending.values()) reject(err);
      this.#pending.clear();
    });
    proc.stdio[3].on("error", () => {}); // EPIPE after the browser exits: reported by "exit"
  }

  #dispatch(msg) {
    if (msg.id !== undefined) {
      const p = this.#pending.get(msg.id);
      if (!p) return;
      this.#pending.delete(msg.id);
      if (msg.error) {
        p.reject(new Error(`${p.method}: ${msg.error.message}${msg.error.data ? " (" + msg.error.data + ")" : ""}`));
      } else {
        p.resolve(msg.result);
      }
      return;
    }
    for (const l of this.#listeners) l(msg);
  }

  /** send calls a CDP method, on a page's session when sessionId is given. */
  send(method, params = {}, sessionId = undefined) {
    if (this.#closed) return Promise.reject(new Error(`${method}: chromium has exited`));
    const id = this.#nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, method });
      this.#proc.stdio[3].write(JSON.stringify(msg) + "\0");
    });
  }

  /** on adds a listener for every event; it returns a function that removes it. */
  on(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** waitFor resolves to the first event of that method (and session) for which pred holds. */
  waitFor(method, sessionId, pred = () => true, timeoutMs = 60000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${method}`));
      }, timeoutMs);
      const off = this.on((msg) => {
        if (msg.method === method && msg.sessionId === sessionId && pred(msg.params)) {
          clearTimeout(timer);
          off();
          resolve(msg.params);
        }
      });
    });
  }

  /**
   * newPage makes a page in a new browser context (an incognito-like profile
   * with its own empty cache) and attaches to it. It returns the page; close
   * it with page.close(), which disposes of the context.
   */
  async newPage() {
    const { browserContextId } = await this.send("Target.createBrowserContext", { disposeOnDetach: true });
    const { targetId } = await this.send("Target.createTarget", { url: "about:blank", browserContextId });
    const { sessionId } = await this.send("Target.attachToTarget", { targetId, flatten: true });
    const page = new Page(this, sessionId, targetId, browserContextId);
    await this.send("Page.enable", {}, sessionId);
    await this.send("Runtime.enable", {}, sessionId);
    await this.send("Log.enable", {}, sessionId);
    return page;
  }

  /** close ends the browser and removes its user-data-dir. */
  async close() {
    if (!this.#closed) {
      const exited = new Promise((resolve) => this.#proc.once("exit", resolve));
      this.send("Browser.close").catch(() => {});
      const timer = setTimeout(() => this.#proc.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.#userDataDir, { recursive: true, force: true });
  }
}

export class Page {
  constructor(browser, sessionId, targetId, browserContextId) {
    this.browser = browser;
    this.sessionId = sessionId;
    this.targetId = targetId;
    this.browserContextId = browserContextId;
    this.problems = []; // console errors, exceptions and log errors seen on the page
    this.off = browser.on((msg) => {
      if (msg.sessionId !== sessionId) return;
      const p = msg.params;
      if (msg.method === "Runtime.exceptionThrown") {
        this.problems.push("exception: " + (p.exceptionDetails.exception?.description ?? p.exceptionDetails.text));
      } else if (msg.method === "Runtime.consoleAPICalled" && (p.type === "error" || p.type === "warning")) {
        this.problems.push(`console.${p.type}: ` + p.args.map((a) => a.value ?? a.description).join(" "));
      } else if (msg.method === "Log.entryAdded" && p.entry.level === "error") {
        this.problems.push(`log: ${p.entry.text} ${p.entry.url ?? ""}`);
      }
    });
  }

  send(method, params = {}) {
    return this.browser.send(method, params, this.sessionId);
  }

  /** goto navigates and waits for the load event. */
  async goto(url) {
    const loaded = this.browser.waitFor("Page.loadEventFired", this.sessionId);
    const { errorText } = await this.send("Page.navigate", { url });
    if (errorText) throw new Error(`navigate ${url}: ${errorText}`);
    await loaded;
  }

  /** evaluate runs an expression in the page, awaits it if it is a promise, and returns its value. */
  async evaluate(expression) {
    const r = await this.send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) {
      const d = r.exceptionDetails;
      throw new Error(`evaluate ${expression.slice(0, 80)}: ${d.exception?.description ?? d.text}`);
    }
    return r.result.value;
  }

  async close() {
    this.off();
    await this.browser.send("Target.closeTarget", { targetId: this.targetId }).catch(() => {});
    await this.browser.send("Target.disposeBrowserContext", { browserContextId: this.browserContextId }).catch(() => {});
  }
}
