// Hostile inputs: every function, thousands of random inputs (wrong types,
// huge strings, lone surrogates, NaN, nested junk). Every call must return or
// throw a SigV4Error, never kill the instance; afterwards the documented
// presigned GET still comes out exactly.
//
// The generator is seeded: a failure names its seed and call, and
// SIGV4_FUZZ_SEED=<seed> node --test web/test/robustness.test.mjs replays it.

import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { inspect } from "node:util";
import { load, SigV4Error } from "../dist/sigv4.js";
import { CODES, PRESIGNED_GET, presignedGetInput, wasmBytes } from "./helpers.mjs";

const SEED = Number(process.env.SIGV4_FUZZ_SEED ?? 0x5167_0004);
const CALLS = 2000; // per function
const SECRET = PRESIGNED_GET.inputs.secret_access_key;

let s;
before(async () => {
  s = await load(wasmBytes());
});

// mulberry32: a small seeded PRNG.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = [
  "accessKeyId", "secretAccessKey", "signingKey", "sessionToken", "region", "service", "date", "now",
  "method", "url", "endpoint", "bucket", "key", "keyPrefix", "addressing", "expires", "maxExpires",
  "expiration", "query", "headers", "body", "fields", "conditions", "contentLengthRange", "debug",
  "unsignedPayload", "items", "$bytes", "signingKey", "policy", "signature", "payloadHash", "submitLabel",
];
const JUNK_KEYS = ["", "__proto__", "constructor", "toString", "\ud800", "a\u0000b", "Content-Type", "Authorization", "X-Amz-Date", "host", "a b", "é", "😀", "0", "-1"];

const STRINGS = [
  "", " ", "\ud800", "\udc00", "a\ud800b", "\udbff\udfff", "\u0000", "\r\n", "\t", "%", "%zz", "%2", "%ff", "%00", "+", "${filename}", "../..", "//", "/./",
  "https://", "http://", "https://[::1", "https://b.s3.amazonaws.com/", "https://examplebucket.s3.amazonaws.com/test.txt?x=1#f",
  "https://s3.amazonaws.com", "s3.amazonaws.com", "https://user:pass@host/", "https://host:99999/", "file:///etc/passwd", "javascript:alert(1)",
  "https://storage.yandexcloud.net", "http://127.0.0.1:9000/bucket", "https://email.us-east-1.amazonaws.com/v2/email/outbound-emails",
  "NaN", "Infinity", "-Infinity", "-1", "0", "1e400", "0x10", "1.5", "86400", "604801", "Invalid Date",
  "2013-05-24T00:00:00Z", "20130524T000000Z", "2013-05-24", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "2013-02-30T00:00:00Z",
  "<script>alert(1)</script>", "\"", "\\", "'", "😀", "\u202e", "\ufeff", "GET", "get", "PO ST", "path", "virtual", "s3", "ses",
  "us-east-1", "auto", "AWS4-HMAC-SHA256", "UNSIGNED-PAYLOAD", "a".repeat(64), "0".repeat(64), "f".repeat(63), "X-Amz-Signature",
  "starts-with", "eq", "content-length-range", "$key", "$Content-Type",
];
const NUMBERS = [0, -0, 1, -1, 0.5, 1.5, 1e21, -1e21, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity, 604800, 604801, 86400, 2592000, 1369353600000, 253402300800000, 2 ** 31, 2 ** 32, -(2 ** 31)];

function hostile(rand, depth = 0) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const r = rand();
  if (r < 0.3) {
    return hostileString(rand);
  }
  if (r < 0.45) {
    return rand() < 0.8 ? pick(NUMBERS) : (rand() - 0.5) * 10 ** Math.floor(rand() * 20);
  }
  if (r < 0.55) {
    return pick([null, undefined, true, false, 0n, -5n, 2n ** 70n, Symbol("x"), () => 1]);
  }
  if (r < 0.62) {
    return pick([new Date(rand() * 4e14 - 1e14), new Date(NaN), new Date(0), new Date(1369353600000)]);
  }
  if (r < 0.68) {
    const bytes = new Uint8Array(Math.floor(rand() * 64));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
    return rand() < 0.5 ? bytes : bytes.buffer;
  }
  if (r < 0.72) {
    return deep(rand, 100);
  }
  if (r < 0.75) {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    return pick([
      new Map([["a", 1]]), new Set([1]), new String("x"), new Number(NaN), Object.create(null), new Int16Array(3), /re/, new Error("e"),
      { toJSON: () => "x" }, { toJSON: () => undefined }, { toJSON() { throw new Error("toJSON"); } },
      { get body() { throw new Error("getter"); } }, new Proxy({ url: "x" }, {}), revoked.proxy, Object.create(Date.prototype),
    ]);
  }
  if (depth > 3) {
    return null;
  }
  if (r < 0.87) {
    const n = Math.floor(rand() * 6);
    return Array.from({ length: n }, () => hostile(rand, depth + 1));
  }
  return hostileObject(rand, depth + 1);
}

function hostileString(rand) {
  const r = rand();
  // Huge strings are rare here (each costs milliseconds); the test "huge and
  // deeply nested inputs" puts a 1 MB string in every field that takes one.
  if (r < 0.001) {
    return "k".repeat(1 << 20); // 1 MB
  }
  if (r < 0.006) {
    return "\ud800%é+ ".repeat(1 << (8 + Math.floor(rand() * 6)));
  }
  if (r < 0.6) {
    return STRINGS[Math.floor(rand() * STRINGS.length)];
  }
  let out = "";
  const n = Math.floor(rand() * 40);
  for (let i = 0; i < n; i++) {
    const c = rand();
    out += c < 0.5 ? String.fromCharCode(32 + Math.floor(rand() * 95)) : c < 0.8 ? String.fromCharCode(Math.floor(rand() * 0x10000)) : String.fromCodePoint(Math.floor(rand() * 0x10ffff));
  }
  return out;
}

function hostileObject(rand, depth) {
  const o = {};
  const n = Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) {
    const key = rand() < 0.7 ? FIELDS[Math.floor(rand() * FIELDS.length)] : rand() < 0.5 ? JUNK_KEYS[Math.floor(rand() * JUNK_KEYS.length)] : hostileString(rand).slice(0, 50);
    Object.defineProperty(o, key, { value: hostile(rand, depth), enumerable: true, configurable: true, writable: true });
  }
  return o;
}

function deep(rand, levels) {
  let v = hostileString(rand);
  for (let i = 0; i < levels; i++) {
    v = rand() < 0.5 ? [v] : { [FIELDS[i % FIELDS.length]]: v };
  }
  return v;
}

// A valid input per function, to mutate: most calls then reach deep into
// the core rather than stopping at the first type check.
const VALID = {
  presign: () => presignedGetInput(),
  postPolicy: () => ({
    accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET, region: "us-east-1", date: "20151229T000000Z",
    url: "http://sigv4examplebucket.s3.amazonaws.com/", keyPrefix: "user/user1/", expires: 3600,
    fields: { acl: "public-read", "Content-Type": "image/jpeg" }, conditions: [["starts-with", "$x-amz-meta-tag", ""]],
    contentLengthRange: [1, 1048576],
  }),
  sign: () => ({
    accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET, region: "us-east-1", service: "ses", date: "2013-05-24T00:00:00Z",
    method: "POST", url: "https://email.us-east-1.amazonaws.com/v2/email/outbound-emails",
    headers: { "Content-Type": "application/json" }, body: "{}",
  }),
  verify: () => ({ url: PRESIGNED_GET.expected.presigned_url, accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET, now: "2013-05-24T00:00:01Z" }),
};

function hostileInput(rand, fn) {
  const r = rand();
  if (r < 0.5) {
    const input = VALID[fn]();
    const keys = [...Object.keys(input), ...FIELDS];
    for (let i = 1 + Math.floor(rand() * 3); i > 0; i--) {
      const key = keys[Math.floor(rand() * keys.length)];
      if (rand() < 0.15) {
        delete input[key];
      } else if (typeof input[key] === "string" && rand() < 0.6) {
        input[key] = hostileString(rand); // the right type, so the core parses it
      } else {
        input[key] = hostile(rand);
      }
    }
    return input;
  }
  if (r < 0.8) {
    return hostileObject(rand, 0);
  }
  return hostile(rand);
}

function describeInput(x) {
  return inspect(x, { depth: 4, maxStringLength: 60, maxArrayLength: 8, breakLength: Infinity });
}

/** callChecked runs one call and returns the SigV4Error it threw, or null. */
function callChecked(fn, input, where) {
  let result;
  try {
    result = s[fn](input);
  } catch (err) {
    if (!(err instanceof SigV4Error)) {
      assert.fail(`${where}: threw ${err?.name} (${err?.message}), not a SigV4Error, for ${describeInput(input)}`);
    }
    assert.ok(CODES.includes(err.code), `${where}: code ${err.code}`);
    assert.equal(typeof err.field, "string", where);
    assert.ok(err.errors.length > 0, where);
    for (const e of err.errors) {
      assert.ok(CODES.includes(e.code) && typeof e.field === "string" && typeof e.message === "string", `${where}: ${JSON.stringify(e)}`);
    }
    assert.ok(!err.message.includes(SECRET), `${where}: the secret in a message`);
    return err;
  }
  assert.ok(result !== null && typeof result === "object", `${where}: returned ${typeof result}`);
  return null;
}

describe(`hostile inputs (seed ${SEED}, SIGV4_FUZZ_SEED to replay)`, () => {
  const internals = [];

  for (const fn of ["presign", "postPolicy", "sign", "verify"]) {
    test(`${fn}: ${CALLS} hostile inputs return or throw SigV4Error`, () => {
      const rand = prng(SEED ^ fn.length ^ fn.charCodeAt(0));
      for (let i = 0; i < CALLS; i++) {
        const input = hostileInput(rand, fn);
        const err = callChecked(fn, input, `${fn} call ${i}`);
        if (err?.code === "internal") {
          internals.push(`${fn} call ${i}: ${JSON.stringify(err.errors)} for ${describeInput(input)}`);
        }
      }
    });
  }

  test(`presignBatch: ${CALLS} hostile batches return or throw SigV4Error`, () => {
    const rand = prng(SEED ^ 0xba7c);
    for (let i = 0; i < CALLS; i++) {
      const batch = rand() < 0.9 ? Array.from({ length: Math.floor(rand() * 6) }, () => hostileInput(rand, "presign")) : hostile(rand);
      let out;
      try {
        out = s.presignBatch(batch);
      } catch (err) {
        assert.ok(err instanceof SigV4Error, `presignBatch call ${i}: threw ${err?.name} (${err?.message}) for ${describeInput(batch)}`);
        continue;
      }
      assert.ok(Array.isArray(out) && out.length === batch.length, `presignBatch call ${i}`);
      for (const [j, entry] of out.entries()) {
        if (entry instanceof SigV4Error) {
          if (entry.code === "internal") {
            internals.push(`presignBatch call ${i} item ${j}: ${JSON.stringify(entry.errors)} for ${describeInput(batch[j])}`);
          }
        } else {
          assert.equal(typeof entry?.url, "string", `presignBatch call ${i} item ${j}`);
        }
      }
    }
  });

  test("huge and deeply nested inputs", () => {
    const huge = "x".repeat(1 << 20);
    const nested = deep(prng(SEED), 100);
    for (const fn of ["presign", "postPolicy", "sign", "verify"]) {
      for (const [name, input] of [
        ["1 MB key", { ...VALID[fn](), key: huge }],
        ["1 MB url", { ...VALID[fn](), url: "https://b.s3.amazonaws.com/" + huge }],
        ["1 MB header", { ...VALID[fn](), headers: { "x-amz-meta-a": huge } }],
        ["1 MB field name", { ...VALID[fn](), [huge]: 1 }],
        ["100 levels", { ...VALID[fn](), headers: nested }],
        ["100 levels at the top", nested],
        ["lone surrogates everywhere", Object.fromEntries(Object.keys(VALID[fn]()).map((k) => [k, "\ud800"]))],
      ]) {
        callChecked(fn, input, `${fn} ${name}`);
      }
    }
  });

  test("no hostile input made the core panic (code internal)", () => {
    assert.deepEqual(internals.slice(0, 5), [], `${internals.length} calls answered "internal"`);
  });

  test("afterwards the instance is alive and the documented presigned GET is exact", () => {
    const r = s.presign({ ...presignedGetInput(), debug: true });
    assert.equal(r.url, PRESIGNED_GET.expected.presigned_url);
    assert.equal(r.debug.canonicalRequest, PRESIGNED_GET.expected.canonical_request);
    assert.equal(r.debug.stringToSign, PRESIGNED_GET.expected.string_to_sign);
  });
});
