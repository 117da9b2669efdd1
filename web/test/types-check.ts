// Type-checked, never run: valid uses of sigv4.d.ts compile, and each
// `@ts-expect-error` line proves that a wrong use is refused (tsc fails if
// the line below it compiles). `./build.sh test` runs tsc --strict on it.

import { readFileSync } from "node:fs";
import {
  load,
  SigV4Error,
  type Debug,
  type ErrorCode,
  type FieldProblem,
  type PostPolicyInput,
  type PostPolicyResult,
  type PresignInput,
  type PresignResult,
  type SignInput,
  type SignResult,
  type Snippets,
  type Signer,
  type VerifyInput,
  type VerifyReason,
  type VerifyResult,
} from "../src/sigv4.js";

const creds = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
} as const;

export async function loading(): Promise<Signer[]> {
  const bytes = readFileSync("web/dist/sigv4.wasm");
  const all: Signer[] = [
    await load(),
    await load("./sigv4.wasm"),
    await load(new URL("https://example.com/sigv4.wasm")),
    await load(fetch("./sigv4.wasm")),
    await load(await fetch("./sigv4.wasm")),
    await load(bytes),
    await load(new Uint8Array(bytes)),
    await load(bytes.buffer),
    await load(new WebAssembly.Module(bytes)),
  ];
  // @ts-expect-error: a number is not a module source
  await load(42);
  // @ts-expect-error: nor is null
  await load(null);
  const s = all[0];
  const v: string = s.version;
  // @ts-expect-error: version is read-only
  s.version = "2";
  return v ? all : [];
}

export function presigning(s: Signer): PresignResult[] {
  const results = [
    s.presign({
      ...creds,
      date: "2013-05-24T00:00:00Z",
      endpoint: "https://s3.amazonaws.com",
      bucket: "examplebucket",
      key: "test.txt",
      addressing: "virtual",
      expires: 86400,
    }),
    s.presign({ ...creds, url: "https://examplebucket.s3.amazonaws.com/test.txt", date: new Date(1369353600000) }),
    s.presign({ ...creds, url: "https://b.s3.amazonaws.com/k", date: 1369353600000, expires: "3600" }),
    s.presign({ ...creds, url: "https://b.s3.amazonaws.com/k", expires: 2592000n, maxExpires: 2592000 }),
    s.presign({
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      signingKey: "dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378",
      sessionToken: "token",
      url: "https://storage.yandexcloud.net/bucket/key",
      method: "PUT",
      headers: { "Content-Type": "image/png", "x-amz-meta-n": 1 },
      query: [["versionId", "3"], ["response-content-type", "text/plain"]],
      debug: { signingKey: true },
    }),
  ];
  const r = results[0];
  const url: string = r.url;
  const expiresAt: string = r.expiresAt;
  const headers: Record<string, string> = r.headers;
  const debug: Debug | undefined = r.debug;
  const key: string | undefined = debug?.signingKey;
  // @ts-expect-error: debug is present only when asked for
  const always: Debug = r.debug;
  s.presign({ ...creds, url: "https://b.s3.amazonaws.com/k", debug: true });
  // @ts-expect-error: debug is a boolean or options
  s.presign({ ...creds, url: "https://b.s3.amazonaws.com/k", debug: "yes" });
  void [url, expiresAt, headers, key, always];

  const session = { ...creds, sessionToken: "FwoGZXIvYXdzEXAMPLE", url: "https://b.s3.amazonaws.com/k" } as const;
  const temp: PresignResult[] = [
    s.presign({ ...session, credentialsExpireAt: "2026-11-28T02:00:00Z" }),
    s.presign({ ...session, credentialsExpireAt: new Date(1795000000000) }),
    s.presign({ ...session, credentialsExpireAt: 1795000000000 }),
  ];
  const validUntil: string = temp[0].validUntil;
  const warned: boolean = temp[0].warnings.some((w) => w.code === "credentials-expire-first");
  // @ts-expect-error: warning codes are a closed set
  const unknownWarning: boolean = temp[0].warnings[0].code === "credentials-expired";
  // @ts-expect-error: an expiry is a time, not a flag
  s.presign({ ...session, credentialsExpireAt: true });
  void [validUntil, warned, unknownWarning];

  // @ts-expect-error: unknown field
  s.presign({ ...creds, url: "https://b.s3.amazonaws.com/k", foo: 1 });
  // @ts-expect-error: misspelt field
  s.presign({ ...creds, url: "https://b.s3.amazonaws.com/k", expire: 60 });
  // @ts-expect-error: expires is a number of seconds, not a boolean
  s.presign({ ...creds, url: "https://b.s3.amazonaws.com/k", expires: true });
  // @ts-expect-error: nor text that is not a number
  s.presign({ ...creds, url: "https://b.s3.amazonaws.com/k", expires: "an hour" });
  // @ts-expect-error: no target: url (or endpoint + bucket) is missing
  s.presign({ ...creds });
  // @ts-expect-error: a url and an endpoint at once
  s.presign({ ...creds, url: "https://b.s3.amazonaws.com/k", endpoint: "https://s3.amazonaws.com", bucket: "b" });
  // @ts-expect-error: an endpoint needs a bucket
  s.presign({ ...creds, endpoint: "https://s3.amazonaws.com", key: "k" });
  // @ts-expect-error: accessKeyId is required
  s.presign({ secretAccessKey: "s", url: "https://b.s3.amazonaws.com/k" });
  // @ts-expect-error: a secret is required
  s.presign({ accessKeyId: "a", url: "https://b.s3.amazonaws.com/k" });
  // @ts-expect-error: a secret and a signing key at once
  s.presign({ accessKeyId: "a", secretAccessKey: "s", signingKey: "00", url: "https://b.s3.amazonaws.com/k" });
  // @ts-expect-error: addressing is "path" or "virtual"
  s.presign({ ...creds, endpoint: "https://s3.amazonaws.com", bucket: "b", addressing: "sideways" });
  // @ts-expect-error: date is text, a Date or epoch milliseconds
  s.presign({ ...creds, url: "https://b.s3.amazonaws.com/k", date: true });
  // @ts-expect-error: header values are text
  s.presign({ ...creds, url: "https://b.s3.amazonaws.com/k", headers: { a: {} } });
  // @ts-expect-error: the input is an object
  s.presign("https://b.s3.amazonaws.com/k");
  // @ts-expect-error: the result has no such field
  void r.expires;
  return results;
}

export function batching(s: Signer, inputs: PresignInput[]): string[] {
  return s.presignBatch(inputs).map((entry) => {
    if (entry instanceof SigV4Error) {
      const code: ErrorCode = entry.code;
      return code + " " + entry.field;
    }
    // @ts-expect-error: narrowed to PresignResult, which has no errors
    void entry.errors;
    return entry.url;
  });
}

export function uploadForm(s: Signer): PostPolicyResult {
  const input: PostPolicyInput = {
    ...creds,
    date: "20151229T000000Z",
    url: "http://sigv4examplebucket.s3.amazonaws.com/",
    keyPrefix: "user/user1/",
    expiration: "2015-12-30T12:00:00.000Z",
    fields: { acl: "public-read", success_action_status: 201 },
    contentTypes: ["image/jpeg", "image/png"],
    conditions: [
      ["starts-with", "$Content-Type", "image/"],
      { "x-amz-meta-uuid": "14365123651274" },
      ["content-length-range", 1, 10485760],
    ],
    contentLengthRange: [1, 1 << 20],
  };
  const r = s.postPolicy(input);
  const method: "POST" = r.method;
  const fields: Record<string, string> = r.fields;
  const texts: string[] = [r.url, r.policy, r.policyBase64, r.expiration, r.html, r.debug?.signature ?? "", ...(r.contentTypes ?? [])];
  void [method, fields, texts];
  s.postPolicy({ ...creds, endpoint: "https://storage.yandexcloud.net", bucket: "b", key: "uploads/${filename}", expires: 600 });
  // @ts-expect-error: a condition operand names a field with "$"
  s.postPolicy({ ...creds, url: "https://b.s3.amazonaws.com/", key: "k", conditions: [["starts-with", "Content-Type", "image/"]] });
  // @ts-expect-error: contentTypes is a list
  s.postPolicy({ ...creds, url: "https://b.s3.amazonaws.com/", key: "k", contentTypes: "image/png" });
  // @ts-expect-error: contentLengthRange is [min, max]
  s.postPolicy({ ...creds, url: "https://b.s3.amazonaws.com/", key: "k", contentLengthRange: [1] });
  // @ts-expect-error: method is not an input of postPolicy
  s.postPolicy({ ...creds, url: "https://b.s3.amazonaws.com/", key: "k", method: "PUT" });
  return r;
}

export function signing(s: Signer): SignResult[] {
  const json: SignInput = {
    ...creds,
    service: "ses",
    method: "POST",
    url: "https://email.us-east-1.amazonaws.com/v2/email/outbound-emails",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ FromEmailAddress: "a@example.com" }),
  };
  const a = s.sign(json);
  const b = s.sign({ ...creds, service: "s3", url: "https://b.s3.amazonaws.com/k", method: "PUT", body: new Uint8Array([1, 2]), unsignedPayload: true });
  const c = s.sign({ ...creds, service: "s3", endpoint: "https://s3.amazonaws.com", bucket: "b", key: "k", body: new ArrayBuffer(2) });
  const body: string | Uint8Array | null = b.body;
  const curl: string | null = a.snippets.curl;
  const sigv4Curl: string | null = a.snippets.curlAwsSigv4;
  const issues: string[] = a.snippets.curlAwsSigv4Issues;
  const fetchText: string | null = a.snippets.fetch;
  const bodyFile: string | null = a.snippets.bodyFile;
  const browserUrl: boolean = a.snippets.browserUrl;
  const auth: string | undefined = a.headers["Authorization"];
  const iam: Snippets = s.snippets({ method: "POST", url: "https://postbox.cloud.yandex.net/v2/email/outbound-emails", envHeaders: { "X-YaCloud-SubjectToken": "IAM_TOKEN" }, body: "{}" });
  const presigned: Snippets | undefined = s.presign({ ...creds, url: "https://b.s3.amazonaws.com/k", snippets: true }).snippets;
  void [body, curl, sigv4Curl, issues, fetchText, bodyFile, browserUrl, auth, iam, presigned];
  // @ts-expect-error: snippets() needs a url
  s.snippets({ method: "GET" });
  // @ts-expect-error: service is required for sign
  s.sign({ ...creds, url: "https://email.us-east-1.amazonaws.com/" });
  // @ts-expect-error: a body is text or bytes
  s.sign({ ...creds, service: "ses", url: "https://email.us-east-1.amazonaws.com/", body: { a: 1 } });
  // @ts-expect-error: expires is not an input of sign
  s.sign({ ...creds, service: "ses", url: "https://email.us-east-1.amazonaws.com/", expires: 60 });
  return [a, b, c];
}

export function verifying(s: Signer, url: string): VerifyResult {
  const input: VerifyInput = { url, accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, now: new Date(), maxExpires: 2592000 };
  const r = s.verify(input);
  const reason: VerifyReason = r.reason;
  const flags: boolean[] = [r.valid, r.expired, r.notYetValid, r.presigned];
  const times: (string | null)[] = [r.signedAt, r.expiresAt];
  const header: string | undefined = r.header;
  void [reason, flags, times, header, r.accessKeyId, r.region, r.service, r.provided, r.debug.canonicalRequest];
  s.verify({ method: "POST", url, headers: [["Authorization", "AWS4-HMAC-SHA256 ..."]], body: "x", accessKeyId: "a", signingKey: "00", now: 0 });
  const payload: VerifyReason[] = ["payload-mismatch", "payload-not-checked", "unsigned-header"];
  void payload;
  // @ts-expect-error: url is required
  s.verify({ accessKeyId: "a", secretAccessKey: "s" });
  // @ts-expect-error: the expected access key ID is required
  s.verify({ url, secretAccessKey: "s" });
  // @ts-expect-error: verify reads the region from the signature
  s.verify({ url, accessKeyId: "a", secretAccessKey: "s", region: "us-east-1" });
  // @ts-expect-error: not a reason verify gives
  const wrong: VerifyReason = "bad-signature";
  void wrong;
  return r;
}

export function handling(s: Signer): string {
  try {
    s.presign({ ...creds, url: "https://b.s3.amazonaws.com/k", expires: 0 });
  } catch (err) {
    if (err instanceof SigV4Error) {
      const e: Error = err;
      const name: "SigV4Error" = err.name;
      const code: ErrorCode = err.code;
      const list: readonly FieldProblem[] = err.errors;
      // @ts-expect-error: errors is read-only
      err.errors.push({ field: "", code: "internal", message: "" });
      // @ts-expect-error: not an error code
      const bad: ErrorCode = "invalid";
      void [e, name, bad];
      return code + err.field + list.map((p) => p.field + p.code + p.message).join();
    }
  }
  const made = new SigV4Error([{ field: "expires", code: "out-of-range", message: "must be at least 1 second" }], { cause: 1 });
  // @ts-expect-error: a problem has a field, a code and a message
  new SigV4Error([{ code: "missing" }]);
  return made.message;
}
