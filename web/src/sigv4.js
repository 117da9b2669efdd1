// sigv4.js: the JavaScript face of the sigv4 WebAssembly module.
//
// The glue is deliberately thin: it serializes the input to JSON, crosses
// into Go once per call through linear memory, and turns the reply envelope
// into a value or a thrown SigV4Error. Validation and signing happen in Go
// only, so every page, widget and script gets the same answers and the same
// errors. The contract is issue 3; the types are in sigv4.d.ts.

import "./gen/wasm_exec.js"; // Go's runtime support; defines globalThis.Go

// The one operation code of sigv4_call the glue knows: the module describes
// itself ({version, ops: {presign: code, ...}}). The other codes are defined
// in wasm/bridge.go only and read from that reply.
const OP_DESCRIBE = 5;
const OPERATIONS = ["presign", "postPolicy", "sign", "verify", "presignBatch", "snippets"];

const CODES = new Set(["missing", "malformed", "out-of-range", "unsupported", "internal"]);

// Inputs up to this many UTF-16 code units are encoded straight into the Go
// buffer, sized for the worst case of 3 bytes each; longer ones are encoded
// first so that the buffer is only as big as needed, and so that their size
// is checked against the module's limit before anything reaches its memory.
const DIRECT_ENCODE_LIMIT = 1 << 16;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * SigV4Error is what every signing call throws for bad input (and, with code
 * "internal", when the module itself fails). code, field and message describe
 * the first problem; errors lists all of them.
 */
export class SigV4Error extends Error {
  constructor(errors, options) {
    const list = normalizeErrors(errors);
    const first = list[0];
    super(first.field ? first.field + ": " + first.message : first.message, options);
    this.name = "SigV4Error";
    this.code = first.code;
    this.field = first.field;
    this.errors = list;
  }
}

function normalizeErrors(errors) {
  const list = [];
  if (Array.isArray(errors)) {
    for (const e of errors) {
      list.push({
        field: typeof e?.field === "string" ? e.field : "",
        code: CODES.has(e?.code) ? e.code : "internal",
        message: typeof e?.message === "string" ? e.message : "",
      });
    }
  }
  if (list.length === 0) {
    list.push({ field: "", code: "internal", message: "unknown error" });
  }
  return list;
}

function failure(code, message, cause) {
  return new SigV4Error([{ field: "", code, message }], cause === undefined ? undefined : { cause });
}

// ---- Input: JSON as the Go side reads it ------------------------------------

// replacer turns the JavaScript values JSON cannot carry into what the Go
// side parses: a Date (toJSON has already run, so look at the holder) becomes
// epoch milliseconds, NaN and the infinities become strings so that Go reports
// them as malformed instead of seeing null, bytes become {"$bytes": base64},
// and a bigint its decimal text.
function replacer(key, value) {
  const raw = this[key];
  if (raw instanceof Date) {
    const ms = raw.getTime();
    return Number.isNaN(ms) ? "Invalid Date" : ms;
  }
  if (raw instanceof Uint8Array) {
    return { $bytes: base64(raw) };
  }
  if (raw instanceof ArrayBuffer) {
    return { $bytes: base64(new Uint8Array(raw)) };
  }
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "bigint":
      return value.toString();
  }
  return value;
}

function base64(bytes) {
  if (typeof bytes.toBase64 === "function") {
    return bytes.toBase64();
  }
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

// isPlain reports whether JSON.stringify needs no replacer for v: plain
// objects and arrays, at most a few levels deep, holding only strings,
// booleans, null and finite numbers, which is what almost every call passes.
// A replacer is a JavaScript call per member, a good part of the glue's cost.
function isPlain(v, depth) {
  if (depth > 3) {
    return false;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== Array.prototype) {
    return false;
  }
  for (const key in v) {
    const x = v[key];
    switch (typeof x) {
      case "string":
      case "boolean":
        break;
      case "number":
        if (!Number.isFinite(x)) {
          return false;
        }
        break;
      case "object":
        if (x !== null && !isPlain(x, depth + 1)) {
          return false;
        }
        break;
      default:
        return false;
    }
  }
  return true;
}

// toJSON serializes an input, which must be a plain object. Whatever goes
// wrong on the way (a cycle, a throwing getter or toJSON, a revoked Proxy)
// is the input's fault: a SigV4Error "malformed" for the input as a whole.
// The exception's own text is not repeated, since it may quote the input.
function toJSON(input) {
  let text;
  try {
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      throw failure("malformed", "input must be a plain object");
    }
    text = JSON.stringify(input, isPlain(input, 0) ? undefined : replacer);
  } catch (err) {
    if (err instanceof SigV4Error) {
      throw err;
    }
    throw failure("malformed", "input cannot be converted to JSON (a cycle, or a value that throws)", err);
  }
  if (typeof text !== "string" || text[0] !== "{") {
    throw failure("malformed", "input must be a plain object");
  }
  return text;
}

// bytesOf returns the bytes of a body given as bytes, or undefined.
function bytesOf(input) {
  try {
    const body = input.body;
    if (body instanceof Uint8Array) {
      return body;
    }
    if (body instanceof ArrayBuffer) {
      return new Uint8Array(body);
    }
  } catch {
    // toJSON reports it.
  }
  return undefined;
}

// ---- The instance -----------------------------------------------------------

let loading = null; // the promise of the one instance, while it is usable

/**
 * load starts the WebAssembly module once and resolves to the signer. Without
 * an argument it fetches sigv4.wasm next to this file (in Node it reads the
 * file); it also takes a URL, a
 * Response (or a promise of one), the module's bytes or a compiled
 * WebAssembly.Module. Later calls return the same promise (their argument is
 * ignored) until loading fails or the instance dies.
 */
export function load(source) {
  if (loading === null) {
    const forget = () => {
      if (loading === attempt) {
        loading = null;
      }
    };
    const attempt = start(source, forget);
    loading = attempt;
    attempt.catch(forget);
  }
  return loading;
}

// start instantiates and runs one Go program; forget is called when it
// cannot be used (any more), so that the next load() starts afresh.
async function start(source, forget) {
  const go = new globalThis.Go();
  const instance = await instantiate(source, go.importObject);
  const ex = instance.exports;
  if (
    !(ex.mem instanceof WebAssembly.Memory) ||
    typeof ex.sigv4_buffer !== "function" ||
    typeof ex.sigv4_call !== "function" ||
    typeof ex.sigv4_output !== "function" ||
    typeof ex.sigv4_max_input !== "function"
  ) {
    throw failure("internal", "sigv4: the WebAssembly module does not export sigv4_buffer, sigv4_call, sigv4_output and sigv4_max_input");
  }

  let dead = false;
  const die = () => {
    dead = true;
    forget();
  };
  const goExit = go.exit;
  go.exit = (code) => {
    die();
    goExit.call(go, code);
  };
  // go.run settles only when the Go program ends, which it never should: not
  // awaited. Its synchronous part runs main, which leaves the exports ready.
  go.run(instance).then(die, die);
  if (go.exited) {
    die();
  }

  // The largest input, in bytes of JSON, the module takes (wasm/bridge.go).
  // It is checked here, before anything is copied into linear memory:
  // Go's memory never shrinks, so a refused input must not grow it.
  let maxInput = 0;
  const tooLarge = () =>
    failure(
      "out-of-range",
      `input is larger than ${maxInput / 1048576} MiB (${maxInput} bytes of JSON), the limit of the module; ` +
        "a body given as bytes counts four thirds of its size (base64)",
    );

  // call crosses into Go once: input into Go's buffer, output back out. Go
  // clears the input buffer after the call: the secret does not stay there.
  const call = (op, text) => {
    if (dead) {
      throw failure("internal", "sigv4: the WebAssembly instance has stopped; call load() again");
    }
    let bytes = null;
    if (text.length > DIRECT_ENCODE_LIMIT) {
      // UTF-8 takes at least one byte per UTF-16 code unit.
      if (text.length > maxInput) {
        throw tooLarge();
      }
      try {
        bytes = encoder.encode(text);
      } catch (err) {
        throw failure("out-of-range", "input is too large", err);
      }
      if (bytes.length > maxInput) {
        throw tooLarge();
      }
    }
    let reply;
    try {
      let n;
      if (bytes === null) {
        const max = text.length * 3;
        const ptr = ex.sigv4_buffer(max) >>> 0;
        n = encoder.encodeInto(text, new Uint8Array(ex.mem.buffer, ptr, max)).written;
      } else {
        const ptr = ex.sigv4_buffer(bytes.length) >>> 0;
        if (ptr === 0) {
          throw tooLarge();
        }
        new Uint8Array(ex.mem.buffer, ptr, bytes.length).set(bytes);
        n = bytes.length;
      }
      const len = ex.sigv4_call(op, n) >>> 0;
      const ptr = ex.sigv4_output() >>> 0;
      reply = decoder.decode(new Uint8Array(ex.mem.buffer, ptr, len));
    } catch (err) {
      if (err instanceof SigV4Error) {
        throw err;
      }
      die();
      throw failure("internal", "sigv4: the WebAssembly instance failed; call load() again", err);
    }
    if (go.exited) {
      die();
    }
    let envelope;
    try {
      envelope = JSON.parse(reply);
    } catch (err) {
      throw failure("internal", "sigv4: the module returned something that is not JSON", err);
    }
    return envelope;
  };

  // unwrap turns an envelope into its value, or a SigV4Error it returns (the
  // caller throws it, or keeps it for a batch).
  const unwrap = (envelope) => {
    if (envelope !== null && typeof envelope === "object") {
      if (envelope.ok === true && "value" in envelope) {
        return { value: envelope.value };
      }
      if (envelope.ok === false && Array.isArray(envelope.errors) && envelope.errors.length > 0 && envelope.errors.every(isWireError)) {
        return { error: new SigV4Error(envelope.errors) };
      }
    }
    return { error: failure("internal", "sigv4: the module returned an invalid reply") };
  };

  const run = (op, input) => {
    const { value, error } = unwrap(call(op, toJSON(input)));
    if (error) {
      throw error;
    }
    if (value === null || typeof value !== "object") {
      throw failure("internal", "sigv4: the module returned an invalid reply");
    }
    return value;
  };

  try {
    maxInput = ex.sigv4_max_input();
  } catch (err) {
    die();
    throw failure("internal", "sigv4: the WebAssembly module did not report its input limit", err);
  }
  const described = unwrap(call(OP_DESCRIBE, "{}"));
  const { version, ops } = described.value ?? {};
  if (described.error || typeof version !== "string" || version === "" || !OPERATIONS.every((op) => Number.isInteger(ops?.[op]))) {
    die();
    throw described.error ?? failure("internal", "sigv4: the module did not report its version and operations");
  }

  return Object.freeze({
    presign: (input) => run(ops.presign, input),
    postPolicy: (input) => run(ops.postPolicy, input),
    sign: (input) => {
      const result = run(ops.sign, input);
      // Go answers with text; a caller who passed bytes gets them back.
      const bytes = bytesOf(input);
      if (bytes !== undefined) {
        result.body = bytes;
      }
      return result;
    },
    verify: (input) => run(ops.verify, input),
    snippets: (input) => run(ops.snippets, input),
    presignBatch: (inputs) => {
      if (!isArray(inputs)) {
        throw failure("malformed", "input must be an array of presign inputs");
      }
      const { value, error } = unwrap(call(ops.presignBatch, toJSON({ items: inputs })));
      if (error) {
        throw error;
      }
      if (!Array.isArray(value) || value.length !== inputs.length) {
        throw failure("internal", "sigv4: the module returned an invalid reply");
      }
      return value.map((entry) => {
        const one = unwrap(entry);
        return one.error ?? one.value;
      });
    },
    version,
  });
}

// isArray is Array.isArray, which throws for a revoked Proxy.
function isArray(v) {
  try {
    return Array.isArray(v);
  } catch {
    return false;
  }
}

function isWireError(e) {
  return e !== null && typeof e === "object" && typeof e.field === "string" && CODES.has(e.code) && typeof e.message === "string";
}

// instantiate accepts every source load() documents and resolves to an
// instance.
async function instantiate(source, importObject) {
  if (source === undefined) {
    // A literal on purpose: bundlers find and ship the wasm by this pattern,
    // and build.sh rewrites it in the module's content-hashed copy to the
    // wasm's hashed name.
    source = new URL("./sigv4.wasm", import.meta.url);
  }
  let where = "";
  if (typeof source === "string" || source instanceof URL) {
    where = String(source);
    const url = new URL(where, globalThis.location?.href ?? import.meta.url);
    if (url.protocol === "file:") {
      // fetch cannot read files. Node (20.16 and later) reads it instead:
      // process.getBuiltinModule, not an import, so that no bundler sees a
      // node: module to resolve for the browser.
      const fs = globalThis.process?.getBuiltinModule?.("node:fs");
      if (!fs) {
        throw failure(
          "internal",
          "sigv4: cannot fetch a file: URL; pass the bytes instead: load(readFileSync(path))",
        );
      }
      source = fs.promises.readFile(url);
    } else {
      source = fetch(source);
    }
  }
  try {
    source = await source; // a Response or a promise of one
  } catch (err) {
    throw failure("internal", "sigv4: cannot fetch the WebAssembly module" + (where && " from " + where), err);
  }
  try {
    if (source instanceof WebAssembly.Module) {
      return await WebAssembly.instantiate(source, importObject);
    }
    if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
      return (await WebAssembly.instantiate(source, importObject)).instance;
    }
  } catch (err) {
    throw failure("internal", "sigv4: cannot instantiate the WebAssembly module", err);
  }
  if (source !== null && typeof source === "object" && typeof source.arrayBuffer === "function" && "ok" in source) {
    return instantiateResponse(source, importObject);
  }
  throw new TypeError("sigv4: load() takes a URL, a Response, bytes or a WebAssembly.Module");
}

async function instantiateResponse(response, importObject) {
  const where = response.url ? " from " + response.url : "";
  if (!response.ok) {
    throw failure("internal", `sigv4: fetching the WebAssembly module${where} failed: HTTP ${response.status}`);
  }
  try {
    // instantiateStreaming compiles while downloading but insists on the
    // application/wasm type; a server that sends another gets the slow path.
    const type = response.headers?.get?.("Content-Type") ?? "";
    if (typeof WebAssembly.instantiateStreaming === "function" && /^application\/wasm\s*(;|$)/i.test(type)) {
      return (await WebAssembly.instantiateStreaming(response, importObject)).instance;
    }
    return (await WebAssembly.instantiate(await response.arrayBuffer(), importObject)).instance;
  } catch (err) {
    throw failure("internal", "sigv4: cannot instantiate the WebAssembly module" + where, err);
  }
}
