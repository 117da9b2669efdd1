// The JS contract of issue 3 through the bundled module: the AWS documented
// examples byte for byte, postPolicy, sign, verify, and every error code.

import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { before, describe, test } from "node:test";
import { load, SigV4Error } from "../dist/sigv4.js";
import { CODES, PRESIGNED_GET, presignedGetInput, wasmBytes } from "./helpers.mjs";

let s;
before(async () => {
  s = await load(wasmBytes());
});

const EXPECTED = PRESIGNED_GET.expected;
const CREDS = {
  accessKeyId: PRESIGNED_GET.inputs.access_key_id,
  secretAccessKey: PRESIGNED_GET.inputs.secret_access_key,
};
const DOC_URL = "https://examplebucket.s3.amazonaws.com/test.txt";

/** thrown runs fn and returns the SigV4Error it throws, failing otherwise. */
function thrown(fn, what) {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SigV4Error, `${what}: threw ${err?.name}, not a SigV4Error: ${err?.message}`);
    return err;
  }
  assert.fail(`${what}: did not throw`);
}

/** problem returns the problem of err at field, failing when there is none. */
function problem(err, field) {
  const p = err.errors.find((e) => e.field === field);
  assert.ok(p, `no problem with ${JSON.stringify(field)} in ${JSON.stringify(err.errors)}`);
  return p;
}

function hmac(key, data) {
  return createHmac("sha256", key).update(data).digest();
}

/** signingKey derives the SigV4 signing key independently of the module. */
function signingKey(secret, scope) {
  const [date, region, service] = scope.split("/");
  return hmac(hmac(hmac(hmac("AWS4" + secret, date), region), service), "aws4_request");
}

/** assertDebugConsistent recomputes the string to sign's hash and the signature from debug. */
function assertDebugConsistent(debug, secret, what) {
  const lines = debug.stringToSign.split("\n");
  assert.equal(lines[0], "AWS4-HMAC-SHA256", what);
  assert.equal(lines[2], debug.credentialScope, what);
  assert.equal(lines[3], createHash("sha256").update(debug.canonicalRequest).digest("hex"), `${what}: hash of the canonical request`);
  const expected = hmac(signingKey(secret, debug.credentialScope), debug.stringToSign).toString("hex");
  assert.equal(debug.signature, expected, `${what}: signature recomputed with node:crypto`);
}

describe("presign: the AWS documented presigned GET, byte for byte", () => {
  const dates = {
    "ISO 8601 text": "2013-05-24T00:00:00Z",
    "a Date": new Date("2013-05-24T00:00:00Z"),
    "epoch milliseconds": 1369353600000,
    "AWS basic form": "20130524T000000Z",
  };
  const targets = {
    "endpoint + bucket + key, virtual": {},
    "url": { endpoint: undefined, bucket: undefined, key: undefined, addressing: undefined, url: DOC_URL },
  };
  for (const [dateName, date] of Object.entries(dates)) {
    for (const [targetName, target] of Object.entries(targets)) {
      test(`date as ${dateName}, target as ${targetName}`, () => {
        const r = s.presign({ ...presignedGetInput(), date, ...target, debug: true });
        assert.equal(r.url, EXPECTED.presigned_url, "presign url");
        assert.equal(r.method, "GET");
        assert.deepEqual(r.headers, {});
        assert.match(r.expiresAt, /^2013-05-25T00:00:00(\.000)?Z$/, "expiresAt");
        assert.equal(Date.parse(r.expiresAt), Date.parse("2013-05-25T00:00:00Z"), "expiresAt");
        assert.equal(Date.parse(r.signedAt), Date.parse("2013-05-24T00:00:00Z"), "signedAt");
        assert.equal(r.debug.canonicalRequest, EXPECTED.canonical_request, "debug.canonicalRequest");
        assert.equal(r.debug.stringToSign, EXPECTED.string_to_sign, "debug.stringToSign");
        assert.equal(r.debug.credentialScope, EXPECTED.credential_scope, "debug.credentialScope");
        assert.equal(r.debug.signedHeaders, EXPECTED.signed_headers, "debug.signedHeaders");
        assert.equal(r.debug.signature, EXPECTED.signature, "debug.signature");
        assert.ok(!("signingKey" in r.debug), "no signing key unless asked");
      });
    }
  }

  test("debug only when asked: the same URL without it", () => {
    const r = s.presign(presignedGetInput());
    assert.equal(r.url, EXPECTED.presigned_url);
    assert.ok(!("debug" in r), "no debug unless asked");
    assert.ok(!("debug" in s.presign({ ...presignedGetInput(), debug: false })), "debug: false");
    assert.equal(s.presign({ ...presignedGetInput(), debug: {} }).debug.signature, EXPECTED.signature, "debug: {}");
    assert.throws(() => s.presign({ ...presignedGetInput(), debug: "yes" }), { name: "SigV4Error", code: "malformed", field: "debug" });
  });

  test("debug.signingKey when asked, and signing with it instead of the secret", () => {
    const r = s.presign({ ...presignedGetInput(), debug: { signingKey: true } });
    assert.equal(r.debug.signingKey, EXPECTED.signing_key_hex);
    const { secretAccessKey, ...rest } = presignedGetInput();
    assert.equal(s.presign({ ...rest, signingKey: EXPECTED.signing_key_hex }).url, EXPECTED.presigned_url);
  });

  test("the input is not changed, and the same input gives the same output", () => {
    const input = { ...presignedGetInput(), date: new Date("2013-05-24T00:00:00Z"), headers: { "x-amz-meta-a": "1" } };
    const copy = structuredClone(input);
    const first = s.presign(input);
    assert.deepEqual(input, copy);
    assert.ok(input.date instanceof Date);
    assert.deepEqual(s.presign(input), first);
  });

  test("numeric text and a bigint are taken as seconds", () => {
    assert.equal(s.presign({ ...presignedGetInput(), expires: "86400" }).url, EXPECTED.presigned_url);
    assert.equal(s.presign({ ...presignedGetInput(), expires: 86400n }).url, EXPECTED.presigned_url);
  });

  test("headers and query are signed; the headers come back", () => {
    const r = s.presign({
      ...presignedGetInput(),
      debug: true,
      method: "put",
      headers: { "Content-Type": "image/png" },
      query: [["response-content-disposition", "attachment; filename=\"a b.png\""]],
    });
    assert.equal(r.method, "PUT");
    assert.deepEqual(r.headers, { "Content-Type": "image/png" });
    assert.equal(r.debug.signedHeaders, "content-type;host");
    assert.ok(!r.url.includes("+"), "a presigned URL never holds '+'");
    assert.match(r.url, /response-content-disposition=attachment%3B%20filename%3D%22a%20b\.png%22/);
    assertDebugConsistent(r.debug, CREDS.secretAccessKey, "presign PUT");
  });

  test("maxExpires raises the bound of expires (Yandex Object Storage: 30 days)", () => {
    const r = s.presign({ ...presignedGetInput(), expires: 2592000, maxExpires: 2592000 });
    assert.match(r.url, /X-Amz-Expires=2592000&/);
    assert.equal(Date.parse(r.expiresAt), Date.parse("2013-06-23T00:00:00Z"));
  });

  test("the region is inferred from a well-known host", () => {
    const { region, ...rest } = presignedGetInput();
    const r = s.presign({ ...rest, endpoint: "https://storage.yandexcloud.net", addressing: "path", debug: true });
    assert.equal(r.debug.credentialScope, "20130524/ru-central1/s3/aws4_request");
    assert.match(r.url, /^https:\/\/storage\.yandexcloud\.net\/examplebucket\/test\.txt\?/);
  });
});

describe("presignBatch", () => {
  test("results and errors in input order, errors returned, not thrown", () => {
    const good = presignedGetInput();
    const out = s.presignBatch([good, { ...good, expires: 0 }, null, good]);
    assert.equal(out.length, 4);
    assert.equal(out[0].url, EXPECTED.presigned_url);
    assert.ok(out[1] instanceof SigV4Error);
    assert.equal(out[1].code, "out-of-range");
    assert.equal(out[1].field, "expires");
    assert.ok(out[2] instanceof SigV4Error);
    assert.equal(out[2].code, "malformed");
    assert.deepEqual(out[3], out[0]);
    assert.deepEqual(s.presignBatch([]), []);
  });

  test("a batch that is not an array is thrown as malformed", () => {
    for (const bad of [null, undefined, {}, "x", 1]) {
      const err = thrown(() => s.presignBatch(bad), `presignBatch(${bad})`);
      assert.equal(err.code, "malformed");
      assert.equal(err.field, "");
    }
  });
});

describe("temporary credentials: credentialsExpireAt", () => {
  // The documented GET lasts 24 hours from 2013-05-24T00:00:00Z.
  const signed = Date.parse("2013-05-24T00:00:00Z");
  const credsEnd = Date.parse("2013-05-24T00:15:00Z");
  const session = () => ({ ...presignedGetInput(), sessionToken: "FwoGZXIvYXdzEXAMPLE" });

  test("credentials that expire first: validUntil is their expiry, with a warning; the URL is unchanged", () => {
    const plain = s.presign(session());
    for (const [what, given] of [
      ["ISO string", "2013-05-24T00:15:00Z"],
      ["ISO string with an offset", "2013-05-24T03:15:00+03:00"],
      ["Date", new Date(credsEnd)],
      ["epoch milliseconds", credsEnd],
    ]) {
      const r = s.presign({ ...session(), credentialsExpireAt: given });
      assert.equal(Date.parse(r.signedAt), signed, `${what}: signedAt`);
      assert.equal(Date.parse(r.expiresAt), Date.parse("2013-05-25T00:00:00Z"), `${what}: expiresAt stays the X-Amz-Expires end`);
      assert.equal(Date.parse(r.validUntil), credsEnd, `${what}: validUntil`);
      assert.deepEqual(r.warnings.map((w) => [w.field, w.code]), [["credentialsExpireAt", "credentials-expire-first"]], `${what}: warnings`);
      assert.equal(r.url, plain.url, `${what}: the expiry is not signed`);
    }
  });

  test("credentials that outlive the URL, or none given: validUntil is expiresAt, no warning", () => {
    for (const [what, extra] of [
      ["not given", {}],
      ["null", { credentialsExpireAt: null }],
      ["a day later", { credentialsExpireAt: "2013-05-26T00:00:00Z" }],
      ["exactly at expiresAt", { credentialsExpireAt: "2013-05-25T00:00:00Z" }],
    ]) {
      const r = s.presign({ ...session(), ...extra });
      assert.equal(r.validUntil, r.expiresAt, `${what}: validUntil`);
      assert.deepEqual(r.warnings, [], `${what}: warnings`);
    }
  });

  test("postPolicy: signedAt, expiration kept, validUntil the credentials' expiry", () => {
    const input = {
      ...CREDS,
      sessionToken: "FwoGZXIvYXdzEXAMPLE",
      date: "2013-05-24T00:00:00Z",
      url: "https://examplebucket.s3.amazonaws.com/",
      keyPrefix: "uploads/",
      expires: 3600,
    };
    const plain = s.postPolicy(input);
    assert.equal(plain.validUntil, plain.expiration, "without credentialsExpireAt");
    assert.deepEqual(plain.warnings, []);
    const r = s.postPolicy({ ...input, credentialsExpireAt: new Date(credsEnd) });
    assert.equal(Date.parse(r.signedAt), signed, "signedAt");
    assert.equal(Date.parse(r.expiration), Date.parse("2013-05-24T01:00:00Z"), "expiration stays the policy's");
    assert.equal(Date.parse(r.validUntil), credsEnd, "validUntil");
    assert.deepEqual(r.warnings.map((w) => w.code), ["credentials-expire-first"]);
    assert.deepEqual(r.fields, plain.fields, "the expiry is not signed");
  });

  test("expired or malformed: a SigV4Error on credentialsExpireAt, in every signing operation", () => {
    for (const [what, given, code] of [
      ["expired at the signing time", "2013-05-24T00:00:00Z", "out-of-range"],
      ["expired before signing", new Date(signed - 1000), "out-of-range"],
      ["not a time", "when the session ends", "malformed"],
      ["an invalid Date", new Date(NaN), "malformed"],
      ["a boolean", true, "malformed"],
    ]) {
      for (const [op, input] of [
        ["presign", session()],
        ["postPolicy", { ...CREDS, date: "2013-05-24T00:00:00Z", url: "https://examplebucket.s3.amazonaws.com/", key: "k", expires: 60 }],
        ["sign", { ...CREDS, date: "2013-05-24T00:00:00Z", url: DOC_URL, service: "s3", method: "GET" }],
      ]) {
        const err = thrown(() => s[op]({ ...input, credentialsExpireAt: given }), `${op}, ${what}`);
        assert.deepEqual(err.errors.map((e) => [e.field, e.code]), [["credentialsExpireAt", code]], `${op}, ${what}`);
      }
    }
  });

  test("presignBatch carries validUntil and warnings per item", () => {
    const [a, b] = s.presignBatch([session(), { ...session(), credentialsExpireAt: credsEnd }]);
    assert.equal(a.validUntil, a.expiresAt);
    assert.equal(Date.parse(b.validUntil), credsEnd);
    assert.equal(b.warnings[0].code, "credentials-expire-first");
  });
});

describe("postPolicy: the documented browser upload, through the API", () => {
  // The documented signature (8afdbf40…) covers a hand-written policy that only
  // its published base64 reproduces (see sigv4/testdata); here every property
  // of the form the module writes is checked instead.
  const input = {
    ...CREDS,
    region: "us-east-1",
    date: "20151229T000000Z",
    url: "http://sigv4examplebucket.s3.amazonaws.com/",
    keyPrefix: "user/user1/",
    expiration: "2015-12-30T12:00:00.000Z",
    fields: {
      acl: "public-read",
      success_action_redirect: "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html",
      "x-amz-meta-uuid": "14365123651274",
      "x-amz-server-side-encryption": "AES256",
      "x-amz-meta-note": `a "quoted" <b>bold</b> & 'single'`,
    },
    contentTypes: ["image/jpeg"],
    conditions: [
      ["starts-with", "$Content-Type", "image/"],
      ["starts-with", "$x-amz-meta-tag", ""],
    ],
  };
  let r;
  before(() => {
    r = s.postPolicy({ ...input, debug: true });
  });

  test("the form posts to the bucket", () => {
    assert.equal(r.url, "http://sigv4examplebucket.s3.amazonaws.com/");
    assert.equal(r.method, "POST");
    assert.match(r.expiration, /^2015-12-30T12:00:00(\.000)?Z$/);
  });

  test("fields in form order: key first, X-Amz-Signature last", () => {
    const names = Object.keys(r.fields);
    assert.equal(names[0], "key");
    assert.equal(names.at(-1), "X-Amz-Signature");
    assert.ok(!names.includes("file"), "the file input is not a field");
    assert.equal(r.fields.key, "user/user1/${filename}");
    assert.equal(r.fields["X-Amz-Credential"], "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request");
    assert.equal(r.fields["X-Amz-Algorithm"], "AWS4-HMAC-SHA256");
    assert.equal(r.fields["X-Amz-Date"], "20151229T000000Z");
    for (const [name, value] of Object.entries(input.fields)) {
      assert.equal(r.fields[name], value, `field ${name}`);
    }
    assert.match(r.fields["X-Amz-Signature"], /^[0-9a-f]{64}$/);
    assert.equal(r.fields["X-Amz-Signature"], r.debug.signature);
  });

  test("the policy is JSON with a condition for every field", () => {
    const policy = JSON.parse(r.policy);
    assert.equal(Date.parse(policy.expiration), Date.parse("2015-12-30T12:00:00Z"));
    const allows = (name, value) =>
      policy.conditions.some((c) => {
        if (Array.isArray(c)) {
          const [op, field, operand] = c;
          if (field?.toLowerCase() !== "$" + name.toLowerCase()) return false;
          return op === "eq" ? operand === value : op === "starts-with" && value.startsWith(operand);
        }
        return Object.entries(c).some(([k, v]) => k.toLowerCase() === name.toLowerCase() && v === value);
      });
    assert.ok(allows("bucket", "sigv4examplebucket"), "bucket condition");
    for (const [name, value] of Object.entries(r.fields)) {
      if (name === "Policy" || name === "X-Amz-Signature") continue;
      assert.ok(allows(name, value), `a condition allows ${name}=${JSON.stringify(value)}`);
    }
  });

  test("Policy is the padded standard base64 of policy, and the string signed", () => {
    const b64 = Buffer.from(r.policy, "utf8").toString("base64");
    assert.equal(r.fields.Policy, b64);
    assert.equal(r.policyBase64, b64);
    assert.equal(r.debug.stringToSign, b64);
    assert.equal(r.debug.credentialScope, "20151229/us-east-1/s3/aws4_request");
    const expected = hmac(signingKey(CREDS.secretAccessKey, r.debug.credentialScope), b64).toString("hex");
    assert.equal(r.fields["X-Amz-Signature"], expected, "signature recomputed with node:crypto");
  });

  test("html: the escaped action, every field escaped, the file input last", () => {
    const esc = (v) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
    assert.match(r.html, /<form [^>]*method="post"/);
    assert.match(r.html, /<form [^>]*enctype="multipart\/form-data"/);
    assert.ok(r.html.includes(`action="${esc(r.url)}"`), "escaped action");
    assert.ok(!r.html.includes("<b>"), "no markup from a value");
    const inputs = [...r.html.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]);
    assert.match(inputs.at(-1), /type="file"/, "the file input is the last input");
    assert.equal(inputs.length, Object.keys(r.fields).length + 1);
    for (const [name, value] of Object.entries(r.fields)) {
      const unescaped = (v) => v.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#34;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
      const tag = inputs.find((t) => unescaped(t.match(/name="([^"]*)"/)?.[1] ?? "") === name);
      assert.ok(tag, `a hidden input for ${name}`);
      assert.match(tag, /type="hidden"/);
      assert.equal(unescaped(tag.match(/value="([^"]*)"/)?.[1] ?? ""), value, `value of ${name}`);
    }
    assert.ok(r.html.indexOf('type="file"') < r.html.search(/<button[^>]*type="submit"|<input[^>]*type="submit"/), "a submit button after the file input");
  });

  test("a bad condition is reported with its index", () => {
    const err = thrown(() => s.postPolicy({ ...input, conditions: [["starts-with", "$Content-Type", "image/"], ["nope", "$a", "b"]] }), "postPolicy");
    assert.equal(problem(err, "conditions[1]").code, "unsupported");
  });

  test("several contentTypes: a select in the form, the first in fields, their prefix in the policy", () => {
    const r = s.postPolicy({ ...input, conditions: undefined, contentTypes: ["image/png", "image/jpeg"] });
    assert.deepEqual(r.contentTypes, ["image/png", "image/jpeg"]);
    assert.equal(r.fields["Content-Type"], "image/png");
    assert.ok(JSON.parse(r.policy).conditions.some((c) => JSON.stringify(c) === '["starts-with","$Content-Type","image/"]'), "prefix condition");
    assert.match(r.html, /<select name="Content-Type" required>\s*<option value="">Content-Type<\/option>\s*<option>image\/png<\/option>\s*<option>image\/jpeg<\/option>\s*<\/select>/);
    assert.equal(s.postPolicy({ ...input, conditions: undefined, contentTypes: undefined }).contentTypes, undefined, "no contentTypes without them");
  });

  test("conditions are checked like fields, each error naming its inputs", () => {
    const names = (over) => thrown(() => s.postPolicy({ ...input, ...over }), "postPolicy").errors.map((e) => `${e.field} ${e.code}`);
    assert.deepEqual(names({ conditions: [["starts-with", "$X-Amz-Date", ""]] }), ["conditions[0] unsupported"]);
    // The documented redirect field lies outside that prefix as well.
    assert.deepEqual(names({ conditions: [["starts-with", "$success_action_redirect", "javascript:alert(1)//"]] }), ["conditions[0] malformed", "fields.success_action_redirect out-of-range"]);
    assert.deepEqual(names({ contentTypes: undefined, conditions: [["starts-with", "$Content-Type", "image/"]] }), ["conditions[0] malformed"]);
    assert.deepEqual(names({ contentTypes: ["image/png", "image/"], conditions: undefined }), ["contentTypes[1] malformed"]);
    assert.deepEqual(names({ contentTypes: ["image/png", 3], conditions: undefined }), ["contentTypes[1] malformed"]);
    assert.deepEqual(names({ fields: { acl: "private" }, conditions: [["eq", "$acl", "public-read"]] }), ["fields.acl out-of-range", "conditions[0] out-of-range"]);
  });
});

describe("sign: an SES v2 request", () => {
  const body = JSON.stringify({
    FromEmailAddress: "sender@example.com",
    Destination: { ToAddresses: ["recipient@example.com"] },
    Content: { Simple: { Subject: { Data: "it's a test" }, Body: { Text: { Data: "Hello" } } } },
  });
  const input = {
    ...CREDS,
    region: "us-east-1",
    service: "ses",
    date: "2013-05-24T00:00:00Z",
    method: "POST",
    url: "https://email.us-east-1.amazonaws.com/v2/email/outbound-emails",
    headers: { "Content-Type": "application/json" },
    body,
  };

  test("headers, body and snippets", () => {
    const r = s.sign({ ...input, debug: true });
    assert.equal(r.method, "POST");
    assert.equal(r.url, input.url);
    assert.equal(r.headers["X-Amz-Date"], "20130524T000000Z");
    assert.equal(r.headers["Content-Type"], "application/json");
    assert.match(
      r.headers.Authorization,
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20130524\/us-east-1\/ses\/aws4_request, ?SignedHeaders=content-type;host;x-amz-date, ?Signature=[0-9a-f]{64}$/,
    );
    assert.ok(r.headers.Authorization.endsWith("Signature=" + r.debug.signature));
    assert.equal(r.body, body);
    // What the snippets send is proven by a listener and MinIO
    // (e2e TestSnippetsSendWhatWasSigned); here, the shape of the result.
    const sn = r.snippets;
    assert.deepEqual(Object.keys(sn), ["curl", "curlAwsSigv4", "curlAwsSigv4Issues", "fetch", "bodyFile", "browserUrl"]);
    assert.ok(sn.curl.startsWith("curl --fail-with-body"), "curl starts with curl --fail-with-body");
    assert.ok(sn.curl.includes(input.url));
    assert.ok(sn.curl.includes(`'\\''`), "the body's single quote is shell-quoted");
    assert.ok(sn.curlAwsSigv4.includes('--aws-sigv4 aws:amz:us-east-1:ses'), "curl --aws-sigv4 names region and service");
    assert.ok(!sn.curlAwsSigv4.includes(CREDS.secretAccessKey) && !sn.curlAwsSigv4.includes("Signature="), "curl --aws-sigv4 prints no secret or signature");
    assert.deepEqual(sn.curlAwsSigv4Issues, []);
    assert.ok(sn.fetch.includes(JSON.stringify(input.url)), "fetch names the URL");
    assert.equal(sn.bodyFile, null);
    assert.equal(sn.browserUrl, true);
    assert.equal(r.debug.canonicalRequest.split("\n").at(-1), createHash("sha256").update(body).digest("hex"), "payload hash");
    assertDebugConsistent(r.debug, CREDS.secretAccessKey, "sign");
  });

  test("a Uint8Array body comes back as that Uint8Array and signs the same bytes", () => {
    const bytes = new TextEncoder().encode(body);
    const r = s.sign({ ...input, body: bytes });
    assert.equal(r.body, bytes, "the very same Uint8Array");
    assert.equal(r.headers.Authorization, s.sign(input).headers.Authorization);
  });

  test("binary bytes are signed exactly; an ArrayBuffer comes back as a Uint8Array", () => {
    const bytes = new Uint8Array([0xff, 0x00, 0x80, 0xfe, 0x0a, 0x22]);
    const r = s.sign({ ...input, body: bytes.buffer, debug: true });
    assert.ok(r.body instanceof Uint8Array);
    assert.deepEqual([...r.body], [...bytes]);
    assert.equal(r.debug.canonicalRequest.split("\n").at(-1), createHash("sha256").update(bytes).digest("hex"));
  });

  test("without a body: body is null", () => {
    const { body: _, method: __, ...rest } = input;
    const r = s.sign(rest);
    assert.equal(r.method, "GET");
    assert.equal(r.body, null);
  });

  test("verify accepts the signed request", () => {
    const r = s.sign(input);
    const v = s.verify({ method: r.method, url: r.url, headers: r.headers, body: r.body, accessKeyId: CREDS.accessKeyId, secretAccessKey: CREDS.secretAccessKey, now: input.date });
    assert.equal(v.valid, true, v.reason);
    assert.equal(v.presigned, false);
    assert.equal(v.service, "ses");
  });
});

describe("snippets", () => {
  test("a presigned URL's snippets only when asked", () => {
    assert.equal(s.presign(presignedGetInput()).snippets, undefined);
    const r = s.presign({ ...presignedGetInput(), snippets: true });
    assert.ok(r.snippets.curl.includes("-o test.txt"), "a GET saves the object");
    assert.ok(r.snippets.curl.includes(r.url), "the URL as signed");
    assert.equal(r.snippets.curlAwsSigv4, null);
    assert.equal(r.snippets.browserUrl, true);
  });

  test("a link a browser would rewrite says so", () => {
    const r = s.presign({ ...presignedGetInput(), key: "a/../b.txt", snippets: true });
    assert.equal(r.snippets.browserUrl, false);
    assert.equal(r.snippets.fetch, null);
    assert.ok(r.snippets.curl.includes("--path-as-is"));
  });

  test("an unsigned request with a token read from the environment", () => {
    const r = s.snippets({
      method: "POST",
      url: "https://postbox.cloud.yandex.net/v2/email/outbound-emails",
      headers: { "Content-Type": "application/json" },
      envHeaders: { "X-YaCloud-SubjectToken": "IAM_TOKEN" },
      body: "@{}",
    });
    assert.ok(r.curl.includes('-H "X-YaCloud-SubjectToken: $IAM_TOKEN"'), r.curl);
    assert.ok(r.curl.includes("--data-raw '@{}'"), "a body starting with @ is not a file");
    assert.ok(r.fetch.includes("process.env.IAM_TOKEN"), r.fetch);
    assert.equal(r.curlAwsSigv4, null);
  });

  test("a URL as typed is sent as a browser sends it", () => {
    const r = s.snippets({ url: "https://postbox.cloud.yandex.net/a b/ü" });
    assert.ok(r.curl.includes("https://postbox.cloud.yandex.net/a%20b/%C3%BC"), r.curl);
  });

  test("a binary body is read from body.bin", () => {
    const r = s.snippets({ method: "PUT", url: "https://example.com/x", body: new Uint8Array([0, 255]) });
    assert.equal(r.bodyFile, "body.bin");
    assert.ok(r.curl.includes("--data-binary @body.bin"));
  });

  test("bad input names its field", () => {
    assert.throws(
      () => s.snippets({ url: "https://example.com/", envHeaders: { "X-T": "$(id)" } }),
      (e) => e instanceof SigV4Error && e.field === "envHeaders.X-T" && e.code === "malformed",
    );
    assert.throws(() => s.snippets({ url: "/relative" }), (e) => e instanceof SigV4Error && e.field === "url");
  });
});

describe("verify", () => {
  const now = "2013-05-24T00:00:01Z";
  const verify = (url, extra) => s.verify({ url, accessKeyId: CREDS.accessKeyId, secretAccessKey: CREDS.secretAccessKey, now, ...extra });

  test("verify(presign(x)) is valid", () => {
    const v = verify(s.presign(presignedGetInput()).url);
    assert.equal(v.valid, true);
    assert.equal(v.reason, "valid");
    assert.equal(v.expired, false);
    assert.equal(v.notYetValid, false);
    assert.equal(v.presigned, true);
    assert.equal(v.accessKeyId, CREDS.accessKeyId);
    assert.equal(v.region, "us-east-1");
    assert.equal(v.service, "s3");
    assert.equal(Date.parse(v.signedAt), Date.parse("2013-05-24T00:00:00Z"));
    assert.equal(Date.parse(v.expiresAt), Date.parse("2013-05-25T00:00:00Z"));
    assert.equal(v.provided, EXPECTED.signature);
    assert.equal(v.debug.canonicalRequest, EXPECTED.canonical_request);
  });

  test("one character changed in the signature: signature-mismatch", () => {
    const url = EXPECTED.presigned_url;
    const last = url.at(-1);
    const v = verify(url.slice(0, -1) + (last === "0" ? "1" : "0"));
    assert.equal(v.valid, false);
    assert.equal(v.reason, "signature-mismatch");
  });

  // (The scheme is not signed, and the host is compared in lower case.)
  test("a change to the signed parts: never valid", () => {
    const url = EXPECTED.presigned_url;
    for (const [from, to] of [["test.txt", "test.txu"], ["X-Amz-Expires=86400", "X-Amz-Expires=86401"], ["examplebucket.", "examplebuckeu."], ["T000000Z", "T000001Z"]]) {
      assert.ok(url.includes(from));
      const v = verify(url.replace(from, to));
      assert.equal(v.valid, false, `after ${from} -> ${to}`);
    }
  });

  test("now after expiry: expired", () => {
    const v = verify(EXPECTED.presigned_url, { now: "2013-05-25T00:00:01Z" });
    assert.equal(v.expired, true);
    assert.equal(v.valid, false);
    assert.equal(v.reason, "expired");
  });

  test("now before signing: not yet valid", () => {
    const v = verify(EXPECTED.presigned_url, { now: new Date("2013-05-23T23:59:59Z") });
    assert.equal(v.notYetValid, true);
    assert.equal(v.valid, false);
  });

  test("accessKeyId is required; another key is wrong-access-key", () => {
    const err = thrown(() => s.verify({ url: EXPECTED.presigned_url, secretAccessKey: CREDS.secretAccessKey, now }), "verify without accessKeyId");
    assert.equal(err.field, "accessKeyId");
    assert.equal(err.code, "missing");
    const v = verify(EXPECTED.presigned_url, { accessKeyId: "AKIDOTHER" });
    assert.equal(v.valid, false);
    assert.equal(v.reason, "wrong-access-key");
    assert.equal(v.accessKeyId, CREDS.accessKeyId, "the URL's key is reported");
  });

  test("signing parameters: another letter case is signed over, a repeat or an upper-case signature is refused", () => {
    const url = EXPECTED.presigned_url;
    assert.equal(verify(url + "&x-amz-date=junk").reason, "signature-mismatch");
    assert.equal(verify(url + "&X-AMZ-EXPIRES=999999").reason, "signature-mismatch");
    for (const bad of [url + "&X-Amz-Date=20130524T000000Z", url.replace(EXPECTED.signature, EXPECTED.signature.toUpperCase()), url.replace("X-Amz-Expires=86400", "X-Amz-Expires=086400")]) {
      const err = thrown(() => verify(bad), "verify " + bad);
      assert.equal(err.field, "url");
      assert.equal(err.code, "malformed");
    }
  });

  test("header-signed S3 request: the body is checked against x-amz-content-sha256", () => {
    const r = s.sign({ ...CREDS, service: "s3", method: "PUT", url: "https://examplebucket.s3.amazonaws.com/k", body: "hello", date: "2013-05-24T00:00:00Z" });
    const check = (extra) => verify(r.url, { method: "PUT", headers: r.headers, ...extra });
    assert.equal(check({ body: "hello" }).reason, "valid");
    assert.equal(check({ body: "hellO" }).reason, "payload-mismatch");
    assert.equal(check({ body: "" }).reason, "payload-mismatch");
    assert.equal(check({}).reason, "payload-not-checked");
    assert.equal(check({ body: null }).reason, "payload-not-checked");
    const streaming = { ...r.headers, "X-Amz-Content-Sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" };
    const err = thrown(() => check({ headers: streaming, body: "hello" }), "streaming payload");
    assert.equal(err.code, "unsupported");
  });

  test("header-signed: the SignedHeaders list is compared as given", () => {
    const r = s.sign({ ...CREDS, service: "s3", url: "https://examplebucket.s3.amazonaws.com/k", headers: { Range: "bytes=0-1" }, date: "2013-05-24T00:00:00Z" });
    const auth = r.headers.Authorization;
    const reordered = auth.replace("host;range", "range;host");
    assert.notEqual(reordered, auth);
    const err = thrown(() => verify(r.url, { headers: { ...r.headers, Authorization: reordered }, body: "" }), "reordered list");
    assert.equal(err.field, "headers.Authorization");
    const ua = auth.replace("host;range", "host;range;user-agent");
    const v = verify(r.url, { headers: { ...r.headers, Authorization: ua, "User-Agent": "curl/8" }, body: "" });
    assert.equal(v.reason, "signature-mismatch");
  });

  test("not a signed URL is an error", () => {
    const err = thrown(() => verify("https://examplebucket.s3.amazonaws.com/test.txt"), "verify unsigned");
    assert.ok(CODES.includes(err.code));
  });
});

describe("errors: SigV4Error with code, field and every problem", () => {
  const base = presignedGetInput();

  test("SigV4Error is an Error with a name, a code, a field and a message", () => {
    const err = thrown(() => s.presign({ ...base, expires: 0 }), "expires 0");
    assert.ok(err instanceof SigV4Error);
    assert.ok(err instanceof Error);
    assert.equal(err.name, "SigV4Error");
    assert.equal(err.code, "out-of-range");
    assert.equal(err.field, "expires");
    assert.equal(err.message, err.field + ": " + err.errors[0].message);
    assert.equal(typeof err.stack, "string");
    assert.deepEqual(Object.keys(err.errors[0]).sort(), ["code", "field", "message"]);
  });

  test("SigV4Error can be constructed", () => {
    const e = new SigV4Error([{ field: "", code: "malformed", message: "input must be a plain object" }]);
    assert.equal(e.message, "input must be a plain object");
    assert.equal(e.code, "malformed");
    assert.equal(new SigV4Error([]).code, "internal");
  });

  const cases = [
    { name: "no accessKeyId", input: { ...base, accessKeyId: undefined }, field: "accessKeyId", code: "missing" },
    { name: "no secret", input: { ...base, secretAccessKey: undefined }, field: "secretAccessKey", code: "missing" },
    { name: "no target", input: { ...base, endpoint: undefined, bucket: undefined, key: undefined, addressing: undefined }, field: "url", code: "missing" },
    { name: "expires text that is not a number", input: { ...base, expires: "abc" }, field: "expires", code: "malformed" },
    { name: "expires a fraction", input: { ...base, expires: 1.5 }, field: "expires", code: "malformed" },
    { name: "expires NaN", input: { ...base, expires: NaN }, field: "expires", code: "malformed" },
    { name: "expires Infinity", input: { ...base, expires: Infinity }, field: "expires", code: "malformed" },
    { name: "date as the text NaN", input: { ...base, date: "NaN" }, field: "date", code: "malformed" },
    { name: "date NaN", input: { ...base, date: NaN }, field: "date", code: "malformed" },
    { name: "date an invalid Date", input: { ...base, date: new Date(NaN) }, field: "date", code: "malformed" },
    { name: "date a boolean", input: { ...base, date: true }, field: "date", code: "malformed" },
    { name: "date before 1970", input: { ...base, date: -1 }, field: "date", code: "out-of-range" },
    { name: "expires 0", input: { ...base, expires: 0 }, field: "expires", code: "out-of-range" },
    { name: "expires one second over 7 days", input: { ...base, expires: 604801 }, field: "expires", code: "out-of-range" },
    { name: "expires over maxExpires", input: { ...base, expires: 2592001, maxExpires: 2592000 }, field: "expires", code: "out-of-range" },
    { name: "an unknown field", input: { ...base, foo: 1 }, field: "foo", code: "unsupported" },
    { name: "an unknown addressing", input: { ...base, addressing: "sideways" }, field: "addressing", code: "unsupported" },
    { name: "a url and an endpoint", input: { ...base, url: DOC_URL }, field: "endpoint", code: "unsupported" },
    { name: "a header value that is an object", input: { ...base, headers: { "X-A": {} } }, field: "headers.X-A", code: "malformed" },
  ];
  for (const c of cases) {
    test(`${c.name}: ${c.code} ${c.field}`, () => {
      const err = thrown(() => s.presign(c.input), c.name);
      assert.equal(problem(err, c.field).code, c.code);
    });
  }

  test("sign without service: missing service", () => {
    const err = thrown(() => s.sign({ ...CREDS, region: "us-east-1", url: "https://email.us-east-1.amazonaws.com/" }), "sign");
    assert.equal(problem(err, "service").code, "missing");
  });

  test("several problems at once", () => {
    const err = thrown(() => s.presign({ ...base, expires: 0, date: NaN, foo: 1, bar: 2 }), "several");
    assert.deepEqual(err.errors.map((e) => e.field).sort(), ["bar", "date", "expires", "foo"]);
    const err2 = thrown(() => s.presign({ ...base, bucket: "b", addressing: "sideways" }), "several in the core");
    assert.ok(err2.errors.length >= 2);
  });

  test(
    "problems of types and of values are reported together",
    () => {
      const err = thrown(() => s.presign({ ...base, accessKeyId: undefined, foo: 1 }), "type and value");
      assert.deepEqual(err.errors.map((e) => e.field).sort(), ["accessKeyId", "foo"]);
    },
  );

  test("an input that is not a plain object: malformed, field \"\"", () => {
    const cyclic = { ...base };
    cyclic.self = cyclic;
    const throwing = { ...base, get region() { throw new Error("boom"); } };
    for (const [name, input] of [["null", null], ["undefined", undefined], ["an array", [base]], ["a number", 1], ["a string", "{}"], ["a Date", new Date()], ["a cycle", cyclic], ["a throwing getter", throwing]]) {
      for (const fn of ["presign", "postPolicy", "sign", "verify"]) {
        const err = thrown(() => s[fn](input), `${fn}(${name})`);
        assert.equal(err.code, "malformed", `${fn}(${name})`);
        assert.equal(err.field, "", `${fn}(${name})`);
      }
    }
  });

  test("internal: a module that cannot load", async () => {
    const { freshModule } = await import("./helpers.mjs");
    const { load: loadFresh } = await freshModule();
    await assert.rejects(loadFresh(new Uint8Array([0, 97, 115, 109, 9])), (err) => err.name === "SigV4Error" && err.code === "internal");
  });

  test("never a secret in a message", () => {
    const secret = CREDS.secretAccessKey;
    const inputs = [
      { ...base, region: secret },
      { ...base, bucket: secret },
      { ...base, accessKeyId: secret + "\n" },
      { ...base, signingKey: secret },
      { ...base, secretAccessKey: 42 },
      { ...base, secretAccessKey: secret + "\u0000", expires: 0 },
    ];
    for (const input of inputs) {
      try {
        s.presign(input);
      } catch (err) {
        assert.ok(err instanceof SigV4Error);
        assert.ok(!JSON.stringify(err.errors).includes(secret.slice(0, 20)), JSON.stringify(err.errors));
      }
    }
  });
});
