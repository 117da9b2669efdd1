// The bundled module (web/dist/sigv4.js + sigv4.wasm) against a real S3
// server: presigned URLs, header signing and POST forms made in Node through
// WebAssembly, sent with fetch to MinIO, and checked by what MinIO answers.
//
// It needs a running MinIO, named by MINIO_ENDPOINT, MINIO_ACCESS_KEY and
// MINIO_SECRET_KEY (root credentials). `go test ./e2e/ -run
// TestJSModuleAgainstMinIO` starts one and runs this file; without those
// variables every test here is skipped, so `node --test web/test/` passes.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, describe, test } from "node:test";
import { load } from "../dist/sigv4.js";
import { wasmBytes } from "./helpers.mjs";

const ENDPOINT = process.env.MINIO_ENDPOINT;
const CREDS = {
  accessKeyId: process.env.MINIO_ACCESS_KEY,
  secretAccessKey: process.env.MINIO_SECRET_KEY,
  region: "us-east-1",
};
const SKIP =
  ENDPOINT && CREDS.accessKeyId && CREDS.secretAccessKey
    ? false
    : "MINIO_ENDPOINT, MINIO_ACCESS_KEY or MINIO_SECRET_KEY not set; run `go test ./e2e/ -run TestJSModuleAgainstMinIO`";

// Keys chosen to break URI encoders. Dot segments ("./x", "a/../b") are left
// out on purpose: MinIO refuses them (see e2e/s3_keys_test.go), and fetch's
// URL parser would remove them before sending anyway, as browsers do.
const rep = (s, n) => s.repeat(n);
// 1024 UTF-8 bytes, S3's limit, in segments of at most 255 bytes (MinIO's
// file-name limit).
const LONG_KEY = rep("+ %", 80) + "/" + rep("&=?", 80) + "/" + rep("é#", 80) + "/" + rep("😀", 60) + "/" + rep("~", 60);
const HOSTILE_KEYS = [
  "space in key.txt",
  " leading and trailing space ",
  "plus+sign",
  "a+b=c&d",
  "100%",
  "%2F is not a slash",
  "%zz bad escape",
  "question?mark#hash",
  "tilde~ sub-delims !*'()",
  "dollar$at@colon:semi;comma,",
  "brackets[0]{x}",
  `back\\slash "double" 'single' \`tick\``,
  "angle<br>|caret^",
  "X-Amz-Signature=0000&X-Amz-Credential=x",
  "café crème brûlée",
  "Привет, мир",
  "日本語/中文/한국어",
  "emoji 😀🎉 flag 🇫🇷",
  "combining e\u0301 vs \u00e9",
  "NBSP\u00a0here",
  "nested/prefix/with space/and+plus/file",
  "x..y/z..w",
  LONG_KEY,
  ...[" ", "+", "%", "&", "=", "?", "#", "\u00a0", "Ж", "😀"].map((c, i) => `gen/${i}/${c}start mid${c}dle end${c}`),
];

let s;
let bucket;

/** send makes one request with fetch and returns MinIO's answer, with the S3 error code of an error body. */
async function send(method, url, { headers = {}, body } = {}) {
  // fetch parses the URL with the WHATWG parser: the presigned URL must come
  // out unchanged, or the signed path is not the one sent.
  assert.equal(new URL(url).href, url, "fetch sends the URL as signed");
  const res = await fetch(url, { method, headers, body, redirect: "manual" });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const code = res.status >= 300 ? (/<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? "") : "";
  return { status: res.status, headers: res.headers, bytes, text, code, toString: () => `${res.status} ${code} ${text.slice(0, 300)}` };
}

/** object names bucket/key for the module's inputs. */
const object = (key) => ({ ...CREDS, endpoint: ENDPOINT, bucket, key, addressing: "path" });

const utf8 = (text) => new TextEncoder().encode(text);

describe("the JS module against MinIO", { skip: SKIP }, () => {
  before(async () => {
    s = await load(wasmBytes());
    bucket = "js-" + randomBytes(4).toString("hex");
    const { url, headers, method } = s.sign({ ...CREDS, service: "s3", endpoint: ENDPOINT, bucket, addressing: "path", method: "PUT" });
    const a = await send(method, url, { headers });
    assert.equal(a.status, 200, `CreateBucket through sign(): ${a}`);
  });

  test(`presigned PUT, GET and DELETE round-trip ${HOSTILE_KEYS.length} hostile keys`, async () => {
    assert.ok(HOSTILE_KEYS.length >= 20);
    assert.equal(utf8(LONG_KEY).length, 1024, "bytes of the long key");
    await Promise.all(
      HOSTILE_KEYS.map(async (key) => {
        const content = utf8(`content of ${key}\u0000\u00ff`);
        const put = s.presign({ ...object(key), method: "PUT", expires: 600 });
        assert.ok(!put.url.includes("+"), `no '+' in ${put.url}`);
        let a = await send("PUT", put.url, { headers: put.headers, body: content });
        assert.equal(a.status, 200, `presigned PUT of ${JSON.stringify(key)}: ${a}`);

        const get = s.presign({ ...object(key), method: "GET", expires: 600 });
        a = await send("GET", get.url, { headers: get.headers });
        assert.equal(a.status, 200, `presigned GET of ${JSON.stringify(key)}: ${a}`);
        assert.deepEqual(a.bytes, content, `content of ${JSON.stringify(key)}`);

        const del = s.presign({ ...object(key), method: "DELETE", expires: 600 });
        a = await send("DELETE", del.url, { headers: del.headers });
        assert.equal(a.status, 204, `presigned DELETE of ${JSON.stringify(key)}: ${a}`);
        a = await send("GET", get.url, { headers: get.headers });
        assert.deepEqual([a.status, a.code], [404, "NoSuchKey"], `GET of ${JSON.stringify(key)} after DELETE: ${a}`);
      }),
    );
  });

  test("presigned PUT with a signed Content-Type is refused without it or with another", async () => {
    const key = "typed/image ü.png";
    const put = s.presign({ ...object(key), method: "PUT", expires: 600, headers: { "Content-Type": "image/png" } });
    assert.deepEqual(put.headers, { "Content-Type": "image/png" }, "headers the URL needs");
    // A Uint8Array body makes fetch send no Content-Type of its own (a
    // string body would add text/plain;charset=UTF-8).
    const body = utf8("png");
    let a = await send("PUT", put.url, { body });
    assert.deepEqual([a.status, a.code], [400, "AccessDenied"], `without Content-Type (MinIO: "headers ... not signed"): ${a}`);
    a = await send("PUT", put.url, { headers: { "Content-Type": "text/plain" }, body });
    assert.deepEqual([a.status, a.code], [403, "SignatureDoesNotMatch"], `with another Content-Type: ${a}`);
    a = await send("PUT", put.url, { headers: put.headers, body });
    assert.equal(a.status, 200, `with the signed Content-Type: ${a}`);
  });

  test("sign(): PUT with the body's hash, GET with UNSIGNED-PAYLOAD", async () => {
    const key = "signed/ключ + 日本 & co.txt";
    const body = utf8("header-signed from JS");
    const put = s.sign({ ...object(key), service: "s3", method: "PUT", body });
    assert.match(put.headers["X-Amz-Content-Sha256"], /^[0-9a-f]{64}$/, "hash of the body");
    let a = await send(put.method, put.url, { headers: put.headers, body });
    assert.equal(a.status, 200, `sign() PUT: ${a}`);

    const get = s.sign({ ...object(key), service: "s3", method: "GET", unsignedPayload: true });
    assert.equal(get.headers["X-Amz-Content-Sha256"], "UNSIGNED-PAYLOAD");
    a = await send(get.method, get.url, { headers: get.headers });
    assert.equal(a.status, 200, `sign() GET: ${a}`);
    assert.deepEqual(a.bytes, body, "content read back");

    const tampered = { ...get.headers, Authorization: get.headers.Authorization.replace(/.$/, (c) => (c === "0" ? "1" : "0")) };
    a = await send(get.method, get.url, { headers: tampered });
    assert.deepEqual([a.status, a.code], [403, "SignatureDoesNotMatch"], `sign() GET with one signature digit changed: ${a}`);
  });

  test("postPolicy(): keyPrefix and content-length-range through a multipart POST", async () => {
    const max = 1024;
    const form = s.postPolicy({ ...CREDS, endpoint: ENDPOINT, bucket, addressing: "path", keyPrefix: "form/ünï €/", expires: 600, contentLengthRange: [1, max] });
    const names = Object.keys(form.fields);
    assert.equal(names[0], "key", "first field");
    assert.equal(names.at(-1), "X-Amz-Signature", "last field");

    const post = (name, bytes) => {
      const data = new FormData();
      for (const [field, value] of Object.entries(form.fields)) {
        data.append(field, value);
      }
      data.append("file", new Blob([bytes]), name); // the file last
      return send("POST", form.url, { body: data });
    };
    const exact = new Uint8Array(max).fill(0x78);
    let a = await post("exact size.bin", exact);
    assert.equal(a.status, 204, `POST of exactly ${max} bytes: ${a}`);
    const get = s.presign({ ...object("form/ünï €/exact size.bin"), expires: 600 });
    a = await send("GET", get.url);
    assert.equal(a.status, 200, `GET of the form upload: ${a}`);
    assert.deepEqual(a.bytes, exact, "content of the form upload");

    a = await post("too big.bin", new Uint8Array(max + 1).fill(0x79));
    assert.deepEqual([a.status, a.code], [400, "EntityTooLarge"], `POST of one byte too many: ${a}`);
    const head = s.presign({ ...object("form/ünï €/too big.bin"), method: "HEAD", expires: 600 });
    a = await send("HEAD", head.url);
    assert.equal(a.status, 404, `HEAD of the refused upload: ${a}`);
  });

  test("postPolicy(): contentTypes, the chosen type stored whatever the file part's type", async () => {
    const form = s.postPolicy({ ...CREDS, endpoint: ENDPOINT, bucket, addressing: "path", keyPrefix: "types/", expires: 600, contentTypes: ["image/png", "image/jpeg"] });
    assert.deepEqual(form.contentTypes, ["image/png", "image/jpeg"]);
    const post = (name, type) => {
      const data = new FormData();
      for (const [field, value] of Object.entries(form.fields)) {
        data.append(field, field === "Content-Type" ? type : value);
      }
      data.append("file", new Blob(["<script>alert(1)</script>"], { type: "text/html" }), name);
      return send("POST", form.url, { body: data });
    };
    for (const type of form.contentTypes) {
      const name = `photo.${type.slice("image/".length)}`;
      let a = await post(name, type);
      assert.equal(a.status, 204, `POST choosing ${type}: ${a}`);
      a = await send("HEAD", s.presign({ ...object("types/" + name), method: "HEAD", expires: 600 }).url);
      assert.equal(a.status, 200, `HEAD ${name}: ${a}`);
      assert.equal(a.headers.get("content-type"), type, `stored Content-Type of ${name}`);
    }
    const a = await post("page.html", "text/html");
    assert.deepEqual([a.status, a.code], [403, "AccessDenied"], `POST declaring text/html: ${a}`);
  });
});
