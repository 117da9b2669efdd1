// <sigv4-explainer>: a compact presigned-link form and the step-by-step
// signature explanation, for documentation pages.
//
//   <script type="module" src="https://your.site/sigv4-explainer.js"></script>
//   <sigv4-explainer endpoint="https://s3.amazonaws.com" region="us-east-1"
//     bucket="examplebucket" object-key="test.txt" method="GET" example-credentials>
//   </sigv4-explainer>
//
// Attributes: endpoint, region, service (default s3), bucket, object-key (or
// key, which Vue and so VitePress keep for themselves), method
// (GET, PUT, HEAD, DELETE), addressing (virtual | path, default virtual),
// expires (seconds), lang (en | ru; default: the page's), example-credentials
// (fills the AWS documentation's example keys and signing time, so the
// result matches the published example).
//
// The signer (sigv4.js and sigv4.wasm, next to this file) is loaded on the
// first interaction or when the element scrolls into view. Styles live in a
// shadow root; theme it with --sigv4-bg, --sigv4-fg, --sigv4-muted,
// --sigv4-accent, --sigv4-border, --sigv4-code-bg, --sigv4-error,
// --sigv4-radius, --sigv4-font, --sigv4-mono. Keys stay in the element's
// inputs: nothing is stored or sent.
import { renderSteps, STEP_TEXT } from "../shared/steps.js";
import { el } from "../shared/el.js";

const EXAMPLE = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  date: "2013-05-24T00:00:00Z",
  expires: 86400,
};

const TEXT = {
  en: {
    ...STEP_TEXT.en,
    title: "Sign a link, step by step",
    method: "Method",
    bucket: "Bucket",
    key: "Object key",
    region: "Region",
    accessKeyId: "Access key ID",
    secretAccessKey: "Secret access key",
    url: "Presigned URL",
    loading: "Loading the signer…",
    idle: "The signature appears as soon as the fields are filled.",
    failed: "The signer could not be loaded.",
    example: "AWS documentation example keys, signing time 2013-05-24T00:00:00Z.",
  },
  ru: {
    ...STEP_TEXT.ru,
    title: "Подпись ссылки по шагам",
    method: "Метод",
    bucket: "Бакет",
    key: "Ключ объекта",
    region: "Регион",
    accessKeyId: "Идентификатор ключа доступа",
    secretAccessKey: "Секретный ключ",
    url: "Подписанная ссылка",
    loading: "Загрузка модуля подписи…",
    idle: "Подпись появится, как только поля будут заполнены.",
    failed: "Не удалось загрузить модуль подписи.",
    example: "Ключи из примера документации AWS, время подписи 2013-05-24T00:00:00Z.",
  },
};

const CSS = `
:host {
  --_bg: var(--sigv4-bg, #ffffff);
  --_fg: var(--sigv4-fg, #1b1f24);
  --_muted: var(--sigv4-muted, #555e69);
  --_accent: var(--sigv4-accent, #0b5fcf);
  --_border: var(--sigv4-border, #cfd6de);
  --_code: var(--sigv4-code-bg, #f2f4f7);
  --_error: var(--sigv4-error, #b42318);
  display: block;
  color: var(--_fg);
  background: var(--_bg);
  border: 1px solid var(--_border);
  border-radius: var(--sigv4-radius, 10px);
  padding: 1rem;
  font: 15px/1.5 var(--sigv4-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
}
@media (prefers-color-scheme: dark) {
  :host {
    --_bg: var(--sigv4-bg, #161b22);
    --_fg: var(--sigv4-fg, #e6edf3);
    --_muted: var(--sigv4-muted, #a2acb8);
    --_accent: var(--sigv4-accent, #5ea2ff);
    --_border: var(--sigv4-border, #343b45);
    --_code: var(--sigv4-code-bg, #0b0e13);
    --_error: var(--sigv4-error, #ff8a80);
  }
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
h2 { font-size: 1.05rem; margin: 0 0 .75rem; }
h3 { font-size: .95rem; margin: 0; }
form { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .6rem .8rem; }
label { display: flex; flex-direction: column; gap: .2rem; font-weight: 600; font-size: .85rem; }
input, select, button { font: inherit; color: inherit; }
input, select {
  min-height: 2.3rem; padding: .35rem .5rem; border: 1px solid var(--_border);
  border-radius: 6px; background: var(--_code); font-weight: 400; width: 100%;
}
[aria-invalid="true"] { border-color: var(--_error); box-shadow: 0 0 0 1px var(--_error); }
:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
.error { color: var(--_error); font-weight: 600; font-size: .85rem; margin: .5rem 0 0; padding-left: 1.1rem; }
.note, .status, .step-about { color: var(--_muted); font-size: .85rem; }
.note, .status { margin: .5rem 0 0; }
.code {
  margin: .35rem 0 0; padding: .6rem .75rem; background: var(--_code); border: 1px solid var(--_border);
  border-radius: 6px; font: .8rem/1.5 var(--sigv4-mono, ui-monospace, Menlo, Consolas, monospace);
  white-space: pre-wrap; overflow-wrap: anywhere;
}
.url { margin-top: .9rem; }
.steps { list-style: none; padding: 0; margin: 1rem 0 0; display: grid; gap: .9rem; }
.step { border-left: 3px solid var(--_accent); padding-left: .8rem; }
.step-head { display: flex; flex-wrap: wrap; gap: .25rem 1rem; justify-content: space-between; align-items: baseline; }
.step-name { color: var(--_muted); font-weight: 400; font-family: var(--sigv4-mono, ui-monospace, Menlo, monospace); }
.step-about { margin: .2rem 0 0; }
.step-fact { margin: .35rem 0 0; font-size: .85rem; }
.masked { color: var(--_muted); }
a { color: var(--_accent); font-size: .85rem; }
button {
  margin-top: .4rem; cursor: pointer; border: 1px solid var(--_accent); background: transparent;
  color: var(--_accent); border-radius: 6px; padding: .3rem .7rem; font-weight: 600;
}
`;

let sheet = null;
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

// One signer for every element on the page, loaded once.
let signerPromise = null;
function loadSigner() {
  // A literal specifier: bundlers (Vite, webpack, Rollup) follow it and ship
  // the module with the wasm it names; build.sh keeps it external and points
  // the content-hashed copy at the hashed module.
  signerPromise ||= import("./sigv4.js").then((m) => m.load().then((s) => ({ s, SigV4Error: m.SigV4Error })));
  return signerPromise;
}

const FIELDS = ["method", "bucket", "key", "region", "accessKeyId", "secretAccessKey"];
let counter = 0;

class Sigv4Explainer extends HTMLElement {
  static observedAttributes = ["endpoint", "region", "service", "bucket", "object-key", "key", "method", "addressing", "expires", "example-credentials", "lang"];

  #root;
  #inputs = {};
  #parts = {};
  #signer = null;
  #started = false;
  #observer = null;
  #timer = 0;
  #lastInput = null;
  #uid = ++counter;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    // A constructed sheet is not an inline style: pages whose CSP forbids
    // those (style-src 'self') still accept it.
    if ("adoptedStyleSheets" in ShadowRoot.prototype) this.#root.adoptedStyleSheets = [styleSheet()];
  }

  get #text() {
    const lang = (this.getAttribute("lang") || this.closest("[lang]")?.getAttribute("lang") || navigator.language || "en").toLowerCase().split("-")[0];
    return TEXT[lang] || TEXT.en;
  }

  connectedCallback() {
    if (!this.#parts.form) this.#build();
    const start = () => this.#start();
    this.addEventListener("focusin", start, { once: true });
    this.addEventListener("pointerenter", start, { once: true });
    if ("IntersectionObserver" in window) {
      this.#observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) start();
      }, { rootMargin: "200px" });
      this.#observer.observe(this);
    } else {
      start();
    }
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.#observer = null;
  }

  attributeChangedCallback(name) {
    if (!this.#parts.form) return;
    if (name === "lang") {
      this.#build();
    } else {
      this.#fillFromAttributes();
    }
    this.#schedule();
  }

  #build() {
    const text = this.#text;
    const id = (name) => `sigv4-${this.#uid}-${name}`;
    const input = (name, attrs = {}) => {
      const node = el("input", { id: id(name), name, spellcheck: "false", autocomplete: "off", autocapitalize: "off", ...attrs });
      this.#inputs[name] = node;
      return el("label", { for: id(name) }, text[name], node);
    };
    const method = el("select", { id: id("method"), name: "method" }, ...["GET", "PUT", "HEAD", "DELETE"].map((m) => el("option", { value: m }, m)));
    this.#inputs.method = method;
    const form = el("form", { method: "dialog", novalidate: true, autocomplete: "off" },
      el("label", { for: id("method") }, text.method, method),
      input("bucket"),
      input("key"),
      input("region"),
      input("accessKeyId"),
      input("secretAccessKey", { type: "password" }),
    );
    form.addEventListener("input", () => this.#schedule());
    form.addEventListener("change", () => this.#schedule());
    form.addEventListener("submit", (e) => e.preventDefault());
    const errors = el("ul", { class: "error", hidden: true });
    const note = el("p", { class: "note", hidden: true }, text.example);
    const status = el("p", { class: "status", role: "status", "aria-live": "polite" }, text.idle);
    const urlCode = el("code", { "data-testid": "sigv4-url" });
    const url = el("div", { class: "url", hidden: true }, el("h3", {}, text.url), el("pre", { class: "code" }, urlCode));
    const steps = el("ol", { class: "steps", hidden: true });
    this.#root.replaceChildren(...(this.#root.adoptedStyleSheets?.length ? [] : [el("style", {}, CSS)]), el("h2", {}, text.title), form, errors, note, status, url, steps);
    this.#parts = { form, errors, note, status, url, urlCode, steps };
    this.#fillFromAttributes();
  }

  #fillFromAttributes() {
    const attr = (name, fallback = "") => this.getAttribute(name) ?? fallback;
    this.#inputs.method.value = attr("method", "GET").toUpperCase();
    this.#inputs.bucket.value = attr("bucket");
    // object-key first: Vue (VitePress) keeps key for itself and never sets
    // it on the element.
    this.#inputs.key.value = this.getAttribute("object-key") ?? attr("key");
    this.#inputs.region.value = attr("region");
    const example = this.hasAttribute("example-credentials");
    if (example) {
      this.#inputs.accessKeyId.value = EXAMPLE.accessKeyId;
      this.#inputs.secretAccessKey.value = EXAMPLE.secretAccessKey;
    }
    this.#parts.note.hidden = !example;
  }

  #start() {
    if (this.#started) return;
    this.#started = true;
    this.#observer?.disconnect();
    const slow = setTimeout(() => (this.#parts.status.textContent = this.#text.loading), 300);
    loadSigner().then(
      (signer) => {
        clearTimeout(slow);
        this.#signer = signer;
        this.#compute();
      },
      () => {
        clearTimeout(slow);
        this.#parts.status.textContent = this.#text.failed;
      },
    );
  }

  #schedule() {
    if (!this.#signer) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#compute(), 200);
  }

  #input() {
    const v = (name) => this.#inputs[name].value.trim();
    const example = this.hasAttribute("example-credentials");
    const input = {
      accessKeyId: v("accessKeyId"),
      secretAccessKey: this.#inputs.secretAccessKey.value,
      service: this.getAttribute("service") || "s3",
      method: v("method"),
      debug: true,
      addressing: this.getAttribute("addressing") || "virtual",
      expires: Number(this.getAttribute("expires")) || (example ? EXAMPLE.expires : 3600),
      date: example ? EXAMPLE.date : new Date(),
    };
    for (const [name, value] of [["endpoint", this.getAttribute("endpoint") || ""], ["bucket", v("bucket")], ["key", this.#inputs.key.value], ["region", v("region")]]) {
      if (value) input[name] = value;
    }
    return input;
  }

  #compute() {
    const { s, SigV4Error } = this.#signer;
    const { errors, status, url, urlCode, steps } = this.#parts;
    const input = this.#input();
    for (const node of Object.values(this.#inputs)) node.removeAttribute("aria-invalid");
    errors.replaceChildren();
    errors.hidden = true;
    let result;
    try {
      result = s.presign(input);
    } catch (err) {
      url.hidden = true;
      steps.hidden = true;
      const list = err instanceof SigV4Error ? err.errors || [err] : [{ field: "", message: String(err && err.message) }];
      const shown = list.filter((e) => !(e.code === "missing" && this.#inputs[e.field] && !this.#inputs[e.field].value));
      for (const e of shown) {
        const target = this.#inputs[e.field];
        if (target) target.setAttribute("aria-invalid", "true");
        const label = FIELDS.includes(e.field) ? this.#text[e.field] : e.field;
        errors.append(el("li", {}, label ? `${label} ${e.message}` : e.message));
      }
      errors.hidden = shown.length === 0;
      status.textContent = this.#text.idle;
      status.hidden = shown.length > 0;
      return;
    }
    status.hidden = true;
    this.#lastInput = input;
    urlCode.textContent = result.url;
    url.hidden = false;
    renderSteps(steps, result.debug, this.#text, {
      idPrefix: "sigv4",
      revealKey: async () => s.presign({ ...this.#lastInput, debug: { signingKey: true } }).debug.signingKey,
    });
    steps.hidden = false;
    this.dispatchEvent(new CustomEvent("sigv4-signed", { detail: { url: result.url, debug: result.debug } }));
  }
}

if (!customElements.get("sigv4-explainer")) customElements.define("sigv4-explainer", Sigv4Explainer);
