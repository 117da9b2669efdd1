package sigv4

import "time"

// Credentials identify the signer. Exactly one of SecretAccessKey and
// SigningKey is given: with SigningKey the caller holds only the day-scoped
// key, which must have been derived for the same date, region and service as
// the request (a key for another scope yields signatures the server refuses).
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SigningKey      *SigningKey
	// SessionToken is set for temporary credentials (STS); it is sent as
	// X-Amz-Security-Token.
	SessionToken string
}

// Context is what every operation needs besides the request itself.
type Context struct {
	Credentials
	// Region of the credential scope, such as "us-east-1", "ru-central1", or
	// "auto" for Cloudflare R2. Empty means the region InferRegion finds
	// for the URL's host; for other hosts it is then an error.
	Region string
	// Service of the credential scope: "s3", "ses", "iam", ... Empty means
	// "s3" for Presign and PostPolicy; Sign requires it.
	Service string
	// Time is the signing time. sigv4 never reads the clock: callers pass it,
	// so every output is reproducible.
	Time time.Time
	// CredentialsExpireAt is when temporary credentials (a SessionToken from
	// STS) expire: the Expiration that STS returns with them. Zero means not
	// given. A presigned URL or POST form signed with them stops working
	// then, whatever its own expiry says, so Presign and PostPolicy report
	// the earlier of the two as ValidUntil. It must be after Time: signing
	// with credentials that have already expired is refused, as the result
	// would never work.
	CredentialsExpireAt time.Time
	// Path chooses how the canonical URI is built. The zero value picks by
	// service.
	Path PathMode
	// Debug fills the result's Debug with every intermediate value, as
	// `aws --debug` prints them. It is off by default, like that flag: the
	// values take about 700 bytes per signature, and allocating them costs
	// more than a third of a presign (bench/: 1.9 µs with, 1.55 µs without).
	Debug bool
	// ShowSigningKey adds the signing key (hex) to Debug, and implies Debug.
	// It is off by default because the key signs anything in its scope for a
	// whole day.
	ShowSigningKey bool
}

// PathMode selects the canonical URI rules. An explicit mode (any but
// PathAuto) signs the path's bytes as given, without PathAuto's wire form:
// "/a b" is then signed as "/a%20b", which is right only for a client that
// sends the space raw in its request line, as the AWS signing test suite's
// requests do.
type PathMode uint8

const (
	// PathAuto reads the path as a client sends it (bytes a URL cannot carry
	// raw, such as a space or non-ASCII, percent-encoded), then follows
	// PathS3 for S3 services and PathNormalized for the others. The URL a
	// result returns is in that form.
	PathAuto PathMode = iota
	// PathS3: the path is read as a browser reads it (escapes decoded once),
	// encoded once and never normalized: S3 keys may contain "//" and "../".
	PathS3
	// PathNormalized: "." and ".." segments are removed and slashes merged,
	// then the path is URI-encoded again (so "%20" is signed as "%2520"), as
	// every AWS service but S3 expects.
	PathNormalized
	// PathUnnormalized: encoded again like PathNormalized, but kept as given.
	PathUnnormalized
)

func (c *Context) service() string {
	if c.Service == "" {
		return "s3"
	}
	return c.Service
}

func (c *Context) pathMode() PathMode {
	if c.Path != PathAuto {
		return c.Path
	}
	if isS3Service(c.service()) {
		return PathS3
	}
	return PathNormalized
}

// isS3Service reports whether service follows S3's signing rules: a path
// encoded once and an x-amz-content-sha256 header.
func isS3Service(service string) bool {
	switch service {
	case "s3", "s3-object-lambda", "s3express", "s3-outposts":
		return true
	}
	return false
}

// Debug holds the intermediate values of a signature, in the order and under
// the names `aws --debug` prints them. Presign and Sign fill it only when
// Context.Debug (or ShowSigningKey) is set.
type Debug struct {
	CanonicalRequest string
	StringToSign     string
	CredentialScope  string
	SignedHeaders    string
	Signature        string
	// SigningKey is set only when Context.ShowSigningKey is.
	SigningKey string
}

// Header is one HTTP header. Requests keep headers as a list because order
// matters for repeated names, whose values are signed comma-joined in order.
type Header struct {
	Name, Value string
}

// QueryParam is one query parameter, unencoded.
type QueryParam struct {
	Name, Value string
}
