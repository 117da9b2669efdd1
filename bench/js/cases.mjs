// cases.mjs: the signers compared by node-bench.mjs and the Chromium page
// (page/bench.mjs), all on one input, each checked against AWS's expected
// signature before it is timed.
//
// The input is the AWS documented presigned GET (S3 API Reference,
// "Authenticating Requests: Using Query Parameters"; also
// sigv4/testdata/aws-doc-examples.json, id s3-presigned-get-object).

import { AwsV4Signer } from "aws4fetch";
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { Sha256 as Sha256Js } from "@aws-crypto/sha256-js";

export const HOST = "examplebucket.s3.amazonaws.com";
export const INPUT = Object.freeze({
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  date: "2013-05-24T00:00:00Z",
  url: `https://${HOST}/test.txt`,
  expires: 86400,
});
const AMZ_DATE = "20130524T000000Z";
export const EXPECTED_SIGNATURE = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
export const EXPECTED_URL =
  `https://${HOST}/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256` +
  "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
  `&X-Amz-Date=${AMZ_DATE}&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=${EXPECTED_SIGNATURE}`;

export const BATCH = 100;

/**
 * checkURL compares a presigned URL with the documented one. A URL passes
 * when its signature is the expected one and it carries the same parameters
 * with the same values (the order of query parameters is not signed: AWS
 * sorts them into the canonical query string). identical says whether it is
 * byte for byte the documented URL.
 */
export function checkURL(url) {
  const norm = (s) => {
    const u = new URL(s);
    return u.origin + u.pathname + "?" + [...u.searchParams].map(([k, v]) => k + "=" + v).sort().join("&");
  };
  let signature = "";
  try {
    signature = new URL(url).searchParams.get("X-Amz-Signature") ?? "";
  } catch {
    // an unparsable URL fails below
  }
  const ok = signature === EXPECTED_SIGNATURE && norm(url) === norm(EXPECTED_URL);
  return { ok, identical: url === EXPECTED_URL, signature, url };
}

/**
 * A case has a name, a note, ops (URLs signed per call of one) and one,
 * which signs and returns the URL (or an array of URLs), synchronously or as
 * a promise (async: true).
 */
export function ours(s) {
  const batch = Array.from({ length: BATCH }, () => INPUT);
  const withDebug = { ...INPUT, debug: true };
  return [
    {
      name: "sigv4kit presign",
      note: "s.presign(input).url, one call per URL",
      ops: 1,
      async: false,
      one: () => s.presign(INPUT).url,
    },
    {
      name: "sigv4kit presign, debug: true",
      note: "s.presign({...input, debug: true}).url: also returns the canonical request, string to sign...",
      ops: 1,
      async: false,
      one: () => s.presign(withDebug).url,
    },
    {
      name: `sigv4kit presignBatch(${BATCH})`,
      note: `s.presignBatch of ${BATCH} inputs, figures per URL`,
      ops: BATCH,
      async: false,
      one: () => s.presignBatch(batch).map((r) => r.url),
    },
  ];
}

// aws4fetch signs the query when signQuery is set; X-Amz-Expires comes from
// the URL (it defaults to 86400 for s3 anyway), the date from datetime. It
// keeps signing keys in the Map given as cache (AwsClient passes one Map to
// every signer it makes); without one, each AwsV4Signer makes a new Map, so
// the four HMACs of the key derivation run on every URL.
function aws4fetchCase(cache) {
  const init = {
    url: INPUT.url + "?X-Amz-Expires=86400",
    accessKeyId: INPUT.accessKeyId,
    secretAccessKey: INPUT.secretAccessKey,
    region: INPUT.region,
    service: "s3",
    datetime: AMZ_DATE,
    signQuery: true,
  };
  return {
    name: cache ? "aws4fetch (key cache)" : "aws4fetch (no cache)",
    note: cache
      ? "new AwsV4Signer({...signQuery: true, cache}).sign(), one shared cache Map as AwsClient does"
      : "new AwsV4Signer({...signQuery: true}).sign(), a new Map each time",
    ops: 1,
    async: true,
    competitor: true,
    one: async () => (await new AwsV4Signer(cache ? { ...init, cache } : init).sign()).url.toString(),
  };
}

// smithyCase presigns as @aws-sdk/s3-request-presigner does (one SignatureV4,
// payload UNSIGNED-PAYLOAD through the x-amz-content-sha256 header), except
// that the header is neither signed nor hoisted into the query: the SDK puts
// X-Amz-Content-Sha256=UNSIGNED-PAYLOAD in the URL, which changes the
// signature from the documented one. The signing key is cached by the
// package itself (a module-level cache, on by default); each presign still
// computes one HMAC of the secret for the cache key.
export function smithyCase(name, Sha256, note) {
  const signer = new SignatureV4({
    credentials: { accessKeyId: INPUT.accessKeyId, secretAccessKey: INPUT.secretAccessKey },
    region: INPUT.region,
    service: "s3",
    sha256: Sha256,
    uriEscapePath: false, // S3 encodes the path once
    applyChecksum: false,
  });
  const request = new HttpRequest({
    method: "GET",
    protocol: "https:",
    hostname: HOST,
    path: "/test.txt",
    headers: { host: HOST, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    query: {},
  });
  const skip = new Set(["x-amz-content-sha256"]);
  const options = { signingDate: new Date(INPUT.date), expiresIn: INPUT.expires, unsignableHeaders: skip, unhoistableHeaders: skip };
  return {
    name,
    note,
    ops: 1,
    async: true,
    competitor: true,
    one: async () => formatUrl(await signer.presign(request, options)),
  };
}

// formatUrl is @aws-sdk/util-format-url's job, kept here to avoid another
// package: encodeURIComponent gives the same text for these parameters.
function formatUrl(r) {
  let q = "";
  for (const k in r.query) {
    q += (q ? "&" : "?") + encodeURIComponent(k) + "=" + encodeURIComponent(r.query[k]);
  }
  return `${r.protocol}//${r.hostname}${r.path}${q}`;
}

/** jsCases are the pure-JavaScript competitors that run both in Node and in browsers. */
export function jsCases() {
  return [
    aws4fetchCase(null),
    aws4fetchCase(new Map()),
    smithyCase("@smithy/signature-v4 + sha256-js", Sha256Js, "SignatureV4.presign with @aws-crypto/sha256-js (pure JS SHA-256)"),
  ];
}

/**
 * verify signs once with the case and checks the result; it returns
 * { ok, identical, detail }.
 */
export async function verify(c) {
  try {
    const out = await c.one();
    const urls = Array.isArray(out) ? out : [out];
    if (urls.length !== c.ops) {
      return { ok: false, identical: false, detail: `${urls.length} URLs, want ${c.ops}` };
    }
    const checks = urls.map((u) => (typeof u === "string" ? checkURL(u) : { ok: false, identical: false, url: String(u) }));
    const bad = checks.find((x) => !x.ok);
    if (bad) {
      return { ok: false, identical: false, detail: `got ${bad.url}` };
    }
    const identical = checks.every((x) => x.identical);
    return { ok: true, identical, detail: identical ? "the documented URL, byte for byte" : `same signature and parameters, other order: ${urls[0]}` };
  } catch (err) {
    return { ok: false, identical: false, detail: `threw ${err?.stack ?? err}` };
  }
}

let sink = 0;

/**
 * round calls c.one() calls times, awaiting each result when the case is
 * async, and returns the wall time in milliseconds.
 */
export async function round(c, calls) {
  const t0 = performance.now();
  if (c.async) {
    for (let i = 0; i < calls; i++) sink += (await c.one()).length;
  } else {
    for (let i = 0; i < calls; i++) sink += c.one().length;
  }
  return performance.now() - t0;
}

/** sinkValue keeps the results observable so that no engine drops the work. */
export function sinkValue() {
  return sink;
}

/**
 * calibrate warms the case up for at least warmMs and returns how many calls
 * take about roundMs, from the fastest call rate seen (a pause of the
 * machine during warm-up must not make the rounds short).
 */
export async function calibrate(c, warmMs, roundMs) {
  let calls = 1;
  let spent = 0;
  let best = Infinity;
  while (spent < warmMs) {
    const ms = await round(c, calls);
    spent += ms;
    // Short rounds are left out: Chromium's clock has a coarse resolution
    // without cross-origin isolation, and a round measured as 0 ms would
    // make an infinite call count.
    if (ms >= roundMs / 8) best = Math.min(best, ms / calls);
    if (ms < roundMs / 4) calls *= 2;
  }
  return Number.isFinite(best) ? Math.max(1, Math.round(roundMs / best)) : calls;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
