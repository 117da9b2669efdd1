// The scenarios every engine runs (run.mjs): the JS contract, each tool of
// the page on its documented example, both widgets, and real uploads to the
// test MinIO. They follow the Chromium tests of e2e/ (browser_contract_test.go,
// page_*_test.go, widget_*_test.go): a person's actions (click, type, paste,
// choose a file) and what the page then shows. The references are outside
// our code: the AWS documentation's examples, node:crypto and the browser's
// WebCrypto, and MinIO (the test reads each upload back from it in Go).

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { elementJS } from "./drivers.mjs";

const examples = JSON.parse(readFileSync(new URL("../../sigv4/testdata/aws-doc-examples.json", import.meta.url), "utf8")).examples;
const doc = Object.fromEntries(examples.map((e) => [e.id, e]));
const GET = doc["s3-presigned-get-object"];
const HEADER_GET = doc["s3-header-get-object"];
const POST = doc["s3-post-policy-browser-upload"];
const SECRET = GET.inputs.secret_access_key;
const ACCESS_KEY = GET.inputs.access_key_id;

/** How long a wait for the page may take; the page recomputes 250 ms after a change. */
const WAIT_MS = 20000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const js = (v) => JSON.stringify(v);
const byID = (id) => `document.getElementById(${js(id)})`;

/** Tab is a page of one engine with what a person does with it. */
export class Tab {
  constructor(page, origin) {
    this.page = page;
    this.origin = origin;
  }
  eval(expr) {
    return this.page.eval(expr);
  }
  /** open navigates to path and, unless noWait, waits for the signer (the footer's version). */
  async open(path = "/", { noWait = false, origin = this.origin } = {}) {
    await this.page.goto(origin + path);
    if (!noWait) {
      await this.waitFor("the signer to load (footer version)", async () => {
        const v = await this.text("signer-version");
        return [v !== "" && v !== "…" && v !== "?", `version ${js(v)}`];
      });
    }
  }
  text(id) {
    return this.eval(`(${byID(id)})?.textContent ?? ""`);
  }
  attr(id, name) {
    return this.eval(`(${byID(id)})?.getAttribute(${js(name)}) ?? ""`);
  }
  value(id) {
    return this.eval(`${byID(id)}.value`);
  }
  visible(id) {
    return this.eval(`(() => { const e = ${byID(id)}; return !!e && e.getClientRects().length > 0 })()`);
  }
  click(id) {
    return this.page.click("#" + id);
  }
  /** type replaces the value of an input by typing: focus, select all, type. */
  async type(id, text) {
    await this.page.type("#" + id, text);
    assert.equal(await this.value(id), text, `value of #${id} after typing`);
  }
  /** paste replaces the value as a paste does: one insertion of the whole text, one input event. */
  async paste(id, text) {
    const got = await this.eval(`(() => { const e = ${byID(id)}; e.focus(); e.select();
      document.execCommand("insertText", false, ${js(text)}); return e.value })()`);
    assert.equal(got, text, `value of #${id} after pasting`);
  }
  /** choose picks an option of a <select>, with the events a mouse choice fires. */
  async choose(id, value) {
    const got = await this.eval(`(() => { const s = ${byID(id)}; s.focus();
      if (![...s.options].some((o) => o.value === ${js(value)})) return "no such option";
      s.value = ${js(value)};
      s.dispatchEvent(new Event("input", { bubbles: true }));
      s.dispatchEvent(new Event("change", { bubbles: true }));
      return s.value })()`);
    assert.equal(got, value, `choosing ${js(value)} in #${id}`);
  }
  /** waitFor polls check until it returns [true, …], and fails with what it saw last. */
  async waitFor(what, check, ms = WAIT_MS) {
    const deadline = Date.now() + ms;
    for (;;) {
      const [ok, seen] = await check();
      if (ok) return;
      if (Date.now() > deadline) {
        const problems = await this.problems();
        assert.fail(`waiting ${ms} ms for ${what}; the page shows: ${seen}; problems shown: ${js(problems)}`);
      }
      await sleep(100);
    }
  }
  /** waitText waits until the element's text satisfies ok, and returns it. */
  async waitText(id, what, ok) {
    let last = "";
    await this.waitFor(`${what} in #${id}`, async () => {
      last = await this.text(id);
      return [ok(last), `#${id} = ${js(last)}`];
    });
    return last;
  }
  waitTextEquals(id, want) {
    return this.waitText(id, js(want), (s) => s.trim() === want);
  }
  async openTool(name) {
    await this.click("tab-" + name);
    await this.waitFor(`the ${name} panel`, async () => [
      (await this.visible("panel-" + name)) && (await this.attr("tab-" + name, "aria-selected")) === "true",
      "aria-selected=" + (await this.attr("tab-" + name, "aria-selected")),
    ]);
  }
  /** problems lists the errors the page shows, for failure messages. */
  problems() {
    return this.eval(`[
      ...[...document.querySelectorAll("[aria-invalid=true]")].map((e) => "#" + e.id + ": " + (document.getElementById(e.id + "-error")?.textContent || "")),
      ...[...document.querySelectorAll("ul.form-errors:not([hidden]) li")].map((li) => li.dataset.field + ": " + li.textContent),
    ]`);
  }
  /** fillCredentials fills the shared form: the endpoint and keys pasted, as a person copies them from a console. */
  async fillCredentials(provider, endpoint, region, accessKeyId, secret) {
    await this.choose("provider", provider);
    await this.paste("endpoint", endpoint);
    await this.type("region", region);
    await this.paste("access-key-id", accessKeyId);
    await this.paste("secret-access-key", secret);
  }
  /** shadowText returns the text of selector in the shadow root of #hostID. */
  shadowText(hostID, selector) {
    return this.eval(`(${elementJS(`#${hostID} >>> ${selector}`)})?.textContent ?? ""`);
  }
  /** resourcesTo counts the page's requests to origin (Resource Timing). */
  resourcesTo(origin) {
    return this.eval(`performance.getEntriesByType("resource").filter((e) => e.name.startsWith(${js(origin + "/")})).length`);
  }
  /** assertSecretsStayed: no secret in storage, cookies, the URL or the document's HTML. */
  async assertSecretsStayed(secret) {
    const store = await this.eval(`({ local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage),
      cookie: document.cookie, href: location.href, html: document.documentElement.outerHTML })`);
    for (const [where, v] of Object.entries(store)) {
      assert.ok(!v.includes(secret), `${where} holds the secret key`);
    }
  }
}

/** hmacHex is HMAC-SHA256 by node:crypto, the reference for POST signatures. */
const hmacHex = (keyHex, data) => createHmac("sha256", Buffer.from(keyHex, "hex")).update(data).digest("hex");

/** s3SignatureError is the XML of a SignatureDoesNotMatch answer, as S3 writes it. */
function s3SignatureError(canonicalRequest, stringToSign) {
  const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code>` +
    "<Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message>" +
    `<AWSAccessKeyId>${ACCESS_KEY}</AWSAccessKeyId><StringToSign>${esc(stringToSign)}</StringToSign>` +
    `<SignatureProvided>${GET.expected.signature}</SignatureProvided><CanonicalRequest>${esc(canonicalRequest)}</CanonicalRequest>` +
    "<RequestId>4442587FB7D0A2F9</RequestId><HostId>example</HostId></Error>";
}

/** generatedForm parses the upload tool's HTML in the browser's own parser. */
function generatedForm(tab) {
  return tab.eval(`(() => {
    const d = new DOMParser().parseFromString(document.getElementById("upload-result-html").textContent, "text/html");
    const f = d.querySelector("form");
    return f ? { action: f.getAttribute("action"), fields: [...f.querySelectorAll("input")].map((i) => [i.name, i.type, i.getAttribute("value") || ""]) } : null;
  })()`);
}

/**
 * fillUploadTool opens the page with the MinIO's keys typed in and fills the
 * upload tool: a path-style form for bucket, keys under prefix, from 0 bytes
 * to maxKiB KiB, answered with 201.
 */
async function fillUploadTool(tab, m, bucket, prefix, maxKiB) {
  await tab.open("/");
  await tab.fillCredentials("minio", m.endpoint, m.region, m.accessKeyId, m.secretAccessKey);
  await tab.openTool("upload");
  await tab.type("upload-bucket", bucket);
  await tab.choose("upload-addressing", "path");
  await tab.click("upload-key-mode-prefix");
  await tab.type("upload-key", prefix);
  await tab.type("upload-min-size", "0");
  await tab.choose("upload-max-unit", "1024");
  await tab.type("upload-max-size", maxKiB);
  await tab.choose("upload-success", "201");
}

/**
 * The scenarios, in order. Each gets a Tab on a fresh page and the run's
 * configuration; it throws (an assertion) when the engine fails it. An upload
 * it stores is added to cfg.uploads for the Go test to read back.
 */
export const scenarios = [
  {
    name: "module contract: documented presign, POST signature, sign, verify, error codes",
    async run(tab) {
      await tab.open("/");
      const input = {
        accessKeyId: ACCESS_KEY, secretAccessKey: SECRET, region: "us-east-1",
        endpoint: "https://s3.amazonaws.com", bucket: GET.inputs.bucket, key: GET.inputs.key, addressing: "virtual", expires: GET.inputs.expires_seconds,
      };
      const out = await tab.eval(`(async () => {
        const m = await import("/sigv4.js");
        const s = await m.load();
        const example = { ...${js(input)}, date: new Date(Date.UTC(2013, 4, 24)) };
        const out = { same: s === await m.load(), version: s.version, presign: s.presign({ ...example, debug: { signingKey: true } }) };
        const post = s.postPolicy({ accessKeyId: example.accessKeyId, secretAccessKey: example.secretAccessKey, region: "us-east-1",
          date: "2015-12-29T00:00:00Z", url: "http://sigv4examplebucket.s3.amazonaws.com/", keyPrefix: "user/user1/",
          expiration: "2015-12-30T12:00:00.000Z", contentLengthRange: [1, 1048576], debug: { signingKey: true } });
        out.post = { names: Object.keys(post.fields), fields: post.fields, policy: post.policy, signingKey: post.debug.signingKey };
        out.authorization = s.sign({ accessKeyId: example.accessKeyId, secretAccessKey: example.secretAccessKey, region: "us-east-1",
          service: "s3", date: example.date, url: "https://examplebucket.s3.amazonaws.com/test.txt", headers: { Range: "bytes=0-9" } }).headers.Authorization;
        const url = out.presign.url;
        const verdict = (u, now) => s.verify({ url: u, accessKeyId: example.accessKeyId, secretAccessKey: example.secretAccessKey, now }).valid;
        out.verify = { valid: verdict(url, "2013-05-24T12:00:00Z"), tampered: verdict(url.slice(0, -1) + "5", "2013-05-24T12:00:00Z"), late: verdict(url, "2013-05-26T00:00:00Z") };
        const errors = [];
        for (const [what, fn] of [
          ["expires 0 and an unknown field", () => s.presign({ ...example, expires: 0, foo: 1 })],
          ["no secret", () => s.presign({ ...example, secretAccessKey: undefined })],
          ["a header value that is an object", () => s.presign({ ...example, headers: { "X-A": {} } })],
          ["sign without service", () => s.sign({ accessKeyId: "A", secretAccessKey: "B", region: "us-east-1", url: "https://email.us-east-1.amazonaws.com/" })],
          ["a bad condition", () => s.postPolicy({ accessKeyId: "A", secretAccessKey: "B", region: "us-east-1", url: "https://b.s3.amazonaws.com/", key: "k", conditions: [["starts-with", "$Content-Type", "image/"], ["nope", "$a", "b"]] })],
        ]) {
          try { fn(); errors.push({ what, thrown: false }); } catch (e) {
            errors.push({ what, thrown: true, sigv4: e instanceof m.SigV4Error, error: e instanceof Error, name: e.name, code: e.code, field: e.field,
              problems: e.errors.map((p) => p.field + " " + p.code).sort(), message: e.message });
          }
        }
        out.errors = errors;
        const junk = [null, 1, -1, "x", [], {}, NaN, "\\ud800", { a: { b: [] } }, "x".repeat(100000), true, 1e308];
        const fields = ["url", "date", "expires", "headers", "accessKeyId", "conditions", "body", "query"];
        let other = 0, calls = 0;
        for (let i = 0; i < 100; i++) for (const fn of ["presign", "postPolicy", "sign", "verify"]) {
          const bad = { [fields[i % fields.length]]: junk[i % junk.length], [fields[(i * 7) % fields.length]]: junk[(i * 5) % junk.length] };
          calls++;
          try { s[fn](bad); } catch (e) { if (!(e instanceof m.SigV4Error)) other++; }
        }
        out.hostile = { calls, other };
        out.after = s.presign(example).url;
        // The documented POST example through the browser's WebCrypto: the
        // documented signing key over the documented policy, and over ours.
        const key = await crypto.subtle.importKey("raw", new Uint8Array(${js(POST.expected.signing_key_hex)}.match(/../g).map((h) => parseInt(h, 16))),
          { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
        const hmac = async (text) => [...new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, "0")).join("");
        out.webcrypto = { documented: await hmac(${js(POST.expected.policy_base64)}), ours: await hmac(post.fields.Policy) };
        return out;
      })()`);
      assert.ok(out.same, "load() twice gives the same instance");
      assert.match(out.version, /\S/, "version");
      assert.equal(out.presign.url, GET.expected.presigned_url, "the documented presigned GET");
      assert.equal(Date.parse(out.presign.expiresAt), Date.parse("2013-05-25T00:00:00Z"), "expiresAt");
      assert.equal(out.presign.debug.canonicalRequest, GET.expected.canonical_request, "debug.canonicalRequest");
      assert.equal(out.presign.debug.stringToSign, GET.expected.string_to_sign, "debug.stringToSign");
      assert.equal(out.presign.debug.signingKey, GET.expected.signing_key_hex, "debug.signingKey");
      // The documentation writes no space after the commas; both forms are valid.
      assert.equal(out.authorization.replaceAll(", ", ","), HEADER_GET.expected.authorization_header, "the documented GET Object Authorization");

      // POST: the documented signing key, and a signature that WebCrypto
      // and node:crypto both compute from it over the Policy field.
      assert.equal(out.webcrypto.documented, POST.expected.signature, "WebCrypto reproduces the documented POST signature");
      assert.equal(out.post.signingKey, POST.expected.signing_key_hex, "postPolicy's signing key is the documented one");
      assert.equal(out.post.names[0], "key", "key first");
      assert.equal(out.post.names.at(-1), "X-Amz-Signature", "X-Amz-Signature last");
      assert.equal(out.post.fields["X-Amz-Credential"], `${ACCESS_KEY}/20151229/us-east-1/s3/aws4_request`);
      assert.equal(out.post.fields.Policy, Buffer.from(out.post.policy, "utf8").toString("base64"), "Policy is the base64 of policy");
      assert.equal(out.post.fields["X-Amz-Signature"], out.webcrypto.ours, "X-Amz-Signature = WebCrypto HMAC(documented key, Policy)");
      assert.equal(out.post.fields["X-Amz-Signature"], hmacHex(POST.expected.signing_key_hex, out.post.fields.Policy), "X-Amz-Signature = node:crypto HMAC(documented key, Policy)");

      assert.deepEqual(out.verify, { valid: true, tampered: false, late: false }, "verify: valid, one character changed, two days later");
      const want = {
        "expires 0 and an unknown field": { code: "out-of-range", field: "expires", problems: ["expires out-of-range", "foo unsupported"] },
        "no secret": { code: "missing", field: "secretAccessKey", problems: ["secretAccessKey missing"] },
        "a header value that is an object": { code: "malformed", field: "headers.X-A", problems: ["headers.X-A malformed"] },
        "sign without service": { code: "missing", field: "service", problems: ["service missing"] },
        "a bad condition": { field: "conditions[1]" },
      };
      for (const e of out.errors) {
        const w = want[e.what];
        assert.ok(e.thrown && e.sigv4 && e.error && e.name === "SigV4Error", `${e.what}: a SigV4Error that is an Error: ${js(e)}`);
        assert.equal(e.field, w.field, `${e.what}: field`);
        if (w.code) assert.equal(e.code, w.code, `${e.what}: code`);
        if (w.problems) assert.deepEqual(e.problems, w.problems, `${e.what}: every problem`);
        assert.ok(!e.message.includes(SECRET), `${e.what}: no secret in the message`);
      }
      assert.deepEqual(out.hostile, { calls: 400, other: 0 }, "hostile input only ever throws SigV4Error");
      assert.equal(out.after, GET.expected.presigned_url, "the instance survives");
    },
  },

  {
    name: "presign tool: the documented presigned GET, and refused expiries",
    async run(tab) {
      await tab.open("/");
      await tab.click("example-credentials");
      await tab.waitTextEquals("presign-result-url", GET.expected.presigned_url);
      assert.equal(await tab.attr("presign-open", "href"), GET.expected.presigned_url, "the Open link");
      assert.ok((await tab.text("presign-snippet-curl")).includes(GET.expected.signature), "curl snippet");
      const wantUTC = await tab.eval(`new Intl.DateTimeFormat("en", { dateStyle: "full", timeStyle: "long", timeZone: "UTC" }).format(new Date("2013-05-25T00:00:00Z"))`);
      assert.equal(await tab.text("presign-expires-utc"), wantUTC, "expiry shown in UTC");
      for (const [name, amount, unit] of [["zero seconds", "0", "1"], ["8 days", "8", "86400"]]) {
        await tab.choose("presign-expires-unit", unit);
        await tab.type("presign-expires", amount);
        await tab.waitFor(`an error next to the expiry (${name})`, async () => {
          const e = await tab.eval(`({ invalid: ${byID("presign-expires")}.getAttribute("aria-invalid"), field: ${byID("presign-expires-error")}?.dataset.field, code: ${byID("presign-expires-error")}?.dataset.code })`);
          return [e.invalid === "true" && e.field === "expires" && e.code === "out-of-range", js(e)];
        });
        assert.equal(await tab.visible("presign-result"), false, `${name}: the result is hidden`);
      }
      await tab.choose("presign-expires-unit", "86400");
      await tab.type("presign-expires", "1");
      await tab.waitTextEquals("presign-result-url", GET.expected.presigned_url);
      await tab.assertSecretsStayed(SECRET);
    },
  },

  {
    name: "request tool: the documented GET Object signature",
    async run(tab) {
      await tab.open("/");
      await tab.openTool("request");
      await tab.click("example-credentials");
      assert.equal(await tab.value("request-url"), "https://examplebucket.s3.amazonaws.com/test.txt", "URL of the example");
      const headers = await tab.waitText("request-result-headers", "the documented signature", (s) => s.includes(HEADER_GET.expected.signature));
      assert.ok(headers.replaceAll(", ", ",").includes("Authorization: " + HEADER_GET.expected.authorization_header), `the documented Authorization in ${headers}`);
      assert.ok(headers.includes("Range: bytes=0-9"), "headers to send");
      assert.ok((await tab.text("request-snippet-curl")).includes("Signature=" + HEADER_GET.expected.signature), "curl command");
      assert.ok((await tab.text("request-snippet-fetch")).includes(HEADER_GET.expected.signature), "fetch snippet");
      await tab.assertSecretsStayed(SECRET);
    },
  },

  {
    name: "upload tool: the documented browser upload form",
    async run(tab) {
      await tab.open("/");
      await tab.openTool("upload");
      await tab.click("example-credentials");
      await tab.waitText("upload-result-html", "the form HTML", (s) => s.includes("X-Amz-Signature"));
      const form = await generatedForm(tab);
      assert.equal(form.action, "https://sigv4examplebucket.s3.amazonaws.com/", "form action");
      const fields = Object.fromEntries(form.fields.map(([n, , v]) => [n, v]));
      for (const [name, value] of POST.inputs.form_fields) {
        if (["Policy", "X-Amz-Signature", "Content-Type", "x-amz-server-side-encryption", "x-amz-meta-tag", "file"].includes(name)) continue;
        assert.equal(fields[name], value, `the documented field ${name}`);
      }
      assert.equal(form.fields[0][0], "key", "key is the first field");
      assert.deepEqual(form.fields.at(-1).slice(0, 2), ["file", "file"], "the file input is last");
      assert.equal(fields["X-Amz-Signature"], hmacHex(POST.expected.signing_key_hex, fields.Policy), "X-Amz-Signature = HMAC(documented signing key, Policy), by node:crypto");
      const shown = JSON.parse(await tab.text("upload-result-policy"));
      assert.deepEqual(shown, JSON.parse(Buffer.from(fields.Policy, "base64").toString("utf8")), "the policy shown is the Policy field decoded");
      assert.equal(shown.expiration, "2015-12-30T12:00:00.000Z", "documented expiration");
      await tab.assertSecretsStayed(SECRET);
    },
  },

  {
    name: "explainer tool: the documented steps, verify, SignatureDoesNotMatch diff",
    async run(tab) {
      await tab.open("/");
      await tab.click("example-credentials");
      await tab.waitTextEquals("presign-result-url", GET.expected.presigned_url);
      await tab.openTool("explainer");
      await tab.waitTextEquals("explainer-signature", GET.expected.signature);
      assert.equal(await tab.text("explainer-canonical-request"), GET.expected.canonical_request, "CanonicalRequest shown");
      assert.equal(await tab.text("explainer-string-to-sign"), GET.expected.string_to_sign, "StringToSign shown");
      assert.equal(await tab.text("explainer-credential-scope"), GET.expected.credential_scope, "credential scope shown");
      assert.ok(!(await tab.text("explainer-signing-key")).includes(GET.expected.signing_key_hex), "the signing key is masked");
      await tab.click("explainer-signing-key-toggle");
      await tab.waitTextEquals("explainer-signing-key", "kSigning = " + GET.expected.signing_key_hex);

      const url = GET.expected.presigned_url;
      await tab.paste("verify-secret", SECRET);
      for (const [name, u, now, want] of [
        ["the documented URL within its day", url, "2013-05-24T12:00:00Z", "valid"],
        ["one character changed", url.slice(0, -1) + "5", "2013-05-24T12:00:00Z", "signature-mismatch"],
        ["two days later", url, "2013-05-26T00:00:00Z", "expired"],
      ]) {
        await tab.paste("verify-url", u);
        await tab.type("verify-now", now);
        await tab.waitFor(`the verdict ${want} (${name})`, async () => {
          const state = await tab.attr("verify-result", "data-state");
          return [state === want && (await tab.visible("verify-result")), `data-state ${state}: ${await tab.text("verify-result")}`];
        });
      }

      const cr = GET.expected.canonical_request;
      await tab.paste("diff-xml", s3SignatureError(cr.replace("\n/test.txt\n", "\n/examplebucket/test.txt\n"), GET.expected.string_to_sign));
      await tab.waitFor("the path hint", async () => {
        const hints = await tab.eval(`[...document.querySelectorAll("#diff-hints li")].map((li) => li.dataset.hint)`);
        return [hints.includes("path"), js(hints)];
      });
      const first = await tab.eval(`(() => { const li = document.querySelector("#diff-canonical #diff-first"); return li ? { op: li.dataset.op, text: li.querySelector("code").textContent } : null })()`);
      assert.deepEqual(first, { op: "ours", text: cr.split("\n")[1] }, "the first differing line of the canonical request, ours");
    },
  },

  {
    name: "widget <sigv4-explainer>: the documented signature, recomputed as the visitor types",
    async run(tab) {
      await tab.open("/demo.html", { noWait: true });
      assert.equal(await tab.eval(`!!customElements.get("sigv4-explainer")`), true, "the custom element is defined");
      await tab.click("demo-explainer");
      const sig = () => tab.shadowText("demo-explainer", "[data-testid=sigv4-signature]");
      await tab.waitFor("the documented signature in the widget", async () => {
        const s = await sig();
        return [s === GET.expected.signature, `signature ${s}; status ${await tab.shadowText("demo-explainer", ".status")}`];
      });
      assert.equal(await tab.shadowText("demo-explainer", "[data-testid=sigv4-url]"), GET.expected.presigned_url, "URL in the widget");
      assert.equal(await tab.shadowText("demo-explainer", "[data-testid=sigv4-canonical-request]"), GET.expected.canonical_request, "canonical request in the widget");

      await tab.page.type("#demo-explainer >>> input[name=key]", "photos/my cat.jpg");
      await tab.waitFor("a URL for the new key", async () => {
        const u = await tab.shadowText("demo-explainer", "[data-testid=sigv4-url]");
        return [u.startsWith("https://examplebucket.s3.amazonaws.com/photos/my%20cat.jpg?"), u];
      });
      await tab.page.type("#demo-explainer >>> input[name=key]", "test.txt");
      await tab.waitFor("the documented signature again", async () => [(await sig()) === GET.expected.signature, await sig()]);

      await tab.eval(`${elementJS("#demo-explainer >>> #sigv4-signing-key-toggle")}.click()`);
      await tab.waitFor("the signing key", async () => {
        const s = await tab.shadowText("demo-explainer", "[data-testid=sigv4-signing-key]");
        return [s === "kSigning = " + GET.expected.signing_key_hex, s];
      });
      assert.equal(await tab.eval(`document.querySelectorAll("style").length`), 0, "no <style> added to the page");
      await tab.eval(`document.getElementById("demo-explainer-ru").scrollIntoView()`);
      await tab.waitFor("the Russian widget's title", async () => {
        const t = await tab.shadowText("demo-explainer-ru", "h2");
        return [/[\u0400-\u04FF]/.test(t), t];
      });
      await tab.assertSecretsStayed(SECRET);
    },
  },

  {
    name: "upload tool live test: a file posted to MinIO through the generated form",
    async run(tab, cfg) {
      const m = cfg.minio;
      const bucket = cfg.buckets.page;
      await fillUploadTool(tab, m, bucket, "uploads/", "64");
      await tab.type("upload-content-type", "");
      await tab.waitText("upload-result-policy", "a content-length-range of 0..65536", (s) => s.replace(/\s/g, "").includes(`["content-length-range",0,65536]`));
      await tab.waitText("upload-result-action", "the bucket's path-style URL", (s) => s.replace(/\/$/, "") === `${m.endpoint}/${bucket}`);

      const name = `hello ${cfg.engine}.txt`;
      const file = join(cfg.workDir, name);
      writeFileSync(file, `Uploaded from the page's live test in ${cfg.engine}.\n`.repeat(600).slice(0, 40 << 10));
      const send = async (path) => {
        await tab.page.setFiles("#upload-test-file", path);
        await tab.waitFor("the Upload button to be enabled", async () => [(await tab.eval(`${byID("upload-test-send")}.disabled`)) === false, await tab.text("upload-test-status")]);
        await tab.click("upload-test-send");
        await tab.waitFor("the upload to finish", async () => {
          const state = await tab.attr("upload-test-status", "data-state");
          return [state === "ok" || state === "error", `${state}: ${await tab.text("upload-test-status")}`];
        });
        return tab.attr("upload-test-status", "data-state");
      };
      assert.equal(await send(file), "ok", `live test status: ${await tab.text("upload-test-status")}; response: ${await tab.text("upload-test-response")}`);
      assert.equal(await tab.text("upload-test-percent"), "100%", "progress text");
      assert.ok((await tab.text("upload-test-response")).includes(`<Key>uploads/${name}</Key>`), "MinIO's answer shown");
      cfg.uploads.push({ bucket, key: `uploads/${name}`, file });

      const big = join(cfg.workDir, "too big.txt");
      writeFileSync(big, "x".repeat((64 << 10) + 1));
      assert.equal(await send(big), "error", "a file one byte over the maximum");
      assert.ok((await tab.text("upload-test-response")).includes("EntityTooLarge"), "MinIO's EntityTooLarge shown");
      await tab.assertSecretsStayed(m.secretAccessKey);
    },
    // The refused upload's 400 is logged by the browser as a failed load.
    expectedConsoleErrors: ["400"],
  },

  {
    name: "upload-enhancer widget: the generated form on a site of its own, posted to MinIO",
    async run(tab, cfg) {
      const m = cfg.minio;
      const bucket = cfg.buckets.widget;
      await fillUploadTool(tab, m, bucket, "site/", "1");
      await tab.click("upload-enhancer");
      const html = await tab.waitText("upload-result-html", "a form with the enhancer script", (s) => /<script[^>]* src="[^"]*upload-enhancer[^"]*"/.test(s) && s.includes("X-Amz-Signature"));
      assert.ok((await tab.text("upload-result-policy")).replace(/\s/g, "").includes(`["content-length-range",0,1024]`), "policy of the form");

      // The visitor's site: the pasted HTML and the enhancer script it names, nothing else.
      const script = basename(html.match(/<script[^>]* src="([^"]+)"/)[1]);
      copyFileSync(join(cfg.dist, script), join(cfg.siteDir, script));
      writeFileSync(join(cfg.siteDir, "index.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Send us a file</title></head><body>
<h1>Send us a file</h1>
${html}
</body></html>`);
      await tab.open("/", { noWait: true, origin: cfg.site });
      await tab.waitFor("the enhancer's progress bar", async () => [await tab.eval(`!!document.querySelector("form progress.sigv4-upload-progress")`), "none"]);
      const status = () => tab.eval(`(() => { const s = document.querySelector(".sigv4-upload-status"); return [s.dataset.state || "", s.textContent] })()`);

      const big = join(cfg.workDir, "too big.txt");
      writeFileSync(big, "x".repeat(1025));
      await tab.page.setFiles(`form input[type="file"]`, big);
      await tab.waitFor("the size message", async () => {
        const [state, text] = await status();
        return [state === "error" && text.includes("too big.txt"), `${state}: ${text}`];
      });
      assert.notEqual(await tab.eval(`document.querySelector('form input[type="file"]').validationMessage`), "", "the file input is invalid");
      const before = await tab.resourcesTo(m.endpoint);
      await tab.page.click(`form [type="submit"]`);
      await sleep(300);
      assert.equal(await tab.resourcesTo(m.endpoint), before, "requests to MinIO after submitting the big file");
      assert.equal(await tab.eval("location.href"), cfg.site + "/", "still on the site");

      const file = join(cfg.workDir, "small.txt");
      writeFileSync(file, `ok from ${cfg.engine}\n`.repeat(50));
      await tab.page.setFiles(`form input[type="file"]`, file);
      await tab.waitFor("the file accepted", async () => {
        const [state, text] = await status();
        return [state === "" && text.includes("small.txt"), `${state}: ${text}`];
      });
      await tab.page.click(`form [type="submit"]`);
      await tab.waitFor("the upload to finish", async () => {
        const [state, text] = await status();
        return [state === "ok" || state === "error", `${state}: ${text}`];
      });
      const [state, text] = await status();
      assert.equal(state, "ok", `enhancer status: ${text}`);
      assert.equal(await tab.eval(`document.querySelector("form progress.sigv4-upload-progress").value`), 100, "progress bar value");
      cfg.uploads.push({ bucket, key: "site/small.txt", file });
      await tab.assertSecretsStayed(m.secretAccessKey);
    },
  },
];
