// The sizes the upload enhancer and the page print.
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatBytes, formatPair } from "../src/shared/bytes.js";

test("formatBytes: bytes below 1 KiB, then one decimal", () => {
  assert.equal(formatBytes(512, "en"), "512 bytes");
  assert.equal(formatBytes(1536, "en"), "1.5 KiB");
  assert.equal(formatBytes(10 * 1024 * 1024, "en"), "10 MiB");
});

test("formatPair never prints two different sizes alike", () => {
  assert.deepEqual(formatPair(1025, 1024, "en"), ["1,025 bytes", "1,024 bytes"]);
  assert.deepEqual(formatPair(10485761, 10485760, "en", "bytes"), ["10,485,761 bytes", "10,485,760 bytes"]);
  assert.deepEqual(formatPair(2048, 1024, "en"), ["2 KiB", "1 KiB"], "distinct when rounded: kept short");
  assert.deepEqual(formatPair(100, 1024, "en"), ["100 bytes", "1 KiB"]);
  assert.deepEqual(formatPair(1025, 1024, "ru", "байт"), ["1\u00a0025 байт", "1\u00a0024 байт"]);
});
