// The signing steps as the explainer tool and <sigv4-explainer> show them:
// in the order `aws --debug` prints them (CanonicalRequest, StringToSign,
// Signature), with the signing key derivation between the last two, each
// linked to the section of the AWS document that defines it.

import { el } from "./el.js";

const DOC = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html";

export const STEPS = [
  { id: "canonicalRequest", heading: "CanonicalRequest", href: DOC + "#create-canonical-request" },
  { id: "stringToSign", heading: "StringToSign", href: DOC + "#create-string-to-sign" },
  { id: "signingKey", heading: "SigningKey", href: DOC + "#derive-signing-key" },
  { id: "signature", heading: "Signature", href: DOC + "#calculate-signature" },
];

export const STEP_TEXT = {
  en: {
    "step.canonicalRequest": "Step 1: the canonical request",
    "step.canonicalRequest.about": "The request in a fixed form: method, encoded path, sorted query, the signed headers (lowercase, sorted, trimmed), the list of their names, and the payload hash.",
    "step.canonicalRequest.none": "An upload form (POST policy) has no canonical request: the string to sign is the policy document, base64-encoded, as the form sends it.",
    "step.signedHeaders": "Signed headers",
    "step.stringToSign": "Step 2: the string to sign",
    "step.stringToSign.about": "The algorithm, the request time, the credential scope and the SHA-256 of the canonical request.",
    "step.credentialScope": "Credential scope",
    "step.signingKey": "Step 3: the signing key",
    "step.signingKey.about": "Derived from the secret key by four HMAC-SHA256 steps; valid only for this day, region and service. The secret itself is never shown.",
    "step.signingKey.show": "Show the signing key",
    "step.signingKey.hide": "Hide the signing key",
    "step.signingKey.masked": "hidden",
    "step.signature": "Step 4: the signature",
    "step.signature.about": "HMAC-SHA256 of the string to sign with the signing key, in lowercase hex.",
    "step.docLink": "AWS documentation",
    "step.copy": "Copy",
    "step.copied": "Copied",
  },
  ru: {
    "step.canonicalRequest": "Шаг 1: канонический запрос",
    "step.canonicalRequest.about": "Запрос в строгой форме: метод, закодированный путь, отсортированные параметры, подписываемые заголовки (в нижнем регистре, по алфавиту, без лишних пробелов), список их имён и хеш тела.",
    "step.canonicalRequest.none": "У формы загрузки (POST-политики) нет канонического запроса: подписывается сам документ политики в кодировке base64, в том виде, в каком его отправляет форма.",
    "step.signedHeaders": "Подписанные заголовки",
    "step.stringToSign": "Шаг 2: строка для подписи",
    "step.stringToSign.about": "Алгоритм, время запроса, область действия ключа и SHA-256 канонического запроса.",
    "step.credentialScope": "Область действия ключа",
    "step.signingKey": "Шаг 3: ключ подписи",
    "step.signingKey.about": "Получается из секретного ключа четырьмя шагами HMAC-SHA256 и годится только для этого дня, региона и сервиса. Сам секретный ключ не показывается никогда.",
    "step.signingKey.show": "Показать ключ подписи",
    "step.signingKey.hide": "Скрыть ключ подписи",
    "step.signingKey.masked": "скрыт",
    "step.signature": "Шаг 4: подпись",
    "step.signature.about": "HMAC-SHA256 строки для подписи на ключе подписи, в шестнадцатеричном виде.",
    "step.docLink": "Документация AWS",
    "step.copy": "Копировать",
    "step.copied": "Скопировано",
  },
};

function codeBlock(text, testid) {
  return el("pre", { class: "code" }, el("code", { "data-testid": testid }, text));
}

// renderSteps fills list (an <ol>) with the steps of debug ({canonicalRequest,
// stringToSign, credentialScope, signedHeaders, signature}). revealKey, when
// given, is called on request and returns the hex signing key (or throws);
// the key is dropped from the DOM when hidden again. idPrefix makes the ids of
// the value blocks stable for tests ("explainer" gives explainer-signature…).
export function renderSteps(list, debug, text, { revealKey, idPrefix = "steps" } = {}) {
  list.replaceChildren();
  const [date, region, service] = String(debug.credentialScope || "").split("/");
  for (const step of STEPS) {
    const item = el("li", { class: "step", "data-step": step.id });
    const head = el("div", { class: "step-head" },
      el("h3", {}, text["step." + step.id], " ", el("code", { class: "step-name" }, step.heading + ":")),
      el("a", { href: step.href, target: "_blank", rel: "noopener noreferrer", class: "doc-link" }, text["step.docLink"]));
    item.append(head, el("p", { class: "step-about" }, text["step." + step.id + ".about"]));

    if (step.id === "canonicalRequest" && !debug.canonicalRequest) {
      // A POST policy signs the base64 policy document itself.
      item.querySelector(".step-about").textContent = text["step.canonicalRequest.none"];
    } else if (step.id === "canonicalRequest") {
      item.append(valueBlock(debug.canonicalRequest, idPrefix + "-canonical-request"));
      item.append(fact(text["step.signedHeaders"], debug.signedHeaders, idPrefix + "-signed-headers"));
    } else if (step.id === "stringToSign") {
      item.append(valueBlock(debug.stringToSign, idPrefix + "-string-to-sign"));
      item.append(fact(text["step.credentialScope"], debug.credentialScope, idPrefix + "-credential-scope"));
    } else if (step.id === "signingKey") {
      const q = (s) => JSON.stringify(s || "");
      const formula = [
        `kDate    = HMAC("AWS4" + secret, ${q(date)})`,
        `kRegion  = HMAC(kDate, ${q(region)})`,
        `kService = HMAC(kRegion, ${q(service)})`,
        `kSigning = HMAC(kService, "aws4_request")`,
      ].join("\n");
      item.append(codeBlock(formula, idPrefix + "-signing-key-formula"));
      const value = el("code", { id: idPrefix + "-signing-key", "data-testid": idPrefix + "-signing-key", class: "masked" }, "kSigning = •••• (" + text["step.signingKey.masked"] + ")");
      item.append(el("pre", { class: "code" }, value));
      if (revealKey) {
        const button = el("button", { type: "button", class: "button-secondary", id: idPrefix + "-signing-key-toggle", "aria-expanded": "false", "aria-controls": idPrefix + "-signing-key" }, text["step.signingKey.show"]);
        button.addEventListener("click", async () => {
          if (button.getAttribute("aria-expanded") === "true") {
            value.textContent = "kSigning = •••• (" + text["step.signingKey.masked"] + ")";
            value.classList.add("masked");
            button.setAttribute("aria-expanded", "false");
            button.textContent = text["step.signingKey.show"];
            return;
          }
          try {
            const hex = await revealKey();
            value.textContent = "kSigning = " + hex;
            value.classList.remove("masked");
            button.setAttribute("aria-expanded", "true");
            button.textContent = text["step.signingKey.hide"];
          } catch (err) {
            value.textContent = String(err && err.message || err);
          }
        });
        item.append(button);
      }
    } else if (step.id === "signature") {
      item.append(codeBlock("Signature = hex(HMAC(kSigning, StringToSign))", idPrefix + "-signature-formula"));
      item.append(valueBlock(debug.signature, idPrefix + "-signature"));
    }
    list.append(item);
  }
}

function valueBlock(value, id) {
  return el("pre", { class: "code" }, el("code", { id, "data-testid": id }, value || ""));
}

function fact(label, value, id) {
  return el("p", { class: "step-fact" }, label + ": ", el("code", { id, "data-testid": id }, value || ""));
}
