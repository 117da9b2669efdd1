// Comparing our canonical request and string to sign with someone else's:
// the ones an S3 server put in its SignatureDoesNotMatch answer, or the ones
// `aws --debug` printed while signing. A line diff, and hints in plain
// language about the usual causes. Everything here is string work on text
// the user pasted; the values compared with come from the module's debug
// output, never from code of the page.

// A run of four or more asterisks in a pasted line stands for characters
// hidden by whoever shared it: the Yandex Cloud documentation prints
// `********` in place of the last 8 hex digits of every hash and signature,
// and other write-ups mask whole values. A single `*` is real text (a header
// such as `if-match:*`), so it never masks.
const MASK = /\*{4,}/;

// lineMatch compares one line of ours with one of theirs: "same", "masked"
// (theirs hides part of the line, each mask standing for one or more
// characters, and every visible part matches ours, in order) or "".
export function lineMatch(ours, theirs) {
  if (ours === theirs) return "same";
  if (!MASK.test(theirs)) return "";
  const parts = theirs.split(MASK);
  const head = parts[0];
  const tail = parts[parts.length - 1];
  if (!ours.startsWith(head)) return "";
  let pos = head.length;
  for (const part of parts.slice(1, -1)) {
    const at = ours.indexOf(part, pos + 1);
    if (at < 0) return "";
    pos = at + part.length;
  }
  return ours.length - tail.length > pos && ours.endsWith(tail) ? "masked" : "";
}

const matches = (ours, theirs) => lineMatch(ours, theirs) !== "";

// lineDiff returns the lines of ours and theirs as {op, text}: op "same",
// "masked" (theirs, masked, agrees with ours: text is theirs, so a masked
// value stays masked), "ours" or "theirs". Longest common subsequence, a few
// dozen lines at most.
export function lineDiff(ours, theirs) {
  const a = ours.split("\n");
  const b = theirs.split("\n");
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = matches(a[i], b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const match = i < n && j < m ? lineMatch(a[i], b[j]) : "";
    if (match) {
      out.push({ op: match, text: b[j] });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push({ op: "ours", text: a[i++] });
    } else {
      out.push({ op: "theirs", text: b[j++] });
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

// A line that announces a value in botocore's log: its logger prints
// "<time> - MainThread - botocore.auth - DEBUG - CanonicalRequest:" (AWS CLI
// v1 and v2 alike), other logging setups another prefix, a hand-trimmed
// paste none; the value follows on the next lines.
const MARKER = /(?:^|\s)(CanonicalRequest|StringToSign|Signature):\s*$/;

// parseAwsDebug reads the values botocore logs while signing (`aws
// --debug`): every CanonicalRequest, StringToSign and Signature, grouped per
// signature in the order printed, as [{canonicalRequest?, stringToSign?,
// signature?}]; [] when the text has none. Each value is read by its shape
// (a canonical request ends two lines after its first empty header line, a
// string to sign has 4 lines, a signature 1), so log lines after it and the
// blank lines some documentation adds do not matter. Line ends are
// normalized (\r\n) and the indentation of the marker line, as in a quoted
// or indented copy, is removed from the lines of its value.
export function parseAwsDebug(text) {
  const lines = String(text).replace(/\r\n?/g, "\n").split("\n");
  const found = [];
  let current = null;
  for (let k = 0; k < lines.length; k++) {
    const marker = MARKER.exec(lines[k]);
    if (!marker) continue;
    const name = marker[1] === "CanonicalRequest" ? "canonicalRequest" : marker[1] === "StringToSign" ? "stringToSign" : "signature";
    const indent = /^\s*/.exec(lines[k])[0];
    const value = [];
    for (let j = k + 1; j < lines.length && !MARKER.test(lines[j]) && !complete(name, value); j++) {
      value.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
    }
    if (!current || name === "canonicalRequest" || name in current) {
      current = {};
      found.push(current);
    }
    current[name] = value.join("\n");
    k += value.length;
  }
  return found;
}

// complete reports whether the lines read so far are a whole value.
function complete(name, value) {
  if (name === "signature") return value.length === 1;
  if (name === "stringToSign") return value.length === 4;
  // method, path, query, headers up to an empty line, signed headers, hash
  const blank = value.indexOf("", 3);
  return blank >= 0 && value.length === blank + 3;
}

// compareSigning adds the hints for their canonical request and string to
// sign (either may be empty) against ours (a module's debug output).
function compareSigning(ours, theirCR, theirSTS, add, has) {
  if (theirCR) {
    const a = parseCanonical(ours.canonicalRequest);
    const b = parseCanonical(theirCR);
    if (!matches(a.method, b.method)) add("hint.method", { ours: a.method, server: b.method });
    if (!matches(a.path, b.path)) {
      if (a.path.replace(/%25/g, "%") === b.path || b.path.replace(/%25/g, "%") === a.path) add("hint.doubleEncoded");
      else add("hint.path", { ours: a.path, server: b.path });
    }
    if (!matches(a.query, b.query)) {
      if (a.query.replace(/%20/g, "+") === b.query.replace(/%20/g, "+") || a.query.replace(/%2B/g, "+") === b.query.replace(/%2B/g, "+")) add("hint.plus");
      else add("hint.query");
    }
    if (!matches(a.signedHeaders, b.signedHeaders)) add("hint.signedHeaders", { ours: a.signedHeaders, server: b.signedHeaders });
    for (const [name, value] of a.headers) {
      if (!b.headers.has(name) || matches(value, b.headers.get(name))) continue;
      if (name === "host") add("hint.host", { ours: value, server: b.headers.get(name) });
      else if (name === "content-type") add("hint.contentType", { ours: value, server: b.headers.get(name) });
      else if (name === "x-amz-date") add("hint.time");
      else add("hint.headerValue", { name });
    }
    if (!matches(a.payloadHash, b.payloadHash)) add("hint.payload");
  }
  if (theirSTS) {
    const sa = parseStringToSign(ours.stringToSign);
    const sb = parseStringToSign(theirSTS);
    if (!matches(sa.region, sb.region)) add("hint.region", { ours: sa.region, server: sb.region });
    if (!matches(sa.service, sb.service)) add("hint.service", { ours: sa.service, server: sb.service });
    if (!matches(sa.time, sb.time) && !has("hint.time")) add("hint.time");
  }
}

// textMatches reports whether every line of theirs matches ours, masks
// allowed.
function textMatches(ours, theirs) {
  const a = ours.split("\n");
  const b = theirs.split("\n");
  return a.length === b.length && a.every((line, k) => matches(line, b[k]));
}

function hintList() {
  const hints = [];
  const add = (key, params = {}) => hints.push({ key, params });
  const has = (key) => hints.some((h) => h.key === key);
  return { hints, add, has };
}

// diagnose returns hints as [{key, params}] (i18n keys "hint.*") for the
// server's error values (from parseS3Xml) against our debug output (or null
// when nothing was signed here yet).
export function diagnose(server, ours) {
  const { hints, add, has } = hintList();
  const v = server.values;

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
  compareSigning(ours, serverCR, serverSTS, add, has);
  if (serverSTS && hints.length === before && textMatches(ours.stringToSign, serverSTS)) add("hint.secret");
  if (hints.length === before && !textMatches(ours.canonicalRequest, serverCR)) add("hint.other");
  return hints;
}

// The hints whose wording names a server get their own wording for a paste
// of `aws --debug`, where the other side is the CLI.
const DEBUG_WORDING = new Set(["hint.method", "hint.signedHeaders", "hint.region", "hint.service", "hint.time"]);

// closestSignature picks, of the signatures parsed from a paste, the one
// whose canonical request shares the most lines with ours (the first of
// equals): a command such as `aws s3 cp` signs several requests.
export function closestSignature(found, ours) {
  if (!ours || found.length === 1) return 0;
  let best = 0;
  let bestScore = -1;
  found.forEach((f, k) => {
    const score = lineDiff(ours.canonicalRequest, f.canonicalRequest || "").filter((l) => l.op === "same" || l.op === "masked").length;
    if (score > bestScore) {
      best = k;
      bestScore = score;
    }
  });
  return best;
}

// diagnoseDebug returns hints as [{key, params}] for one signature parsed
// from `aws --debug` output against our debug output (or null). When
// everything agrees it says so ("hint.match"), and how many lines were
// compared only on their visible part ("hint.masked").
export function diagnoseDebug(theirs, ours) {
  const { hints, add, has } = hintList();
  if (!ours) {
    add("hint.noOurs");
    return hints;
  }
  const cr = theirs.canonicalRequest || "";
  const sts = theirs.stringToSign || "";
  const sig = theirs.signature || "";
  compareSigning(ours, cr, sts, add, has);
  const crSame = !cr || textMatches(ours.canonicalRequest, cr);
  const stsSame = !sts || textMatches(ours.stringToSign, sts);
  const sigSame = !sig || matches(ours.signature, sig);
  if (!hints.length && crSame && stsSame && !sigSame) add("hint.debug.secret");
  if (!hints.length && !(crSame && stsSame && sigSame)) add("hint.other");
  const masked = [cr, sts, sig].join("\n").split("\n").filter((line) => MASK.test(line)).length;
  if (!hints.length) add("hint.match");
  if (masked) add("hint.masked", { n: String(masked) });
  const time = parseStringToSign(sts).time;
  return hints.map((h) => {
    if (!DEBUG_WORDING.has(h.key)) return h;
    const params = h.key === "hint.time" ? { time: isoTime(time) } : h.params;
    return { key: h.key.replace("hint.", "hint.debug."), params };
  });
}

// isoTime writes an X-Amz-Date (20130524T000000Z) as the page's signing time
// field takes it (2013-05-24T00:00:00Z); anything else stays as it is.
function isoTime(amzDate) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : amzDate;
}
