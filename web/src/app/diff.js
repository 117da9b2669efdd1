// Comparing our canonical request and string to sign with the ones an S3
// server put in its SignatureDoesNotMatch answer: a line diff, and hints in
// plain language about the usual causes.

// lineDiff returns the lines of a and b as {op: "same" | "ours" | "server",
// text}, by longest common subsequence (a few dozen lines at most).
export function lineDiff(ours, server) {
  const a = ours.split("\n");
  const b = server.split("\n");
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: "same", text: a[i] });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push({ op: "ours", text: a[i++] });
    } else {
      out.push({ op: "server", text: b[j++] });
    }
  }
  return out;
}

// parseCanonical splits a canonical request into its parts.
export function parseCanonical(text) {
  const lines = String(text).split("\n");
  const headers = new Map();
  let k = 3;
  for (; k < lines.length && lines[k] !== ""; k++) {
    const colon = lines[k].indexOf(":");
    if (colon > 0) headers.set(lines[k].slice(0, colon), lines[k].slice(colon + 1));
  }
  return {
    method: lines[0] || "",
    path: lines[1] || "",
    query: lines[2] || "",
    headers,
    signedHeaders: lines[k + 1] || "",
    payloadHash: lines[k + 2] || "",
  };
}

function parseStringToSign(text) {
  const lines = String(text).split("\n");
  const [date, region, service] = (lines[2] || "").split("/");
  return { time: lines[1] || "", date, region, service, hash: lines[3] || "" };
}

// diagnose returns hints as [{key, params}] (i18n keys "hint.*") for the
// server's error values (from parseS3Xml) against our debug output (or null
// when nothing was signed here yet).
export function diagnose(server, ours) {
  const hints = [];
  const v = server.values;
  const add = (key, params = {}) => hints.push({ key, params });

  if (server.code === "RequestTimeTooSkewed") add("hint.skew", { server: v.ServerTime || "?", request: v.RequestTime || "?" });
  if (server.code === "AuthorizationHeaderMalformed" && v.Region) add("hint.regionExpected", { server: v.Region });
  if (server.code === "ExpiredToken" || /expired/i.test(server.message)) add("hint.expired");
  if (v.HeadersNotSigned) add("hint.unsignedHeader", { names: v.HeadersNotSigned });
  if (server.code === "InvalidAccessKeyId") add("hint.accessKey");

  const serverCR = v.CanonicalRequest;
  const serverSTS = v.StringToSign;
  if (server.code === "SignatureDoesNotMatch" && !serverCR) add("hint.noCanonical");
  if (!ours) {
    if (serverCR) add("hint.noOurs");
    return hints;
  }
  if (!serverCR) return hints;

  const before = hints.length;
  const a = parseCanonical(ours.canonicalRequest);
  const b = parseCanonical(serverCR);
  if (a.method !== b.method) add("hint.method", { ours: a.method, server: b.method });
  if (a.path !== b.path) {
    if (a.path.replace(/%25/g, "%") === b.path || b.path.replace(/%25/g, "%") === a.path) add("hint.doubleEncoded");
    else add("hint.path", { ours: a.path, server: b.path });
  }
  if (a.query !== b.query) {
    if (a.query.replace(/%20/g, "+") === b.query.replace(/%20/g, "+") || a.query.replace(/%2B/g, "+") === b.query.replace(/%2B/g, "+")) add("hint.plus");
    else add("hint.query");
  }
  if (a.signedHeaders !== b.signedHeaders) add("hint.signedHeaders", { ours: a.signedHeaders, server: b.signedHeaders });
  for (const [name, value] of a.headers) {
    if (!b.headers.has(name)) continue;
    if (b.headers.get(name) === value) continue;
    if (name === "host") add("hint.host", { ours: value, server: b.headers.get(name) });
    else if (name === "content-type") add("hint.contentType", { ours: value, server: b.headers.get(name) });
    else if (name === "x-amz-date") add("hint.time");
    else add("hint.headerValue", { name });
  }
  if (a.payloadHash !== b.payloadHash) add("hint.payload");

  if (serverSTS) {
    const sa = parseStringToSign(ours.stringToSign);
    const sb = parseStringToSign(serverSTS);
    if (sa.region !== sb.region) add("hint.region", { ours: sa.region, server: sb.region });
    if (sa.service !== sb.service) add("hint.service", { ours: sa.service, server: sb.service });
    if (sa.time !== sb.time && !hints.some((h) => h.key === "hint.time")) add("hint.time");
    if (hints.length === before && ours.stringToSign === serverSTS) add("hint.secret");
  }
  if (hints.length === before && ours.canonicalRequest !== serverCR) add("hint.other");
  return hints;
}
