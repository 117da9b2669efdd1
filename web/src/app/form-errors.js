// Validation messages next to the inputs they name: aria-invalid on the
// input, the message in a <p> the input's aria-describedby points to, and
// the rest (errors no input on the page stands for) in the form's list.
import { t, lang } from "./i18n.js";
import { el } from "../shared/el.js";

function errorId(input) {
  return input.id + "-error";
}

function labelOf(input) {
  const label = input.id && document.querySelector(`label[for="${input.id}"]`);
  if (label && input.type !== "radio" && input.type !== "checkbox") return bare(label.textContent);
  const legend = input.closest("fieldset")?.querySelector("legend");
  if (legend) return bare(legend.textContent);
  return (label && bare(label.textContent)) || input.getAttribute("aria-label") || input.name;
}

// bare drops a label's trailing note in parentheses ("Session token
// (optional)"): an error message names the field, and "Session token
// (optional) is malformed" reads as if the note were part of the problem.
function bare(text) {
  return text.trim().replace(/\s*\([^()]*\)$/, "");
}

// messageFor renders one error for the field whose label is label. English
// messages from the signer read well after the label ("Bucket is required");
// in other languages the code's phrase comes first and the signer's precise
// English phrase follows for reference.
export function messageFor(error, label) {
  if (error.text) return error.text;
  if (lang() === "en") return error.message ? `${label} ${error.message}` : `${label}: ${t("errors." + error.code)}`;
  const phrase = `${label}: ${t("errors." + error.code)}`;
  return error.message && error.code !== "missing" ? `${phrase} (${error.message})` : phrase;
}

// errorView returns {clear, show} for one form: show(entries) marks each
// error's input (entries: {input, field, code, message, text}) and puts the
// rest in list; clear() removes every mark it set.
export function errorView(list) {
  const marked = new Set();
  function clear() {
    for (const input of marked) {
      input.removeAttribute("aria-invalid");
      const id = errorId(input);
      document.getElementById(id)?.remove();
      const ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter((x) => x && x !== id);
      if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
      else input.removeAttribute("aria-describedby");
    }
    marked.clear();
    list.replaceChildren();
    list.hidden = true;
  }
  function show(entries) {
    clear();
    const byInput = new Map();
    const rest = [];
    for (const e of entries) {
      if (e.input) {
        if (!byInput.has(e.input)) byInput.set(e.input, []);
        byInput.get(e.input).push(e);
      } else {
        rest.push(e);
      }
    }
    for (const [input, errors] of byInput) {
      const label = labelOf(input);
      const id = errorId(input);
      const p = el("p", { class: "field-error", id, "data-field": errors[0].field, "data-code": errors[0].code });
      errors.forEach((e, i) => {
        if (i > 0) p.append(el("br"));
        p.append(messageFor(e, label));
      });
      const container = input.closest(".field") || input.parentElement;
      container.append(p);
      input.setAttribute("aria-invalid", "true");
      const ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      if (!ids.includes(id)) input.setAttribute("aria-describedby", [...ids, id].join(" "));
      marked.add(input);
    }
    for (const e of rest) {
      list.append(el("li", { "data-field": e.field, "data-code": e.code }, messageFor(e, e.field || t("errors.general"))));
    }
    list.hidden = rest.length === 0;
    return [...byInput.keys()];
  }
  return { clear, show };
}
