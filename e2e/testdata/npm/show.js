// show.js: what the sample apps do with the signer, the AWS documentation's
// presigned GET (S3 API Reference, sigv4-query-string-auth).

export const documentedGet = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  endpoint: "https://s3.amazonaws.com",
  bucket: "examplebucket",
  key: "test.txt",
  region: "us-east-1",
  date: "2013-05-24T00:00:00Z",
  expires: 86400,
};

// show writes the URL the signer makes into #url, or why there is none.
export function show(signer) {
  const out = document.getElementById("url");
  signer.then(
    (s) => (out.textContent = s.presign(documentedGet).url),
    (err) => (out.textContent = "failed: " + err.message),
  );
}
