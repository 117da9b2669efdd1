// load(): every kind of source, the one cached instance, and failures that
// can be retried.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { DIST_WASM, freshModule, wasmBytes, wasmModule } from "./helpers.mjs";

const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]); // a valid module exporting nothing

/** usable checks that a signer has the contract's shape and answers. */
function assertUsable(s) {
  for (const name of ["presign", "postPolicy", "sign", "verify", "presignBatch", "snippets"]) {
    assert.equal(typeof s[name], "function", `signer.${name}`);
  }
  assert.equal(typeof s.version, "string", "signer.version");
  assert.notEqual(s.version, "", "signer.version");
  assert.ok(Object.isFrozen(s), "the signer is frozen");
  const { presign } = s; // functions need no this
  const r = presign({ accessKeyId: "AKID", secretAccessKey: "secret", region: "us-east-1", url: "https://b.s3.amazonaws.com/k", date: 0 });
  assert.match(r.url, /X-Amz-Signature=[0-9a-f]{64}$/, "presign through a loaded signer");
}

// assertLoadFailure checks a rejection with a SigV4Error (by name: each
// fresh copy of the module has its own class).
async function assertLoadFailure(promise, pattern) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.name, "SigV4Error", "a failed load rejects with a SigV4Error");
    assert.ok(err instanceof Error);
    assert.equal(err.code, "internal");
    assert.equal(err.field, "");
    if (pattern) {
      assert.match(err.message, pattern);
    }
    return true;
  });
}

describe("load() from bytes", () => {
  test("a Node Buffer from readFileSync", async () => {
    const { load } = await freshModule();
    assertUsable(await load(wasmBytes()));
  });

  test("a plain Uint8Array", async () => {
    const { load } = await freshModule();
    const copy = new Uint8Array(wasmBytes());
    assert.ok(!Buffer.isBuffer(copy));
    assertUsable(await load(copy));
  });

  test("an ArrayBuffer", async () => {
    const { load } = await freshModule();
    const b = wasmBytes();
    assertUsable(await load(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
  });

  test("a compiled WebAssembly.Module", async () => {
    const { load } = await freshModule();
    assertUsable(await load(wasmModule()));
  });
});

describe("load() caches one instance", () => {
  test("twice returns the same promise and the same signer, whatever the argument", async () => {
    const { load } = await freshModule();
    const first = load(wasmModule());
    const second = load();
    assert.equal(second, first, "the same promise");
    const s = await first;
    assert.equal(await load(new Uint8Array(8)), s, "a later source is ignored");
    assert.equal(await load(), s);
  });

  test("a failed load is forgotten, so a retry can succeed", async () => {
    const { load } = await freshModule();
    await assertLoadFailure(load(new Uint8Array([1, 2, 3])), /instantiate/);
    assertUsable(await load(wasmModule()));
  });

  test("a source of another type is a TypeError, then a retry works", async () => {
    const { load } = await freshModule();
    await assert.rejects(load(42), TypeError);
    await assert.rejects(load({ url: "x" }), TypeError);
    assertUsable(await load(wasmModule()));
  });

  test("a WebAssembly module without the sigv4 exports is refused", async () => {
    const { load } = await freshModule();
    await assertLoadFailure(load(EMPTY_WASM), /sigv4_buffer/);
  });

});

describe("load() from a file in Node", () => {
  test("without an argument: sigv4.wasm next to sigv4.js", async () => {
    const { load } = await freshModule();
    assertUsable(await load());
  });

  test("a file: URL", async () => {
    const { load } = await freshModule();
    assertUsable(await load(DIST_WASM));
  });

  test("a missing file names it", async () => {
    const { load } = await freshModule();
    const missing = new URL("../dist/missing.wasm", import.meta.url);
    await assertLoadFailure(load(missing), new RegExp("cannot fetch the WebAssembly module from " + missing.href));
  });

  test("without process.getBuiltinModule (Node before 20.16) it says to pass the bytes", async () => {
    const { load } = await freshModule();
    const saved = process.getBuiltinModule;
    process.getBuiltinModule = undefined;
    try {
      await assertLoadFailure(load(), /readFileSync/);
    } finally {
      process.getBuiltinModule = saved;
    }
  });
});

describe("load() from a Response", () => {
  test("with application/wasm (streaming)", async () => {
    const { load } = await freshModule();
    assertUsable(await load(new Response(wasmBytes(), { headers: { "Content-Type": "application/wasm" } })));
  });

  test("with the wrong MIME type (falls back to the bytes)", async () => {
    const { load } = await freshModule();
    assertUsable(await load(new Response(wasmBytes(), { headers: { "Content-Type": "application/octet-stream" } })));
  });

  test("a promise of a Response", async () => {
    const { load } = await freshModule();
    assertUsable(await load(Promise.resolve(new Response(wasmBytes(), { headers: { "Content-Type": "application/wasm" } }))));
  });

  test("an HTTP error is reported with its status", async () => {
    const { load } = await freshModule();
    await assertLoadFailure(load(new Response("not found", { status: 404 })), /HTTP 404/);
  });

  test("a rejected fetch is an internal error with the cause", async () => {
    const { load } = await freshModule();
    const cause = new TypeError("fetch failed");
    await assert.rejects(load(Promise.reject(cause)), (err) => err.code === "internal" && err.cause === cause);
  });
});

describe("load() from a URL over HTTP", () => {
  let server;
  let base;
  before(async () => {
    server = createServer((req, res) => {
      const types = { "/sigv4.wasm": "application/wasm", "/wrong-type.wasm": "text/plain" };
      if (!(req.url in types)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "Content-Type": types[req.url] }).end(wasmBytes());
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => {
    server.closeAllConnections(); // fetch keeps connections alive
    return new Promise((resolve) => server.close(resolve));
  });

  test("a string URL", async () => {
    const { load } = await freshModule();
    assertUsable(await load(`${base}/sigv4.wasm`));
  });

  test("a URL object, served with the wrong MIME type", async () => {
    const { load } = await freshModule();
    assertUsable(await load(new URL("/wrong-type.wasm", base)));
  });

  test("a missing file", async () => {
    const { load } = await freshModule();
    await assertLoadFailure(load(`${base}/missing.wasm`), /HTTP 404/);
  });
});

// fakeModule assembles a WebAssembly module with the sigv4 exports whose
// sigv4_call answers op 5 (describe: the version and the operation codes)
// well, op 1 with an envelope that is not one, op 2 with text that is not
// JSON, and traps (as a Go crash would) for any other op.
function fakeModule() {
  const sleb = (n) => {
    const out = [];
    for (;;) {
      const b = n & 0x7f;
      n >>= 7;
      if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
        out.push(b);
        return out;
      }
      out.push(b | 0x80);
    }
  };
  const vec = (items) => [items.length, ...items.flat()];
  const str = (s) => vec([...new TextEncoder().encode(s)]);
  const uleb = (n) => {
    const out = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return out;
  };
  const section = (id, body) => [id, ...uleb(body.length), ...body];
  const I32 = 0x7f;
  const describe = '{"ok":true,"value":{"version":"fake","ops":{"presign":1,"postPolicy":2,"sign":3,"verify":4,"presignBatch":6,"snippets":7}}}';
  const replies = { 5: [0x100, describe], 1: [0x200, '{"ok":1}'], 2: [0x300, "not json"] };
  const callBody = [0x00];
  for (const [op, [addr, text]] of Object.entries(replies)) {
    callBody.push(0x20, 0, 0x41, ...sleb(Number(op)), 0x46, 0x04, 0x40, 0x41, ...sleb(addr), 0x24, 0, 0x41, ...sleb(text.length), 0x0f, 0x0b);
  }
  callBody.push(0x00, 0x0b); // unreachable
  const bodies = [
    [0x00, 0x0b], // run
    [0x00, 0x41, ...sleb(8192), 0x0b], // sigv4_buffer
    callBody, // sigv4_call
    [0x00, 0x23, 0, 0x0b], // sigv4_output
    [0x00, 0x41, ...sleb(1 << 24), 0x0b], // sigv4_max_input
  ];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 2, I32, I32, 0], [0x60, 1, I32, 1, I32], [0x60, 2, I32, I32, 1, I32], [0x60, 0, 1, I32]])),
    ...section(3, vec([[0], [1], [2], [3], [3]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(6, vec([[I32, 1, 0x41, 0, 0x0b]])),
    ...section(7, vec([
      [...str("mem"), 0x02, 0], [...str("run"), 0x00, 0], [...str("sigv4_buffer"), 0x00, 1],
      [...str("sigv4_call"), 0x00, 2], [...str("sigv4_output"), 0x00, 3], [...str("sigv4_max_input"), 0x00, 4],
    ])),
    ...section(10, vec(bodies.map((b) => [...uleb(b.length), ...b]))),
    ...section(11, vec(Object.values(replies).map(([addr, text]) => [0x00, 0x41, ...sleb(addr), 0x0b, ...str(text)]))),
  ];
  return new WebAssembly.Module(new Uint8Array(bytes));
}

describe("a module that misbehaves", () => {
  const input = { accessKeyId: "AKID", secretAccessKey: "secret", region: "us-east-1", url: "https://b.s3.amazonaws.com/k" };

  test("a reply that is not an envelope, or not JSON, is internal and the instance stays usable", async () => {
    const { load, SigV4Error } = await freshModule();
    const s = await load(fakeModule());
    assert.equal(s.version, "fake");
    for (const fn of ["presign", "postPolicy", "presign"]) {
      assert.throws(() => s[fn](input), (err) => err instanceof SigV4Error && err.code === "internal" && err.field === "", fn);
    }
  });

  test("a crash inside the module is internal, later calls too, and load() starts a new instance", async () => {
    const { load, SigV4Error } = await freshModule();
    const first = load(fakeModule());
    const s = await first;
    assert.throws(() => s.sign({ ...input, service: "s3" }), (err) => err instanceof SigV4Error && err.code === "internal" && err.cause instanceof WebAssembly.RuntimeError);
    assert.throws(() => s.presign(input), (err) => err instanceof SigV4Error && err.code === "internal" && /stopped/.test(err.message));
    const second = load(wasmModule());
    assert.notEqual(second, first, "a new instance after the crash");
    assertUsable(await second);
  });
});
