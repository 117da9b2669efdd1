// Package sigv4 implements AWS Signature Version 4 (AWS4-HMAC-SHA256) for
// S3, SES and every AWS-style API, and for S3-compatible stores (Yandex
// Object Storage and Postbox, MinIO, Cloudflare R2, Google Cloud Storage
// interoperability, DigitalOcean Spaces).
//
// It signs three ways:
//
//   - Sign puts the signature in an Authorization header;
//   - Presign puts it in the query string, giving a URL that works without
//     credentials until it expires;
//   - PostPolicy signs a policy for an HTML upload form that posts a file
//     straight to a bucket.
//
// Verify checks a signed URL or request and reaches the verdict S3 reaches:
// it is bound to the access key ID the request must name, compares the body
// with the x-amz-content-sha256 it states, uses the signed-headers list and
// the X-Amz-* parameters exactly as given (a parameter named in another
// letter case is signed over like any other), and refuses the shapes AWS
// documents as invalid (an upper-case signature, X-Amz-Expires with a
// leading zero, a signing parameter given twice, an unsorted or upper-case
// signed-headers list, an unsigned x-amz-* header). With Context.Debug set, a result
// carries the intermediate values (Debug) that `aws --debug` prints, so a page
// can show how a signature was built; a Verify result always carries them, to
// show where a broken one differs.
//
// # Glossary
//
//	AWS documentation          this package
//	canonical request          Debug.CanonicalRequest
//	string to sign             Debug.StringToSign
//	credential scope           Debug.CredentialScope (date/region/service/aws4_request)
//	signed headers             Debug.SignedHeaders
//	signing key (kSigning)     SigningKey, DeriveSigningKey, DeriveKeySteps
//	UriEncode()                URIEncode
//	POST policy                PostPolicy, ParsePolicy, LintPostPolicy
//
// # Traps this package handles
//
// S3 encodes the path once and never normalizes it ("a//b/../c" is a valid
// key); every other service normalizes the path and encodes it twice. A URL
// is signed as a client sends it (WireURL): "/a b" travels as "/a%20b", so
// a service other than S3 must be signed "/a%2520b", and the URL returned
// is the one signed. An empty region is inferred from a well-known host
// (InferRegion). A space is %20 and '+' is %2B in what is signed and in the
// URLs returned:
// net/url's escapers differ from AWS's UriEncode and must not be used. Header
// values are trimmed and inner runs of spaces collapsed. Authorization,
// User-Agent, Accept-Encoding, Expect, Connection and X-Amzn-Trace-Id are
// never signed, because proxies and clients change them. POST policies are
// padded standard base64 and their expiration is ISO 8601 UTC with
// milliseconds. S3 checks a POST upload's declared Content-Type against the
// policy, never the file's bytes, and has no one-of condition: an upload
// form offers concrete types (ContentTypes), never a prefix as its type.
// All times are UTC, and time is always an input: nothing here
// reads the clock, so every output is reproducible.
//
// # Errors
//
// Bad input never panics. Every operation validates its whole input first and
// returns a *ValidationError listing each problem as a FieldError: the
// input's wire name (accessKeyId, expires, headers.Content-Type,
// conditions[2]), a reason for errors.Is (ErrMissing, ErrMalformed,
// ErrOutOfRange, ErrUnsupported) and a short message. Messages never
// contain the input's value, so a secret cannot leak through an error.
//
// # Size
//
// The package is compiled to WebAssembly, where each import is downloaded by
// every reader of a page: it avoids fmt, reflect, net/url, encoding/json and,
// in the wasm build, crypto/sha256 (see sha256.go). A test enforces this.
//
// Specifications:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html,
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html,
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html.
package sigv4
