// upload-enhancer.js: makes an S3 POST upload form (as the SigV4 toolkit
// generates it) nicer to use, with no WebAssembly and nothing secret:
//
//   <script type="module" src="upload-enhancer.js"></script>
//
// Every form with a file input and a policy field is enhanced when the page
// loads: a progress bar (XMLHttpRequest upload progress), drag and drop,
// checks of size and type before sending (read from the form's
// data-max-size / data-min-size / data-accept, else from the policy's
// content-length-range and Content-Type conditions), the form's
// Content-Type select set to the file's own type, and clear messages from
// the provider's XML answer. Without JavaScript the form still posts as
// usual. Call enhance(form) for forms added later.
//
// Theming: --sigv4-upload-accent, --sigv4-upload-error, --sigv4-upload-ok,
// --sigv4-upload-border, --sigv4-upload-radius on the form or any ancestor.
import { decodePolicy, policyLimits, typeAllowed, acceptRule, ruleText } from "../shared/policy.js";
import { xhrUpload } from "../shared/xhr-upload.js";
import { UPLOAD_TEXT, uploadOutcome, fill } from "../shared/upload-messages.js";
import { formatBytes, formatPair } from "../shared/bytes.js";
import { el } from "../shared/el.js";

const CSS = `
.sigv4-upload-drop {
  display: block;
  margin: .5rem 0;
  padding: 1rem;
  border: 2px dashed var(--sigv4-upload-border, #9aa4b2);
  border-radius: var(--sigv4-upload-radius, 8px);
  text-align: center;
}
.sigv4-upload-drop[data-over] { border-color: var(--sigv4-upload-accent, #0b5fcf); }
.sigv4-upload-progress { display: block; width: 100%; margin: .5rem 0; accent-color: var(--sigv4-upload-accent, #0b5fcf); }
.sigv4-upload-status[data-state="error"] { color: var(--sigv4-upload-error, #b42318); font-weight: 600; }
.sigv4-upload-status[data-state="ok"] { color: var(--sigv4-upload-ok, #116329); font-weight: 600; }
.sigv4-upload-status .sigv4-upload-detail { display: block; font-weight: 400; }
`;

// Constructed style sheets are not inline styles: a page whose
// Content-Security-Policy forbids those still accepts them.
function adoptStyles() {
  if (adoptStyles.done || !("adoptedStyleSheets" in Document.prototype)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  adoptStyles.done = true;
}

function textFor(form) {
  const lang = (form.closest("[lang]")?.getAttribute("lang") || navigator.language || "en").toLowerCase().split("-")[0];
  return UPLOAD_TEXT[lang] || UPLOAD_TEXT.en;
}

function field(form, name) {
  return form.querySelector(`input[name="${name}" i]`);
}

function limitsOf(form) {
  const policyInput = field(form, "policy");
  const limits = policyLimits(policyInput ? decodePolicy(policyInput.value) : null);
  const d = form.dataset;
  if (d.maxSize) limits.maxSize = Number(d.maxSize);
  if (d.minSize) limits.minSize = Number(d.minSize);
  if (d.accept) limits.contentType = acceptRule(d.accept);
  return limits;
}

// check returns what is wrong with file for this form, or "".
function check(file, limits, text, lang) {
  const sizes = (a, b) => formatPair(a, b, lang, text["uploadResult.bytes"]);
  const name = file.name;
  if (limits.expiration && limits.expiration.getTime() < Date.now()) {
    return fill(text["uploadResult.expired"], { date: limits.expiration.toLocaleString(lang) });
  }
  if (limits.maxSize !== null && file.size > limits.maxSize) {
    const [got, max] = sizes(file.size, limits.maxSize);
    return fill(text["uploadResult.tooLarge"], { name, size: got, max });
  }
  if (limits.minSize !== null && file.size < limits.minSize) {
    const [got, min] = sizes(file.size, limits.minSize);
    return fill(text["uploadResult.tooSmall"], { name, size: got, min });
  }
  if (!typeAllowed(limits.contentType, file.type)) {
    return fill(text["uploadResult.wrongType"], { name, type: file.type || text["uploadResult.unknownType"], rule: ruleText(limits.contentType) });
  }
  return "";
}

// enhance adds the progress bar, drag and drop and checks to one form.
export function enhance(form) {
  const fileInput = form.querySelector('input[type="file"]');
  if (!fileInput || form.dataset.sigv4Enhanced) return;
  form.dataset.sigv4Enhanced = "";
  adoptStyles();
  const text = textFor(form);
  const lang = document.documentElement.lang || navigator.language;
  const limits = limitsOf(form);
  if (limits.contentType && !fileInput.accept) fileInput.accept = ruleText(limits.contentType, ",");

  const drop = el("label", { class: "sigv4-upload-drop", for: fileInput.id || null }, text["uploadResult.drop"]);
  const progress = el("progress", { class: "sigv4-upload-progress", max: "100", value: "0", hidden: true });
  const status = el("p", { class: "sigv4-upload-status", role: "status", "aria-live": "polite" });
  fileInput.after(drop, progress, status);
  if (!fileInput.id) drop.addEventListener("click", () => fileInput.click());

  const say = (state, message, details = []) => {
    status.dataset.state = state;
    status.replaceChildren(message, ...details.map(([k, v]) => el("span", { class: "sigv4-upload-detail" }, `${k}: ${v}`)));
  };

  const onFile = () => {
    const file = fileInput.files[0];
    if (!file) return;
    const problem = check(file, limits, text, lang);
    fileInput.setCustomValidity(problem);
    if (problem) say("error", problem);
    else say("", `${file.name} · ${formatBytes(file.size, lang, text["uploadResult.bytes"])}`);
    // The form's Content-Type is the file's own type when the form lets it
    // vary: its select of types (without script the visitor chooses), or a
    // field a starts-with condition allows in a hand-made form.
    const typeField = form.querySelector('select[name="Content-Type" i]') || field(form, "Content-Type");
    if (typeField && limits.contentType && limits.contentType.op !== "eq" && typeAllowed(limits.contentType, file.type)) {
      typeField.value = file.type;
    }
  };
  fileInput.addEventListener("change", onFile);

  for (const type of ["dragenter", "dragover"]) {
    form.addEventListener(type, (event) => {
      event.preventDefault();
      drop.dataset.over = "";
    });
  }
  form.addEventListener("dragleave", () => delete drop.dataset.over);
  form.addEventListener("drop", (event) => {
    event.preventDefault();
    delete drop.dataset.over;
    if (event.dataTransfer.files.length) {
      fileInput.files = event.dataTransfer.files;
      onFile();
    }
  });

  let busy = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    const file = fileInput.files[0];
    if (!file) {
      say("error", text["uploadResult.noFile"]);
      fileInput.focus();
      return;
    }
    const problem = check(file, limits, text, lang);
    if (problem) {
      say("error", problem);
      return;
    }
    busy = true;
    const buttons = form.querySelectorAll('[type="submit"]');
    buttons.forEach((b) => (b.disabled = true));
    progress.hidden = false;
    progress.value = 0;
    say("busy", fill(text["uploadResult.progress"], { percent: 0 }));
    try {
      const answer = await xhrUpload(form.action, new FormData(form), {
        onProgress: (loaded, total) => {
          const p = Math.round((loaded / total) * 100);
          progress.value = p;
          say("busy", fill(text["uploadResult.progress"], { percent: p }));
        },
      });
      const outcome = uploadOutcome(answer, text);
      const redirect = field(form, "success_action_redirect");
      if (outcome.ok && redirect && answer.url && answer.url !== form.action) {
        window.location.assign(answer.url);
        return;
      }
      if (outcome.ok) progress.value = 100;
      say(outcome.ok ? "ok" : "error", outcome.message, outcome.details);
    } catch (err) {
      say("error", err.name === "AbortError" ? text["uploadResult.aborted"] : text["uploadResult.network"]);
    } finally {
      busy = false;
      buttons.forEach((b) => (b.disabled = false));
    }
  });
}

function enhanceAll() {
  for (const form of document.querySelectorAll("form")) {
    if (form.hasAttribute("data-sigv4-upload") || (field(form, "policy") && form.querySelector('input[type="file"]'))) enhance(form);
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhanceAll);
else enhanceAll();
