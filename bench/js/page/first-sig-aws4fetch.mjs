// first-sig-aws4fetch.mjs: the same first presigned URL as first-sig.mjs with
// aws4fetch, bundled into one file (the signature uses WebCrypto).

import { AwsV4Signer } from "aws4fetch";
import { resourceTimings } from "./timings.mjs";

const marks = { moduleStart: performance.now() };
window.__done = (async () => {
  const signed = await new AwsV4Signer({
    url: "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Expires=86400",
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    region: "us-east-1",
    service: "s3",
    datetime: "20130524T000000Z",
    signQuery: true,
  }).sign();
  marks.loaded = marks.moduleStart;
  marks.signed = performance.now();
  return { marks, url: signed.url.toString(), timeOrigin: performance.timeOrigin, resources: resourceTimings() };
})();
