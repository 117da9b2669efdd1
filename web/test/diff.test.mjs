// The explainer's diff reading `aws --debug` output. The fixtures in
// testdata/aws-debug are the stderr of real runs against MinIO:
// `aws --debug --endpoint-url http://127.0.0.1:39123 s3api put-object
// --bucket bkt --key 'dir/a b.txt' --body body.txt` and `s3api
// list-objects-v2 --bucket bkt --prefix dir/`, by AWS CLI 1.45.11 (botocore
// 1.43.11, pyenv) and 2.9.19 (Debian's awscli). The parse is checked against
// botocore's own figures in the same output: the SHA-256 of the canonical
// request it printed in the string to sign, and the signature it sent in
// Authorization.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { lineMatch, lineDiff, parseAwsDebug, diagnoseDebug, closestSignature } from "../src/app/diff.js";

const FIXTURES = ["cli1-put-object", "cli1-list-objects-v2", "cli2-put-object", "cli2-list-objects-v2"];
const fixture = (name) => readFileSync(new URL(`testdata/aws-debug/${name}.txt`, import.meta.url), "utf8");
const sha256 = (s) => createHash("sha256").update(s, "utf8").digest("hex");

// Masked as the Yandex Cloud documentation prints it: the last 8 hex digits
// of each hash and signature as ********, an empty line after each value,
// every line indented.
function yandexDocMasking(text) {
  const masked = text.replace(/\b([0-9a-f]{56})[0-9a-f]{8}\b/g, "$1********").replace(/^(\S.* - (StringToSign|Signature):)$/gm, "\n$1");
  return masked.replace(/^/gm, "  ");
}

for (const name of FIXTURES) {
  test(`parseAwsDebug reads ${name} as botocore computed it`, () => {
    const text = fixture(name);
    const found = parseAwsDebug(text);
    assert.equal(found.length, 1, "one signature in the output");
    const { canonicalRequest, stringToSign, signature } = found[0];
    const sts = stringToSign.split("\n");
    assert.equal(sts.length, 4, "string to sign lines");
    assert.equal(sts[0], "AWS4-HMAC-SHA256");
    assert.equal(sha256(canonicalRequest), sts[3], "the canonical request hashes to botocore's hash in the string to sign");
    const sent = /'Authorization': b'AWS4-HMAC-SHA256 [^']*Signature=([0-9a-f]{64})'/.exec(text);
    assert.ok(sent, "the Authorization header botocore sent");
    assert.equal(signature, sent[1], "the signature equals the one sent");
    assert.match(canonicalRequest, new RegExp(`\nx-amz-date:${sts[1]}\n`), "x-amz-date of the canonical request is the string to sign's time");
  });

  test(`${name} masked as the Yandex docs print it matches its own values`, () => {
    const ours = parseAwsDebug(fixture(name))[0];
    const found = parseAwsDebug(yandexDocMasking(fixture(name)));
    assert.equal(found.length, 1, "one signature in the output");
    assert.match(found[0].signature, /^[0-9a-f]{56}\*{8}$/, "the signature is read masked");
    const hints = diagnoseDebug(found[0], ours);
    assert.deepEqual(hints, [{ key: "hint.match", params: {} }, { key: "hint.masked", params: { n: "4" } }]);
    const ops = lineDiff(ours.canonicalRequest, found[0].canonicalRequest).map((l) => l.op);
    assert.deepEqual(ops.filter((op) => op === "masked").length, 2, "the content hash header and the payload hash are masked");
    assert.ok(ops.every((op) => op === "same" || op === "masked"), "no line differs");
  });
}

test("lineMatch: a run of four or more * stands for one or more hidden characters", () => {
  const cases = [
    ["equal lines are the same", "abc", "abc", "same"],
    ["the last 8 digits masked", "x:e3b0c44298fc", "x:e3b0****", "masked"],
    ["a whole value masked", "x-amz-security-token:FwoGZXIvYXdzE", "x-amz-security-token:**************************", "masked"],
    ["a masked middle", "prefix-hidden-suffix", "prefix-****-suffix", "masked"],
    ["two masks", "a1b2c", "a****b****c", "masked"],
    ["a visible part that differs", "x:e3b0c44298fc", "x:e3b1****", ""],
    ["a mask stands for at least one character", "x:", "x:****", ""],
    ["a single * is text", "if-match:abc", "if-match:*", ""],
    ["three * are text", "x:abc", "x:***", ""],
    ["a different line", "host:a", "host:b", ""],
  ];
  for (const [name, ours, theirs, want] of cases) assert.equal(lineMatch(ours, theirs), want, name);
});

test("a changed header is the first differing line, with its hint", () => {
  const text = fixture("cli1-put-object");
  const ours = parseAwsDebug(text)[0];
  const changed = parseAwsDebug(text.replace("\nhost:127.0.0.1:39123\n", "\nhost:localhost:39123\n"))[0];
  const first = lineDiff(ours.canonicalRequest, changed.canonicalRequest).find((l) => l.op !== "same");
  assert.deepEqual(first, { op: "ours", text: "host:127.0.0.1:39123" });
  assert.deepEqual(
    diagnoseDebug(changed, ours).map((h) => h.key),
    ["hint.host"],
  );
});

test("only the signature differs: another secret key", () => {
  const ours = parseAwsDebug(fixture("cli2-put-object"))[0];
  const theirs = { ...ours, signature: "0".repeat(64) };
  assert.deepEqual(diagnoseDebug(theirs, ours).map((h) => h.key), ["hint.debug.secret"]);
});

test("another signing time names the time to enter", () => {
  const ours = parseAwsDebug(fixture("cli1-list-objects-v2"))[0];
  const theirs = {
    canonicalRequest: ours.canonicalRequest.replace("x-amz-date:20261128T003757Z", "x-amz-date:20261128T003758Z"),
    stringToSign: ours.stringToSign.replace("\n20261128T003757Z\n", "\n20261128T003758Z\n"),
  };
  const hints = diagnoseDebug(theirs, ours);
  assert.deepEqual(hints[0], { key: "hint.debug.time", params: { time: "2026-11-28T00:37:58Z" } });
});

test("nothing signed here yet", () => {
  assert.deepEqual(diagnoseDebug(parseAwsDebug(fixture("cli1-put-object"))[0], null), [{ key: "hint.noOurs", params: {} }]);
});

test("several signatures: the closest to ours is compared", () => {
  const put = parseAwsDebug(fixture("cli2-put-object"))[0];
  const both = parseAwsDebug(fixture("cli2-list-objects-v2") + fixture("cli2-put-object"));
  assert.equal(both.length, 2);
  assert.equal(closestSignature(both, put), 1);
});

test("Windows line ends and a paste of the values alone", () => {
  const ours = parseAwsDebug(fixture("cli1-list-objects-v2"))[0];
  const bare = `CanonicalRequest:\n${ours.canonicalRequest}\nStringToSign:\n${ours.stringToSign}\nSignature:\n${ours.signature}\n`;
  assert.deepEqual(parseAwsDebug(bare.replace(/\n/g, "\r\n")), [ours]);
});

test("text without a CanonicalRequest:, StringToSign: or Signature: line is not aws --debug output", () => {
  assert.deepEqual(parseAwsDebug("<Error><Code>SignatureDoesNotMatch</Code></Error>"), []);
  assert.deepEqual(parseAwsDebug("Calculating signature using v4 auth."), []);
});
