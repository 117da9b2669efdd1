// differential.mjs: the JS side of e2e's TestGoAndJSAgree. It reads a corpus
// (a JSON array of {op, input}) from the file named by its argument, calls
// the bundled web/dist/sigv4.js as a JavaScript caller does, and writes one
// JSON array of outcomes to stdout: {ok: true, value} or {ok: false,
// errors: [{field, code}]}, in corpus order. A body given as {"$bytes":
// base64} is passed as a Uint8Array, and a Uint8Array in a result is written
// back in that form; a credentialsExpireAt given as {"$date": ms} is passed
// as a Date.

import { readFileSync } from "node:fs";
import { load, SigV4Error } from "../../web/dist/sigv4.js";

const corpus = JSON.parse(readFileSync(process.argv[2], "utf8"));
const s = await load(readFileSync(new URL("../../web/dist/sigv4.wasm", import.meta.url)));

const bytesIn = (input) => {
  if (input.body !== null && typeof input.body === "object" && "$bytes" in input.body) {
    input = { ...input, body: Uint8Array.from(Buffer.from(input.body.$bytes, "base64")) };
  }
  return datesIn(input);
};

// datesIn makes a credentialsExpireAt given as {"$date": ms} a Date.
const datesIn = (input) => {
  const c = input.credentialsExpireAt;
  if (c !== null && typeof c === "object" && "$date" in c) return { ...input, credentialsExpireAt: new Date(c.$date) };
  return input;
};

const outcome = (fn) => {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (!(err instanceof SigV4Error)) {
      throw err;
    }
    return errorOutcome(err);
  }
};

// Errors are compared as a set, sorted by field and code (as Go sorts its
// own): the bridge reports what it cannot read before the core's problems.
const errorOutcome = (err) => ({
  ok: false,
  errors: err.errors
    .map((e) => ({ field: e.field, code: e.code }))
    .sort((a, b) => (a.field + "\0" + a.code < b.field + "\0" + b.code ? -1 : a.field + "\0" + a.code > b.field + "\0" + b.code ? 1 : 0)),
});

const results = corpus.map(({ op, input }) => {
  switch (op) {
    case "presignBatch":
      return outcome(() => s.presignBatch(input.map(datesIn)).map((r) => (r instanceof SigV4Error ? errorOutcome(r) : { ok: true, value: r })));
    case "presign":
    case "sign":
    case "postPolicy":
    case "verify":
      return outcome(() => s[op](bytesIn(input)));
  }
  throw new Error("unknown op " + op);
});

process.stdout.write(
  JSON.stringify(results, (key, value) => (value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString("base64") } : value)),
);
