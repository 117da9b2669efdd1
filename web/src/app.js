// The SigV4 toolkit page. All signing goes through ./sigv4.js (the wasm
// module, a separate file loaded once); this page only reads forms and shows
// results.
//
// Stable ids for tests (inputs also carry a name = the signer's wire field
// where there is one; outputs are <code>/<dd> whose textContent is the value;
// every id below is also usable as data-testid unless marked (id only)):
//
// Page:      lang-select, theme-select, signer-status, signer-version,
//            offline-status, tab-presign, tab-upload, tab-request,
//            tab-explainer, panel-presign, panel-upload, panel-request,
//            panel-explainer (id only)
// Keys:      provider, endpoint, region, access-key-id, secret-access-key,
//            secret-toggle, session-token, signing-time (name "date"),
//            remember-credentials, clear-credentials, example-credentials
//            (fills the example of the open tool), provider-note
// Presign:   inputs presign-method, presign-target-parts, presign-target-url,
//            presign-bucket, presign-key, presign-addressing, presign-url,
//            presign-expires, presign-expires-unit (multiplier in seconds),
//            presign-download-as, presign-response-type, presign-content-type
//            (PUT only), presign-options (<details>), quick picks
//            .chip[data-seconds];
//            outputs presign-result-url, presign-open, presign-expires-local,
//            presign-expires-utc, presign-result-headers, presign-snippet-curl,
//            presign-snippet-fetch, presign-copy-url, presign-copy-curl,
//            presign-copy-fetch, presign-placeholder, presign-result,
//            presign-errors, presign-status
// Upload:    inputs upload-bucket, upload-addressing, upload-key-mode-prefix,
//            upload-key-mode-exact, upload-key, upload-min-size,
//            upload-min-unit, upload-max-size, upload-max-unit,
//            upload-content-type, upload-acl, upload-success,
//            upload-redirect, upload-metadata, upload-expires,
//            upload-expires-unit, upload-enhancer;
//            outputs upload-result-action, upload-result-expiration,
//            upload-result-html, upload-copy-html, upload-result-policy,
//            upload-provider-warning, upload-placeholder, upload-result,
//            upload-errors, upload-status;
//            live test upload-test-file, upload-test-send, upload-test-cancel,
//            upload-test-progress (<progress> value 0-100),
//            upload-test-percent, upload-test-status (data-state busy | ok |
//            error), upload-test-response
// Request:   inputs request-template, request-auth-sigv4, request-auth-iam
//            (Yandex hosts only), request-method, request-url,
//            request-service, request-headers, request-body,
//            request-unsigned-payload;
//            outputs request-result-headers, request-snippet-curl,
//            request-snippet-fetch, request-copy-headers, request-copy-curl,
//            request-copy-fetch, request-iam-note, request-placeholder,
//            request-result, request-errors, request-status
// Explainer: explainer-source, explainer-steps, explainer-canonical-request,
//            explainer-signed-headers, explainer-string-to-sign,
//            explainer-credential-scope, explainer-signing-key (masked),
//            explainer-signing-key-toggle, explainer-signature
// Verify:    inputs verify-url, verify-access-key, verify-secret,
//            verify-now; outputs verify-result (data-state = the signer's
//            reason: valid | signature-mismatch | expired | not-yet-valid |
//            wrong-access-key | missing-signed-header | unsigned-header |
//            payload-mismatch | payload-not-checked),
//            verify-details (dd data-testid verify-accessKeyId, …),
//            verify-errors, verify-status
// Diff:      input diff-xml (an S3 error's XML or `aws --debug` output);
//            outputs diff-hints (li data-hint=<key>: match, masked, host, …),
//            diff-legend, diff-canonical, diff-string-to-sign, diff-signature
//            (li data-op same | masked | ours | theirs; a masked line holds a
//            diff-masked-note), diff-first (the first differing line),
//            diff-errors
//
// Errors: an input the signer's error names gets aria-invalid="true" and a
// <p class="field-error" id="<input id>-error" data-field data-code>.
// "missing" errors stay hidden until the input was changed or Enter pressed.
import { load, SigV4Error } from "./sigv4.js";
import { detectLang, setLang } from "./app/i18n.js";
import { initTheme } from "./app/theme.js";
import { initTabs, onTabChange, activeTab } from "./app/tabs.js";
import { initCredentials, applyPreset, notifyCredentialsChange } from "./app/credentials.js";
import { initSecrets } from "./app/secrets.js";
import { startSigner } from "./app/signer.js";
import { initCopyButtons } from "./app/copy.js";
import { initOffline } from "./app/offline.js";
import { touch } from "./app/tool-runner.js";
import { initPresignTool } from "./app/presign-tool.js";
import { initUploadTool } from "./app/upload-tool.js";
import { initRequestTool } from "./app/request-tool.js";
import { initExplainerTool } from "./app/explainer-tool.js";

const $ = (id) => document.getElementById(id);

// The AWS documentation's example keys (S3 pages: a slash after MDENG) and,
// per tool, the time of the documented example.
const EXAMPLE = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  dates: {
    presign: "2013-05-24T00:00:00Z",
    upload: "2015-12-29T00:00:00Z",
    request: "2013-05-24T00:00:00Z",
    explainer: "2013-05-24T00:00:00Z",
  },
};

function main() {
  const language = $("lang-select");
  language.value = detectLang();
  setLang(language.value);
  language.addEventListener("change", () => setLang(language.value, { remember: true }));

  initTheme();
  initCredentials();
  initSecrets();
  initCopyButtons();

  const tools = {
    presign: initPresignTool({ isActive: () => activeTab() === "presign" }),
    upload: initUploadTool({ isActive: () => activeTab() === "upload" }),
    request: initRequestTool({ isActive: () => activeTab() === "request" }),
  };
  initExplainerTool({ isActive: () => activeTab() === "explainer" });

  onTabChange((current, previous) => {
    if (previous !== current) tools[previous]?.deactivate();
    // With the example keys and an example's time, follow the open tool's
    // example, so every tool reproduces its documented result.
    const time = $("signing-time");
    const exampleTimes = Object.values(EXAMPLE.dates);
    if ($("access-key-id").value === EXAMPLE.accessKeyId && exampleTimes.includes(time.value) && time.value !== EXAMPLE.dates[current]) {
      time.value = EXAMPLE.dates[current];
      notifyCredentialsChange();
    }
    tools[current]?.schedule(0);
  });
  initTabs();

  $("example-credentials").addEventListener("click", () => {
    const tab = activeTab();
    applyPreset("aws", { force: true });
    $("endpoint").value = "https://s3.amazonaws.com";
    $("region").value = "us-east-1";
    $("access-key-id").value = EXAMPLE.accessKeyId;
    $("secret-access-key").value = EXAMPLE.secretAccessKey;
    $("session-token").value = "";
    $("signing-time").value = EXAMPLE.dates[tab];
    touch(...$("cred-form").elements);
    for (const tool of Object.values(tools)) tool.fillExample();
    notifyCredentialsChange();
  });
  $("cred-form").addEventListener("submit", (event) => {
    event.preventDefault();
    tools[activeTab()]?.revealAll();
  });

  initOffline();
  startSigner(load, SigV4Error);
}

main();
