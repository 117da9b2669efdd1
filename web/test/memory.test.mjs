// The module's linear memory, read from outside: an input over the limit
// never reaches it, large legitimate calls do not keep growing it, and no
// secret stays in it after the call that used it (the key cache holds only
// day-scoped derived keys, found by a fingerprint).
//
// The instance is caught as load() creates it, by wrapping
// WebAssembly.instantiate: the module's API does not (and should not) hand
// out its memory.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { before, test } from "node:test";
import { freshModule, wasmModule } from "./helpers.mjs";

let s;
let memory;
let SigV4Error;
before(async () => {
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async (...args) => {
    const result = await instantiate.apply(WebAssembly, args);
    memory = (result.instance ?? result).exports.mem;
    return result;
  };
  try {
    const mod = await freshModule();
    SigV4Error = mod.SigV4Error;
    s = await mod.load(wasmModule());
  } finally {
    WebAssembly.instantiate = instantiate;
  }
  assert.ok(memory instanceof WebAssembly.Memory, "the instance's memory was caught");
});

const MiB = 1048576;
const size = () => memory.buffer.byteLength;
const mib = (n) => (n / MiB).toFixed(1) + " MiB";

// holds reports whether linear memory contains text's UTF-8 bytes.
function holds(text) {
  return Buffer.from(memory.buffer).indexOf(Buffer.from(text, "utf8")) >= 0;
}

const base = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  service: "s3",
  url: "https://examplebucket.s3.amazonaws.com/test.txt",
};

// mulberry32: a small seeded PRNG.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = a;
    r = Math.imul(r ^ (r >>> 15), r | 1);
    r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

// Secrets as AWS issues them (40 characters of base64), and some that JSON
// must escape or that are not ASCII, which the parser copies out of the
// input buffer instead of reading them in place.
function secretFor(rand, i) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let secret = "";
  for (let j = 0; j < 40; j++) {
    secret += alphabet[Math.floor(rand() * alphabet.length)];
  }
  switch (i % 10) {
    case 3:
      return secret.slice(0, 20) + '"q\\b' + secret.slice(20);
    case 7:
      return secret.slice(0, 20) + "ключ" + secret.slice(20);
  }
  return secret;
}

test("no secret stays in linear memory after 200 calls with other secrets", (t) => {
  const rand = prng(0x5ec2e7);
  const date = "2026-11-27T12:00:00Z";
  const secrets = [];
  let lastURL = "";
  for (let i = 0; i < 200; i++) {
    const secretAccessKey = secretFor(rand, i);
    secrets.push(secretAccessKey);
    const creds = { accessKeyId: "AKID" + i, secretAccessKey, region: "us-east-1", date };
    switch (i % 5) {
      case 0:
        lastURL = s.presign({ ...creds, url: base.url, expires: 600 }).url;
        break;
      case 1:
        s.sign({ ...creds, service: "s3", url: base.url, method: "PUT", body: "hello" });
        break;
      case 2: {
        const url = s.presign({ ...creds, url: base.url, expires: 600 }).url;
        const v = s.verify({ accessKeyId: creds.accessKeyId, secretAccessKey, url, now: date });
        assert.equal(v.valid, true, `verify ${i}`);
        break;
      }
      case 3:
        s.postPolicy({ ...creds, endpoint: "https://s3.amazonaws.com", bucket: "examplebucket", key: "a.txt", expires: 600 });
        break;
      case 4:
        s.presignBatch([{ ...creds, url: base.url }, { ...creds, url: base.url + "2" }]);
        break;
    }
    assert.equal(holds(secretAccessKey), false, `secret ${i} found in memory right after its call`);
  }
  const found = secrets.filter(holds);
  assert.equal(holds(lastURL), true, "the scan does read the module's memory: the last presigned URL is there");
  assert.deepEqual(found.length, 0, `secrets found in linear memory after 200 calls: ${found.length}`);
  t.diagnostic(`200 calls, 200 secrets (40 with escapes or Cyrillic); secrets found in ${mib(size())} of linear memory: ${found.length}`);
});

test("a secret refused by validation does not stay either", () => {
  const secretAccessKey = "refused-secret-" + "x".repeat(300); // over 256 characters
  assert.throws(() => s.presign({ ...base, secretAccessKey }), SigV4Error);
  assert.equal(holds(secretAccessKey.slice(0, 40)), false);
});

test("an input over the limit is refused before it reaches linear memory", (t) => {
  s.presign(base);
  const before = size();
  for (const [name, input] of [
    ["a 60 MB key", { ...base, url: undefined, endpoint: "https://s3.amazonaws.com", bucket: "examplebucket", key: "k".repeat(60e6) }],
    ["a 17 MiB text body", { ...base, body: "b".repeat(17 * MiB) }],
    ["a 13 MiB body as bytes (17.3 MiB of base64)", { ...base, body: new Uint8Array(13 * MiB) }],
  ]) {
    assert.throws(
      () => s.sign(input),
      (e) => e instanceof SigV4Error && e.code === "out-of-range" && e.field === "" && e.message.includes("16 MiB (16777216 bytes"),
      name,
    );
    assert.equal(size(), before, `linear memory after ${name}`);
  }
  t.diagnostic(`linear memory: ${mib(before)} before and after a 60 MB key, a 17 MiB text body and a 13 MiB bytes body`);
});

test("a 10 MB body as bytes is signed, and large calls in a row reuse the same memory", (t) => {
  const body = new Uint8Array(10e6);
  for (let i = 0; i < body.length; i += 4093) {
    body[i] = i & 0xff;
  }
  const want = createHash("sha256").update(body).digest("hex");
  const sizes = [];
  for (let i = 0; i < 3; i++) {
    const res = s.sign({ ...base, method: "PUT", body });
    assert.equal(res.headers["X-Amz-Content-Sha256"], want, "the body's hash, as node:crypto computes it");
    assert.equal(res.body, body, "the bytes come back as given");
    sizes.push(size());
  }
  assert.deepEqual(sizes.slice(1), [sizes[0], sizes[0]], "linear memory after each 10 MB call");
  const text = "t".repeat(10e6);
  const textSizes = [];
  for (let i = 0; i < 3; i++) {
    s.sign({ ...base, method: "PUT", body: text });
    textSizes.push(size());
  }
  assert.deepEqual(textSizes.slice(1), [textSizes[0], textSizes[0]], "linear memory after each 10 MB text call");
  t.diagnostic(
    `linear memory after 10 MB bytes bodies: ${sizes.map(mib).join(", ")}; ` +
      `after 10 MB text bodies (echoed twice in the reply: body and curl): ${textSizes.map(mib).join(", ")}`,
  );
});
