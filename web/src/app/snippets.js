// Shows the curl and fetch() snippets. They are written by the Go core
// (sigv4.RequestSnippets, through the module's sign, presign and snippets
// results), so the page, the JS API and the Go API hand out the same text;
// this file only puts them on the page.
import { t } from "./i18n.js";

const $ = (id) => document.getElementById(id);

// headerLines renders headers as "Name: value" lines.
export function headerLines(headers) {
  return Object.entries(headers || {}).map(([n, v]) => `${n}: ${v}`).join("\n");
}

const IAM_HEADER = "X-YaCloud-SubjectToken";

// iamInput is the snippets() input of the Yandex Cloud IAM-token variant:
// nothing is signed, the token is read from $IAM_TOKEN when the snippet runs.
export function iamInput({ method, url, headers, body }) {
  const input = { method, url, envHeaders: { [IAM_HEADER]: "IAM_TOKEN" } };
  if (headers && Object.keys(headers).length) input.headers = headers;
  if (body) input.body = body;
  return input;
}

export function iamHeaders(headers) {
  return headerLines({ [IAM_HEADER]: "<IAM token>", ...headers });
}

// showSnippet puts a snippet in the element with id codeId; when it is null
// (the tool cannot send this request), the element is emptied and the note
// with id noneId is shown instead.
export function showSnippet(codeId, noneId, text) {
  $(codeId).textContent = text ?? "";
  $(codeId).closest("pre").hidden = text == null;
  $(noneId).hidden = text != null;
}

// showIssues lists, in the page's language, why curl's own signer gets this
// request wrong (codes from curlAwsSigv4Issues).
export function showIssues(listId, issues) {
  const list = $(listId);
  list.replaceChildren(
    ...(issues || []).map((code) => {
      const item = document.createElement("li");
      const key = "snippets.curlSigV4Issue." + code;
      item.dataset.i18n = t(key) === key ? "snippets.curlSigV4Issue.other" : key;
      item.textContent = t(item.dataset.i18n);
      return item;
    }),
  );
  list.hidden = list.children.length === 0;
}
