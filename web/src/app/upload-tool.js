// Tool 2: upload forms for static sites (S3 POST policy), with a live test
// that sends a file through the generated form to the real bucket.
import { createTool, touch } from "./tool-runner.js";
import { credentials, endpoint, currentPreset } from "./credentials.js";
import { highlightHtml } from "./highlight.js";
import { expiryText, showLifetime } from "./dates.js";
import { lang, t, texts, onLangChange } from "./i18n.js";
import { record } from "./last-signature.js";
import { xhrUpload } from "../shared/xhr-upload.js";
import { uploadOutcome, fill } from "../shared/upload-messages.js";
import { formatBytes } from "../shared/bytes.js";
import { el } from "../shared/el.js";

const $ = (id) => document.getElementById(id);

// parseMetadata reads "name=value" lines (or "name: value").
function parseMetadata(text) {
  const fields = {};
  const bad = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const m = /^\s*([^=:\s]+)\s*[=:]\s?(.*)$/.exec(line);
    if (!m) bad.push(i + 1);
    else fields["x-amz-meta-" + m[1].toLowerCase().replace(/^x-amz-meta-/, "")] = m[2];
  });
  return { fields, bad };
}

function size(id, unitId) {
  const raw = $(id).value.trim();
  if (raw === "") return null;
  return Math.round(Number(raw) * Number($(unitId).value));
}

export function initUploadTool({ isActive }) {
  const form = $("upload-form");
  let current = null; // {result}
  let controller = null;

  function syncVisibility() {
    $("upload-redirect-field").hidden = $("upload-success").value !== "redirect";
  }
  form.addEventListener("change", syncVisibility);
  syncVisibility();

  function showWarning(input) {
    const preset = currentPreset();
    const lines = [];
    if (preset.uploadNote) lines.push(t(preset.uploadNote));
    if (input && preset.postMaxExpires && input.expires > preset.postMaxExpires) {
      lines.push(t("upload.tooLong", { days: preset.postMaxExpires / 86400 }));
    }
    const box = $("upload-provider-warning");
    box.textContent = lines.join(" ");
    box.hidden = lines.length === 0;
  }

  function build() {
    // The form's button speaks the page's language (the site it goes on is
    // likely in the same one).
    const input = { ...credentials(), service: "s3", debug: true, submitLabel: t("upload.formButton") };
    const errors = [];
    const ep = endpoint();
    if (ep) input.endpoint = ep;
    const bucket = $("upload-bucket").value.trim();
    if (bucket) input.bucket = bucket;
    input.addressing = $("upload-addressing").value;
    const key = $("upload-key").value;
    if (form.elements.keyMode.value === "prefix") {
      if (key) input.keyPrefix = key;
      else input.key = "${filename}";
    } else if (key) {
      input.key = key;
    } else {
      errors.push({ field: "key", code: "missing", message: "is required" });
    }

    const amount = $("upload-expires").value.trim();
    if (amount === "") errors.push({ field: "expires", code: "missing", message: "is required" });
    else input.expires = Number(amount) * Number($("upload-expires-unit").value);

    const min = size("upload-min-size", "upload-min-unit");
    const max = size("upload-max-size", "upload-max-unit");
    if (max !== null) input.contentLengthRange = [min ?? 0, max];
    if (max !== null && min !== null && min > max) errors.push({ field: "contentLengthRange[0]", code: "out-of-range", text: t("upload.minOverMax") });
    else if (min !== null && min > 0 && max === null) errors.push({ field: "contentLengthRange[1]", code: "missing", message: "is required with a minimum size" });

    const fields = {};
    const acl = $("upload-acl").value;
    if (acl) fields.acl = acl;
    // The core checks each type (a prefix such as image/ is refused: the
    // form would store files under it) and makes the select for several.
    const types = $("upload-content-type").value.split(",").map((v) => v.trim()).filter(Boolean);
    if (types.length) input.contentTypes = types;
    const success = $("upload-success").value;
    if (success === "redirect") {
      const url = $("upload-redirect").value.trim();
      if (url) fields.success_action_redirect = url;
      else errors.push({ field: "fields.success_action_redirect", code: "missing", message: "is required" });
    } else if (success !== "204") {
      fields.success_action_status = success;
    }
    const meta = parseMetadata($("upload-metadata").value);
    for (const line of meta.bad) errors.push({ field: "metadata", code: "malformed", text: t("upload.metadataLine", { n: line }) });
    Object.assign(fields, meta.fields);
    if (Object.keys(fields).length) input.fields = fields;
    showWarning(input);
    return { input, errors };
  }

  function render(result, input) {
    $("upload-placeholder").hidden = true;
    $("upload-result").hidden = false;
    $("upload-result-action").textContent = result.url;
    const when = expiryText(result.expiration, lang());
    $("upload-result-expiration").textContent = `${when.local} (${when.relative}) · UTC: ${when.utc}`;
    showLifetime(result, lang(), { signedAt: $("upload-result-signed-at"), validUntil: $("upload-result-valid-until"), warning: $("upload-lifetime-warning") },
      (relative, time) => t("upload.credentialsExpireFirst", { relative, time }));
    let html = result.html;
    if ($("upload-enhancer").checked) {
      html += "\n<!-- " + t("upload.enhancerComment") + " -->\n<script type=\"module\" src=\"upload-enhancer.js\"></script>";
    }
    const code = $("upload-result-html");
    code.replaceChildren(highlightHtml(html));
    let policy = result.policy;
    try {
      policy = JSON.stringify(JSON.parse(result.policy), null, 2);
    } catch {
      // show it as it came
    }
    $("upload-result-policy").textContent = policy;
    current = { result };
    updateSendButton();
    record({ tool: "upload", kind: "postPolicy", input, debug: result.debug });
  }

  function clear() {
    $("upload-result").hidden = true;
    $("upload-placeholder").hidden = false;
    current = null;
    updateSendButton();
  }

  const tool = createTool({
    form,
    errorList: $("upload-errors"),
    status: $("upload-status"),
    build,
    call: (s, input) => s.postPolicy(input),
    render,
    clear,
    fields: {
      keyPrefix: "upload-key",
      expiration: "upload-expires",
      contentLengthRange: "upload-max-size",
      contentTypes: "upload-content-type",
      "fields.success_action_status": "upload-success",
      metadata: "upload-metadata",
      "fields.x-amz-meta-*": "upload-metadata",
    },
    isActive,
  });

  // Live test.
  const fileInput = $("upload-test-file");
  const send = $("upload-test-send");
  const cancel = $("upload-test-cancel");
  const progress = $("upload-test-progress");
  const percent = $("upload-test-percent");
  const status = $("upload-test-status");
  const responseBlock = $("upload-test-response-block");
  const response = $("upload-test-response");

  function updateSendButton() {
    send.disabled = !current || !fileInput.files.length || !!controller;
  }
  fileInput.addEventListener("change", () => {
    const file = fileInput.files[0];
    status.textContent = file ? `${file.name} · ${formatBytes(file.size, lang(), t("uploadResult.bytes"))} · ${file.type || t("uploadResult.unknownType")}` : "";
    status.dataset.state = "";
    progress.value = 0;
    percent.textContent = "0%";
    updateSendButton();
  });

  function setProgress(value) {
    progress.value = value;
    percent.textContent = value + "%";
  }

  send.addEventListener("click", async () => {
    const file = fileInput.files[0];
    if (!current || !file) return;
    const { result } = current;
    // With a choice of types, send the file's own type, as the upload
    // enhancer does; a file of another type is not sent.
    const choices = result.contentTypes && result.contentTypes.length > 1 ? result.contentTypes : null;
    if (choices && !choices.includes(file.type)) {
      status.dataset.state = "error";
      status.textContent = fill(texts()["uploadResult.wrongType"], { name: file.name, type: file.type || texts()["uploadResult.unknownType"], rule: choices.join(", ") });
      return;
    }
    const data = new FormData();
    for (const [name, value] of Object.entries(result.fields)) {
      data.append(name, choices && name === "Content-Type" ? file.type : value);
    }
    data.append("file", file);
    controller = new AbortController();
    cancel.hidden = false;
    updateSendButton();
    responseBlock.hidden = true;
    setProgress(0);
    status.dataset.state = "busy";
    status.textContent = fill(t("uploadResult.progress"), { percent: 0 });
    const text = texts();
    // The page's own Content-Security-Policy may refuse the bucket's origin
    // (serve.go allows only the origins given with -connect): say so.
    let blocked = false;
    const onViolation = (event) => {
      if (event.effectiveDirective === "connect-src") blocked = true;
    };
    document.addEventListener("securitypolicyviolation", onViolation);
    try {
      const answer = await xhrUpload(result.url, data, {
        signal: controller.signal,
        onProgress: (loaded, total) => {
          const p = Math.round((loaded / total) * 100);
          setProgress(p);
          status.textContent = fill(text["uploadResult.progress"], { percent: p });
        },
      });
      const outcome = uploadOutcome(answer, text);
      if (outcome.ok) setProgress(100);
      status.dataset.state = outcome.ok ? "ok" : "error";
      status.replaceChildren(outcome.message, ...outcome.details.map(([k, v]) => el("span", { class: "detail" }, ` ${k}: `, el("code", {}, v))));
      response.textContent = answer.text || `HTTP ${answer.status}`;
      responseBlock.hidden = false;
    } catch (err) {
      status.dataset.state = "error";
      if (err.name === "AbortError") status.textContent = text["uploadResult.aborted"];
      else if (blocked) status.textContent = t("upload.blockedByCsp", { origin: new URL(result.url).origin });
      else status.textContent = text["uploadResult.network"];
    } finally {
      document.removeEventListener("securitypolicyviolation", onViolation);
      controller = null;
      cancel.hidden = true;
      updateSendButton();
    }
  });
  cancel.addEventListener("click", () => controller && controller.abort());
  onLangChange(() => showWarning(null));

  tool.fillExample = () => {
    $("upload-bucket").value = "sigv4examplebucket";
    $("upload-addressing").value = "virtual";
    $("upload-key-mode-prefix").checked = true;
    $("upload-key").value = "user/user1/";
    $("upload-min-size").value = "";
    $("upload-max-size").value = "";
    $("upload-content-type").value = "image/jpeg, image/png";
    $("upload-acl").value = "public-read";
    $("upload-success").value = "redirect";
    $("upload-redirect").value = "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html";
    $("upload-metadata").value = "uuid=14365123651274";
    $("upload-expires").value = "36";
    $("upload-expires-unit").value = "3600";
    syncVisibility();
    touch(...form.elements);
  };
  return tool;
}
