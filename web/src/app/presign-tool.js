// Tool 1: presigned links (GET, PUT, HEAD, DELETE) for one object.
import { createTool, touch } from "./tool-runner.js";
import { credentials, endpoint, currentPreset } from "./credentials.js";
import { DEFAULT_MAX_EXPIRES } from "./presets.js";
import { headerLines, showSnippet } from "./snippets.js";
import { expiryText, showLifetime } from "./dates.js";
import { lang, t } from "./i18n.js";
import { record } from "./last-signature.js";

const $ = (id) => document.getElementById(id);

// contentDisposition makes "download as" a header value: a quoted ASCII name,
// plus the RFC 6266 / 5987 UTF-8 form when the name is not plain ASCII.
export function contentDisposition(name) {
  if (/^[\x20-\x7e]*$/.test(name) && !/["\\]/.test(name)) return `attachment; filename="${name}"`;
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

// setSeconds shows a duration in the largest unit that divides it.
function setSeconds(seconds) {
  const unit = [86400, 3600, 60, 1].find((u) => seconds % u === 0);
  $("presign-expires").value = String(seconds / unit);
  $("presign-expires-unit").value = String(unit);
}

function syncVisibility(form) {
  const target = form.elements.target.value;
  for (const node of form.querySelectorAll("[data-target]")) node.hidden = node.dataset.target !== target;
  const method = $("presign-method").value;
  for (const node of form.querySelectorAll("[data-methods]")) node.hidden = !node.dataset.methods.split(" ").includes(method);
}

export function initPresignTool({ isActive }) {
  const form = $("presign-form");
  syncVisibility(form);
  form.addEventListener("change", () => syncVisibility(form));
  for (const chip of form.querySelectorAll(".chip[data-seconds]")) {
    chip.addEventListener("click", () => {
      setSeconds(Number(chip.dataset.seconds));
      touch($("presign-expires"));
      form.dispatchEvent(new Event("input"));
    });
  }

  function build() {
    const method = $("presign-method").value;
    const input = { ...credentials(), service: "s3", method, debug: true, snippets: true };
    const errors = [];
    if (form.elements.target.value === "url") {
      const url = $("presign-url").value.trim();
      if (url) input.url = url;
      else errors.push({ field: "url", code: "missing", message: "is required" });
    } else {
      const ep = endpoint();
      if (ep) input.endpoint = ep;
      input.bucket = $("presign-bucket").value.trim();
      input.key = $("presign-key").value;
      input.addressing = $("presign-addressing").value;
      if (!input.bucket) delete input.bucket;
      if (!input.key) delete input.key;
    }
    const amount = $("presign-expires").value.trim();
    if (amount === "") errors.push({ field: "expires", code: "missing", message: "is required" });
    else input.expires = Number(amount) * Number($("presign-expires-unit").value);
    const max = currentPreset().maxExpires;
    if (max && max !== DEFAULT_MAX_EXPIRES) input.maxExpires = max;

    const query = {};
    if (method === "GET" || method === "HEAD") {
      const name = $("presign-download-as").value.trim();
      if (name) query["response-content-disposition"] = contentDisposition(name);
      const type = $("presign-response-type").value.trim();
      if (type) query["response-content-type"] = type;
    }
    if (Object.keys(query).length) input.query = query;
    if (method === "PUT") {
      const type = $("presign-content-type").value.trim();
      if (type) input.headers = { "Content-Type": type };
    }
    return { input, errors };
  }

  function render(result, input) {
    $("presign-placeholder").hidden = true;
    $("presign-result").hidden = false;
    $("presign-result-url").textContent = result.url;
    // A browser rewrites some URLs (dot segments) before sending them: then
    // the page says so instead of offering a link that fails.
    const openable = result.method === "GET" && result.snippets.browserUrl;
    const open = $("presign-open");
    open.hidden = !openable;
    open.href = openable ? result.url : "#";
    $("presign-not-browser").hidden = result.snippets.browserUrl;
    const when = expiryText(result.expiresAt, lang());
    $("presign-expires-local").textContent = `${when.local} (${when.relative})`;
    $("presign-expires-utc").textContent = when.utc;
    showLifetime(result, lang(), { signedAt: $("presign-signed-at"), validUntil: $("presign-valid-until"), warning: $("presign-lifetime-warning") },
      (relative, time) => t("presign.credentialsExpireFirst", { relative, time }));
    const shown = Object.fromEntries(Object.entries(result.headers || {}).filter(([n]) => n.toLowerCase() !== "host"));
    $("presign-headers-block").hidden = Object.keys(shown).length === 0;
    $("presign-result-headers").textContent = headerLines(shown);
    $("presign-snippet-curl").textContent = result.snippets.curl;
    showSnippet("presign-snippet-fetch", "presign-no-fetch", result.snippets.fetch);
    record({ tool: "presign", kind: "presign", input, debug: result.debug });
  }

  function clear() {
    $("presign-result").hidden = true;
    $("presign-placeholder").hidden = false;
    $("presign-result-url").textContent = "";
  }

  const tool = createTool({
    form,
    errorList: $("presign-errors"),
    status: $("presign-status"),
    build,
    call: (s, input) => s.presign(input),
    render,
    clear,
    fields: { maxExpires: "presign-expires" },
    isActive,
  });

  tool.fillExample = () => {
    $("presign-method").value = "GET";
    $("presign-target-parts").checked = true;
    $("presign-bucket").value = "examplebucket";
    $("presign-key").value = "test.txt";
    $("presign-addressing").value = "virtual";
    setSeconds(86400);
    $("presign-download-as").value = "";
    $("presign-response-type").value = "";
    $("presign-content-type").value = "";
    syncVisibility(form);
    touch(...form.elements);
  };
  return tool;
}
