// Shared by the node tests of the JS contract (node --test web/test/). The
// tests import the bundled module from web/dist, as users do: build it first
// with ./build.sh. (node --test also runs this file on its own; it has no
// tests and no side effects.)

import { readFileSync } from "node:fs";

export const DIST_JS = new URL("../dist/sigv4.js", import.meta.url);
export const DIST_WASM = new URL("../dist/sigv4.wasm", import.meta.url);

export const CODES = ["missing", "malformed", "out-of-range", "unsupported", "internal"];

let bytes;
/** wasmBytes returns the built sigv4.wasm as a Node Buffer (read once). */
export function wasmBytes() {
  bytes ??= readFileSync(DIST_WASM);
  return bytes;
}

let compiled;
/** wasmModule returns sigv4.wasm compiled once: the fastest source for load(). */
export function wasmModule() {
  compiled ??= new WebAssembly.Module(wasmBytes());
  return compiled;
}

let fresh = 0;
/**
 * freshModule imports its own copy of web/dist/sigv4.js, whose load() has
 * never run, so that each way of loading can be tested on a new instance.
 */
export function freshModule() {
  fresh++;
  return import(`${DIST_JS.href}?fresh=${fresh}`);
}

const examples = JSON.parse(readFileSync(new URL("../../sigv4/testdata/aws-doc-examples.json", import.meta.url), "utf8")).examples;
/** docExample returns an example of sigv4/testdata/aws-doc-examples.json by id. */
export function docExample(id) {
  const e = examples.find((x) => x.id === id);
  if (!e) {
    throw new Error(`no example ${id} in aws-doc-examples.json`);
  }
  return e;
}

/** The AWS documented presigned GET (S3 API Reference, sigv4-query-string-auth). */
export const PRESIGNED_GET = docExample("s3-presigned-get-object");

/** presignedGetInput is the documented presigned GET as a presign input. */
export function presignedGetInput() {
  const i = PRESIGNED_GET.inputs;
  return {
    accessKeyId: i.access_key_id,
    secretAccessKey: i.secret_access_key,
    region: i.region,
    date: "2013-05-24T00:00:00Z",
    endpoint: "https://s3.amazonaws.com",
    bucket: i.bucket,
    key: i.key,
    addressing: "virtual",
    expires: i.expires_seconds,
  };
}
