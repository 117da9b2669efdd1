// The curl and fetch() text shown for copy-paste. Only string building: the
// signed values come from the signer as they are.

// shellQuote quotes s for POSIX shells: 'it'\''s'.
export function shellQuote(s) {
  return "'" + String(s).replace(/'/g, "'\\''") + "'";
}

const js = (value) => JSON.stringify(value);

// bodyLiteral writes a request body as JavaScript, byte for byte (the
// signature covers the exact bytes): a template literal when that needs no
// escaping, so JSON stays readable, else a string literal.
function bodyLiteral(body) {
  if (body.includes("\n") && !/[`\\]|\$\{|\r/.test(body)) return "`" + body + "`";
  return js(body);
}

// Headers a browser's fetch() refuses to set (it sets them itself).
const FORBIDDEN = new Set(["host", "content-length", "connection", "expect", "transfer-encoding"]);

function fileNameOf(url, fallback) {
  try {
    const last = new URL(url).pathname.split("/").pop();
    return decodeURIComponent(last) || fallback;
  } catch {
    return fallback;
  }
}

function curlHeaders(headers) {
  return Object.entries(headers || {})
    .filter(([name]) => name.toLowerCase() !== "host")
    .map(([name, value]) => ` \\\n  -H ${shellQuote(name + ": " + value)}`)
    .join("");
}

function jsHeaders(headers, indent = "  ") {
  const entries = Object.entries(headers || {}).filter(([name]) => !FORBIDDEN.has(name.toLowerCase()));
  if (entries.length === 0) return null;
  return "{\n" + entries.map(([n, v]) => `${indent}  ${js(n)}: ${js(v)},`).join("\n") + `\n${indent}}`;
}

// presignCurl is the curl line that uses a presigned URL.
export function presignCurl({ method, url, headers }) {
  const file = fileNameOf(url, "file");
  switch (method) {
    case "PUT":
      return `curl --fail --upload-file ${shellQuote("./" + file)}${curlHeaders(headers)} \\\n  ${shellQuote(url)}`;
    case "HEAD":
      return `curl --fail --head${curlHeaders(headers)} ${shellQuote(url)}`;
    case "DELETE":
      return `curl --fail -X DELETE${curlHeaders(headers)} ${shellQuote(url)}`;
    default:
      return `curl --fail -o ${shellQuote(file)}${curlHeaders(headers)} \\\n  ${shellQuote(url)}`;
  }
}

// presignFetch is the fetch() call that uses a presigned URL.
export function presignFetch({ method, url, headers }) {
  const h = jsHeaders(headers);
  const lines = [`const url = ${js(url)};`, ""];
  if (method === "PUT") {
    lines.push(
      "// file: a File from <input type=\"file\">, or any Blob",
      "const response = await fetch(url, {",
      '  method: "PUT",',
    );
    if (h) lines.push(`  headers: ${h},`);
    lines.push("  body: file,", "});", 'if (!response.ok) throw new Error("upload failed: " + response.status);');
  } else if (method === "GET") {
    lines.push(h ? `const response = await fetch(url, { headers: ${h} });` : "const response = await fetch(url);");
    lines.push('if (!response.ok) throw new Error("download failed: " + response.status);', "const blob = await response.blob();");
  } else {
    lines.push(`const response = await fetch(url, { method: ${js(method)}${h ? `, headers: ${h}` : ""} });`);
    lines.push("console.log(response.status);");
  }
  return lines.join("\n");
}

// requestFetch is the fetch() call that sends a header-signed request.
export function requestFetch({ method, url, headers, body }) {
  const h = jsHeaders(headers);
  const lines = [`const response = await fetch(${js(url)}, {`, `  method: ${js(method)},`];
  if (h) lines.push(`  headers: ${h},`);
  if (body) lines.push(`  body: ${bodyLiteral(body)},`);
  lines.push("});", "console.log(response.status, await response.text());");
  return lines.join("\n");
}

// headerLines renders headers as "Name: value" lines.
export function headerLines(headers) {
  return Object.entries(headers || {}).map(([n, v]) => `${n}: ${v}`).join("\n");
}

const IAM_HEADER = "X-YaCloud-SubjectToken";

// iamCurl is the curl command for Yandex Cloud's IAM-token alternative:
// nothing is signed, the token (read from $IAM_TOKEN) goes in a header.
export function iamCurl({ method, url, headers, body }) {
  let text = "IAM_TOKEN=$(yc iam create-token)\n";
  text += `curl --fail-with-body -X ${method} ${shellQuote(url)} \\\n  -H "${IAM_HEADER}: $IAM_TOKEN"${curlHeaders(headers)}`;
  if (body) text += ` \\\n  --data-binary ${shellQuote(body)}`;
  return text;
}

export function iamFetch({ method, url, headers, body }) {
  const all = { [IAM_HEADER]: "IAM_TOKEN", ...headers };
  let h = jsHeaders(all);
  h = h.replace(js("IAM_TOKEN"), "process.env.IAM_TOKEN");
  const lines = [`const response = await fetch(${js(url)}, {`, `  method: ${js(method)},`, `  headers: ${h},`];
  if (body) lines.push(`  body: ${bodyLiteral(body)},`);
  lines.push("});", "console.log(response.status, await response.text());");
  return lines.join("\n");
}

export function iamHeaders(headers) {
  return headerLines({ [IAM_HEADER]: "<IAM token>", ...headers });
}
