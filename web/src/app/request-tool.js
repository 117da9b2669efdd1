// Tool 3: header-signed API requests (Amazon SES, Yandex Postbox, S3, any
// AWS-style service), and the Postbox IAM-token alternative.
import { createTool, touch } from "./tool-runner.js";
import { credentials, endpoint, currentPreset, onCredentialsChange } from "./credentials.js";
import { headerLines, iamInput, iamHeaders, showSnippet, showIssues } from "./snippets.js";
import { t } from "./i18n.js";
import { record } from "./last-signature.js";

const $ = (id) => document.getElementById(id);

const SES_BODY = {
  FromEmailAddress: "sender@example.com",
  Destination: { ToAddresses: ["recipient@example.com"] },
  Content: {
    Simple: {
      Subject: { Data: "Hello", Charset: "UTF-8" },
      Body: { Text: { Data: "Sent with a request signed by SigV4 toolkit.", Charset: "UTF-8" } },
    },
  },
};

// parseHeaders reads "Name: value" lines; repeated names are joined with
// commas, as HTTP does.
function parseHeaders(text) {
  const headers = {};
  const bad = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const colon = line.indexOf(":");
    if (colon <= 0) {
      bad.push(i + 1);
      return;
    }
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const existing = Object.keys(headers).find((n) => n.toLowerCase() === name.toLowerCase());
    if (existing) headers[existing] += "," + value;
    else headers[name] = value;
  });
  return { headers, bad };
}

function isYandexHost(url) {
  try {
    return /(^|\.)(yandex\.net|yandexcloud\.net)$/.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

export function initRequestTool({ isActive }) {
  const form = $("request-form");
  let lastProvider = currentPreset().id;

  function iamAvailable() {
    return !!currentPreset().iamToken || isYandexHost($("request-url").value.trim());
  }
  function iamMode() {
    return iamAvailable() && form.elements.auth.value === "iam";
  }
  function syncVisibility() {
    $("request-auth-field").hidden = !iamAvailable();
    $("request-iam-note").hidden = !iamMode();
    $("request-unsigned-field").hidden = $("request-service").value.trim() !== "s3" || iamMode();
  }

  function applyTemplate(name) {
    const preset = currentPreset();
    if (name === "ses-send-email") {
      const region = $("region").value.trim() || "us-east-1";
      const base = preset.id === "yandex-postbox" ? "https://postbox.cloud.yandex.net" : `https://email.${region}.amazonaws.com`;
      $("request-method").value = "POST";
      $("request-url").value = base + "/v2/email/outbound-emails";
      $("request-service").value = "ses";
      $("request-headers").value = "Content-Type: application/json";
      $("request-body").value = JSON.stringify(SES_BODY, null, 2);
    } else if (name === "s3-list-objects") {
      const base = (endpoint() || "https://s3.amazonaws.com").replace(/\/+$/, "");
      const bucket = $("presign-bucket").value.trim() || $("upload-bucket").value.trim() || "examplebucket";
      $("request-method").value = "GET";
      $("request-url").value = `${base}/${encodeURIComponent(bucket)}?list-type=2&max-keys=10`;
      $("request-service").value = "s3";
      $("request-headers").value = "";
      $("request-body").value = "";
    }
    $("request-template").value = name;
    touch(...form.elements);
    syncVisibility();
  }

  $("request-template").addEventListener("change", () => applyTemplate($("request-template").value));
  form.addEventListener("input", syncVisibility);
  form.addEventListener("change", syncVisibility);
  onCredentialsChange(() => {
    const id = currentPreset().id;
    if (id !== lastProvider) {
      lastProvider = id;
      if (id === "yandex-postbox") applyTemplate("ses-send-email");
    }
    syncVisibility();
  });
  syncVisibility();

  function build() {
    const errors = [];
    const url = $("request-url").value.trim();
    const input = { ...credentials(), method: $("request-method").value, debug: true };
    if (url) input.url = url;
    else errors.push({ field: "url", code: "missing", message: "is required" });
    const service = $("request-service").value.trim();
    if (service) input.service = service;
    const parsed = parseHeaders($("request-headers").value);
    for (const n of parsed.bad) errors.push({ field: "headers", code: "malformed", text: t("request.headerLine", { n }) });
    if (Object.keys(parsed.headers).length) input.headers = parsed.headers;
    const body = $("request-body").value;
    if (body) input.body = body;
    if (service === "s3" && $("request-unsigned-payload").checked) input.unsignedPayload = true;

    if (iamMode()) {
      // Nothing to sign: only the URL must make sense.
      const iamErrors = errors.filter((e) => e.field !== "service");
      if (url) {
        try {
          new URL(url);
        } catch {
          iamErrors.push({ field: "url", code: "malformed", message: "is not an absolute URL" });
        }
      }
      return { input: { iam: true, method: input.method, url, headers: parsed.headers, body }, errors: iamErrors };
    }
    return { input, errors };
  }

  function call(s, input) {
    if (input.iam) return { iam: true, headers: input.headers, snippets: s.snippets(iamInput(input)) };
    return s.sign(input);
  }

  function render(result, input) {
    $("request-placeholder").hidden = true;
    $("request-result").hidden = false;
    const sn = result.snippets;
    $("request-result-headers").textContent = result.iam ? iamHeaders(result.headers) : headerLines(result.headers);
    showSnippet("request-snippet-curl", "request-no-curl", sn.curl);
    $("request-body-file").hidden = sn.bodyFile == null;
    $("request-curl-sigv4-block").hidden = sn.curlAwsSigv4 == null;
    $("request-snippet-curl-sigv4").textContent = sn.curlAwsSigv4 ?? "";
    showIssues("request-curl-sigv4-issues", sn.curlAwsSigv4Issues);
    showSnippet("request-snippet-fetch", "request-no-fetch", sn.fetch);
    if (result.iam) return;
    record({ tool: "request", kind: "sign", input, debug: result.debug });
  }

  function clear() {
    $("request-result").hidden = true;
    $("request-placeholder").hidden = false;
  }

  const tool = createTool({
    form,
    errorList: $("request-errors"),
    status: $("request-status"),
    build,
    call,
    render,
    clear,
    fields: { payloadHash: "request-unsigned-payload", unsignedPayload: "request-unsigned-payload" },
    isActive,
  });

  tool.fillExample = () => {
    $("request-template").value = "";
    $("request-method").value = "GET";
    $("request-url").value = "https://examplebucket.s3.amazonaws.com/test.txt";
    $("request-service").value = "s3";
    $("request-headers").value = "Range: bytes=0-9";
    $("request-body").value = "";
    $("request-unsigned-payload").checked = false;
    $("request-auth-sigv4").checked = true;
    syncVisibility();
    touch(...form.elements);
  };
  return tool;
}
