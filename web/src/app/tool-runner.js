// The life of one tool's form: recompute shortly after each change, call the
// signer only with what the form says, show every error next to its input,
// and show a result only when there is no error at all.
import { signer, whenReady, fieldErrors } from "./signer.js";
import { errorView } from "./form-errors.js";
import { credentialsForm, onCredentialsChange } from "./credentials.js";
import { onLangChange, t } from "./i18n.js";

const DEBOUNCE_MS = 250;

// Inputs the user has changed. Until then a "missing" error on an input
// stays quiet: an empty form is not a mistake.
const touched = new WeakSet();

function markTouched(event) {
  const target = event.target;
  if (target && target.name) {
    if (target.type === "radio") {
      for (const r of target.form.querySelectorAll(`input[name="${target.name}"]`)) touched.add(r);
    } else {
      touched.add(target);
    }
  }
}

document.addEventListener("input", markTouched, true);
document.addEventListener("change", markTouched, true);

// touch marks inputs as changed, as when a button fills them.
export function touch(...inputs) {
  for (const input of inputs) if (input) touched.add(input);
}

// createTool wires one form. build() returns {input, errors} (errors found
// by the page itself, such as an unparsable header line) or null when the
// tool has nothing to compute; call(s, input) runs the signer; render(result,
// input) shows the result; clear() hides it. fields maps a wire field name
// to an element id when the input's name does not say it ("prefix*" matches
// every field starting with prefix).
export function createTool({ form, errorList, status, build, call, render, clear, fields = {}, isActive }) {
  const view = errorView(errorList);
  let timer = 0;
  // After Enter (a submit), "missing" errors show everywhere from then on.
  let showAll = false;
  let focusFirst = false;
  let state = "";

  function inputFor(field) {
    for (const [pattern, id] of Object.entries(fields)) {
      if (pattern.endsWith("*") && field.startsWith(pattern.slice(0, -1))) return document.getElementById(id);
    }
    const forms = [form, credentialsForm()];
    let name = field;
    while (name) {
      if (fields[name]) return document.getElementById(fields[name]);
      for (const f of forms) {
        const found = f.querySelector(`[name="${CSS.escape(name)}"]`);
        if (found && !found.closest("[hidden]")) return found;
      }
      const shorter = name.replace(/(\[\d+\]|\.[^.[\]]*)$/, "");
      if (shorter === name) break;
      name = shorter;
    }
    return null;
  }

  function announce(next, text) {
    if (next !== state) {
      state = next;
      status.textContent = text;
    }
  }

  function run() {
    clearTimeout(timer);
    if (!isActive()) return;
    const s = signer();
    if (!s) return;
    const built = build();
    if (!built) {
      view.clear();
      clear();
      announce("empty", "");
      return;
    }
    let errors = built.errors || [];
    let result = null;
    if (errors.length === 0) {
      try {
        result = call(s, built.input);
      } catch (err) {
        errors = fieldErrors(err);
      }
    } else {
      // Ask the signer too, so every problem is shown at once.
      try {
        call(s, built.input);
      } catch (err) {
        errors = errors.concat(fieldErrors(err).filter((e) => !errors.some((l) => l.field === e.field)));
      }
    }
    if (errors.length > 0) {
      const entries = errors.map((e) => ({ ...e, input: inputFor(e.field) }));
      const visible = entries.filter((e) => showAll || e.code !== "missing" || !e.input || touched.has(e.input));
      const invalid = view.show(visible);
      clear();
      if (visible.length > 0) announce("invalid:" + visible.length, t("status.problems", { n: visible.length }));
      else announce("empty", "");
      if (focusFirst && invalid.length > 0) invalid[0].focus();
      focusFirst = false;
      return;
    }
    focusFirst = false;
    view.clear();
    render(result, built.input);
    announce("valid", t("status.updated"));
  }

  function schedule(delay = DEBOUNCE_MS) {
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  }

  form.addEventListener("input", () => schedule());
  form.addEventListener("change", () => schedule());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    showAll = true;
    focusFirst = true;
    run();
  });
  onCredentialsChange(() => schedule());
  onLangChange(() => schedule(0));
  whenReady(() => schedule(0));

  return {
    schedule,
    // revealAll shows every error, "missing" ones included, at the next run.
    revealAll() {
      showAll = true;
      focusFirst = true;
      schedule(0);
    },
    deactivate() {
      clearTimeout(timer);
      view.clear();
    },
  };
}
