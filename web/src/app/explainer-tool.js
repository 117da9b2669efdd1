// Tool 4: the signing steps of the last signature built here, verification
// of a pasted presigned URL, and the diff against a SignatureDoesNotMatch
// answer or pasted `aws --debug` output.
import { createTool } from "./tool-runner.js";
import { credentials, currentPreset } from "./credentials.js";
import { DEFAULT_MAX_EXPIRES } from "./presets.js";
import { signer, fieldErrors } from "./signer.js";
import { errorView, messageFor } from "./form-errors.js";
import { lastSignature, onSignature, record } from "./last-signature.js";
import { lineDiff, diagnose, diagnoseDebug, parseAwsDebug, closestSignature } from "./diff.js";
import { expiryText } from "./dates.js";
import { t, texts, lang, onLangChange } from "./i18n.js";
import { renderSteps } from "../shared/steps.js";
import { parseS3Xml } from "../shared/s3-xml.js";
import { el } from "../shared/el.js";

const $ = (id) => document.getElementById(id);

// revealSigningKey runs the last call again with the current secret and
// debug.signingKey, and returns the hex key. Nothing keeps it afterwards.
async function revealSigningKey() {
  const last = lastSignature();
  const s = signer();
  if (!last || !s) throw new Error(t("explainer.nothing"));
  const creds = credentials();
  const input = { ...last.input, debug: { signingKey: true } };
  if (last.kind === "verify") {
    input.secretAccessKey = $("verify-secret").value || creds.secretAccessKey;
  } else {
    input.secretAccessKey = creds.secretAccessKey;
    if (creds.sessionToken) input.sessionToken = creds.sessionToken;
  }
  try {
    return s[last.kind](input).debug.signingKey;
  } catch (err) {
    const first = fieldErrors(err)[0];
    throw new Error(messageFor(first, first.field));
  }
}

function renderExplainer() {
  const last = lastSignature();
  const source = $("explainer-source");
  const list = $("explainer-steps");
  if (!last) {
    source.textContent = t("explainer.empty");
    list.hidden = true;
    return;
  }
  const time = new Intl.DateTimeFormat(lang(), { timeStyle: "medium" }).format(last.at);
  source.textContent = t("explainer.from." + last.tool, { time });
  renderSteps(list, last.debug, texts(), { revealKey: revealSigningKey, idPrefix: "explainer" });
  list.hidden = false;
}

function initVerify(isActive) {
  const form = $("verify-form");
  const verdict = $("verify-result");
  const details = $("verify-details");

  function clear() {
    verdict.hidden = true;
    details.hidden = true;
  }

  function render(result) {
    // reason: sigv4.d.ts VerifyReason.
    const reason = result.reason || (result.valid ? "valid" : result.expired ? "expired" : "signature-mismatch");
    verdict.dataset.state = reason;
    verdict.textContent = t("verify." + reason, { header: result.header || "" });
    verdict.hidden = false;
    const when = (iso) => {
      const w = expiryText(iso, lang());
      return `${w.local} (${w.relative}) · UTC: ${w.utc}`;
    };
    const rows = [
      ["verify.accessKeyId", result.accessKeyId],
      ["verify.region", result.region],
      ["verify.service", result.service],
      ["verify.signedAt", result.signedAt && when(result.signedAt)],
      ["verify.expiresAt", result.expiresAt && when(result.expiresAt)],
    ];
    details.replaceChildren(...rows.filter(([, v]) => v).flatMap(([k, v]) => [el("dt", {}, t(k)), el("dd", { "data-testid": k.replace(".", "-") }, v)]));
    details.hidden = false;
    // A verdict reached before computing (wrong-access-key,
    // missing-signed-header) has no steps to explain.
    if (result.debug && result.debug.canonicalRequest) record({ tool: "verify", kind: "verify", input: lastInput, debug: result.debug });
  }

  let lastInput = null;
  createTool({
    form,
    errorList: $("verify-errors"),
    status: $("verify-status"),
    build() {
      const url = $("verify-url").value.trim();
      if (!url) return null;
      const creds = credentials();
      // The access key ID the URL must name: verify refuses any other,
      // because a signature does not cover the key ID. A link opened in a
      // browser carries no body, hence "".
      const input = {
        url,
        accessKeyId: $("verify-access-key").value.trim() || creds.accessKeyId,
        secretAccessKey: $("verify-secret").value || creds.secretAccessKey,
        body: "",
      };
      const max = currentPreset().maxExpires;
      if (max && max !== DEFAULT_MAX_EXPIRES) input.maxExpires = max;
      const now = $("verify-now").value.trim();
      if (now) input.now = now;
      lastInput = input;
      return { input, errors: [] };
    },
    call: (s, input) => s.verify(input),
    render,
    clear,
    isActive,
  });
}

function initDiff() {
  const form = $("diff-form");
  const view = errorView($("diff-errors"));
  const output = $("diff-output");
  let timer = 0;

  // fillDiff shows the diff of ours and theirs in the list and marks the
  // first differing line, unless one was marked before (firstTaken).
  // theirsLabel names the other side for screen readers.
  function fillDiff(list, ours, theirs, firstTaken, theirsLabel) {
    const lines = lineDiff(ours, theirs);
    let marked = firstTaken;
    const signs = { same: " ", masked: "*", ours: "−", theirs: "+" };
    list.replaceChildren(
      ...lines.map((line) => {
        const li = el("li", { class: "diff-" + line.op, "data-op": line.op }, el("span", { class: "diff-sign", "aria-hidden": "true" }, signs[line.op]), el("code", {}, line.text || " "));
        if (line.op === "masked") li.append(el("span", { class: "diff-note", "data-testid": "diff-masked-note" }, t("diff.maskedLine")));
        if (line.op === "ours" || line.op === "theirs") {
          li.prepend(el("span", { class: "visually-hidden" }, t(line.op === "ours" ? "diff.oursLine" : theirsLabel) + " "));
          if (!marked) {
            li.id = "diff-first";
            li.dataset.testid = "diff-first";
            li.classList.add("diff-first");
            marked = true;
          }
        }
        return li;
      }),
    );
    return marked;
  }

  function showHints(hints) {
    $("diff-hints").replaceChildren(...(hints.length ? hints : [{ key: "hint.none", params: {} }]).map((h) => el("li", { "data-hint": h.key.replace("hint.", "") }, t(h.key, h.params))));
  }

  // show fills the three blocks; a value that is absent hides its block.
  function show(ours, theirs, legendKey, theirsLabel) {
    const legend = $("diff-legend");
    legend.dataset.i18n = legendKey;
    legend.textContent = t(legendKey);
    let first = false;
    for (const [name, block, list] of [
      ["canonicalRequest", "diff-canonical-block", "diff-canonical"],
      ["stringToSign", "diff-sts-block", "diff-string-to-sign"],
      ["signature", "diff-signature-block", "diff-signature"],
    ]) {
      $(block).hidden = !theirs[name];
      if (theirs[name]) first = fillDiff($(list), ours ? ours[name] : "", theirs[name], first, theirsLabel);
    }
    output.hidden = false;
  }

  // The pasted text is read here and nowhere else: it is never stored or
  // sent (aws --debug output holds the access key ID and any session token).
  function run() {
    const text = $("diff-xml").value;
    view.clear();
    if (!text.trim()) {
      output.hidden = true;
      return;
    }
    const last = lastSignature();
    const ours = last ? last.debug : null;
    const found = parseAwsDebug(text);
    if (found.length) {
      const k = closestSignature(found, ours);
      const hints = diagnoseDebug(found[k], ours);
      if (found.length > 1) hints.push({ key: "hint.several", params: { k: String(k + 1), n: String(found.length) } });
      showHints(hints);
      show(ours, found[k], "diff.legendDebug", "diff.pastedLine");
      return;
    }
    const xml = parseS3Xml(text.trim());
    if (!xml || xml.kind !== "Error") {
      output.hidden = true;
      view.show([{ input: $("diff-xml"), field: "errorXml", code: "malformed", text: t("diff.notXml") }]);
      return;
    }
    showHints(diagnose(xml, ours));
    show(ours, { canonicalRequest: xml.values.CanonicalRequest, stringToSign: xml.values.StringToSign }, "diff.legend", "diff.serverLine");
  }

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  };
  form.addEventListener("input", schedule);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  onSignature(schedule);
  onLangChange(schedule);
}

export function initExplainerTool({ isActive }) {
  onSignature(renderExplainer);
  onLangChange(renderExplainer);
  renderExplainer();
  initVerify(isActive);
  initDiff();
}
