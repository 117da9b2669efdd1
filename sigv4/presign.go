package sigv4

import (
	"strconv"
	"strings"
	"time"
)

// PresignInput describes a presigned URL: a request whose signature travels
// in the query string, so whoever holds the URL can make that one request
// until it expires, without credentials.
type PresignInput struct {
	Context
	// Method defaults to GET.
	Method string
	// URL is the absolute URL to sign; it must not carry any X-Amz-* signing
	// parameter (in any letter case). It is signed in its wire form: bytes a
	// URL cannot carry raw (space, non-ASCII, quotes, braces...) are
	// percent-encoded first, as a browser sends them. For S3 the path is then
	// read as S3 reads it (escapes decoded once, '+' a literal plus) and
	// re-encoded the way S3 signs it; other services sign the path as it
	// travels, encoded once more ("/a b" is sent as "/a%20b" and signed as
	// "/a%2520b").
	URL string
	// Object, instead of URL, names an object by endpoint, bucket and key:
	// the URL signed is ObjectURL(Object).
	Object ObjectInput
	// Expires is how long the URL works: whole seconds from 1 s to
	// MaxExpires. Zero means one hour.
	Expires time.Duration
	// MaxExpires raises the upper bound for providers that allow more than
	// AWS's 7 days (Yandex Object Storage: 30 days). Zero means 7 days; at
	// most ExpiresCeiling. The expiry must also fall before the year 10000.
	MaxExpires time.Duration
	// Query holds extra query parameters to sign, such as
	// response-content-disposition or versionId.
	Query []QueryParam
	// Headers holds extra headers to sign; whoever uses the URL must send
	// them with exactly these values (Content-Type for a presigned PUT,
	// x-amz-acl, x-amz-meta-*). They stay headers: S3 ignores checksum,
	// encryption and tagging headers hoisted into the query.
	Headers []Header
	// PayloadHash defaults to UNSIGNED-PAYLOAD for S3 and to the hash of an
	// empty body for other services.
	PayloadHash string
	// SessionTokenAfterSigning appends X-Amz-Security-Token after signing
	// instead of signing it, for the services that require that.
	SessionTokenAfterSigning bool
}

// PresignResult is a presigned URL and what its holder must know to use it.
type PresignResult struct {
	URL    string
	Method string
	// Headers are the signed headers the request must carry (Host excluded:
	// every client sends it from the URL).
	Headers []Header
	// SignedAt is the signing time (X-Amz-Date) and ExpiresAt that plus
	// X-Amz-Expires.
	SignedAt  time.Time
	ExpiresAt time.Time
	// ValidUntil is when the URL really stops working: ExpiresAt, or
	// CredentialsExpireAt when the credentials expire first; Warnings then
	// holds WarnCredentialsExpireFirst.
	ValidUntil time.Time
	Warnings   []Warning
	Debug      Debug
}

// Presign signs in.URL (or in.Object's URL) for in.Method with query
// parameters. An empty Region is inferred from the URL's host (InferRegion)
// and is an error for other hosts. The result's URL is the one signed, in
// its wire form: X-Amz-Signature comes last, and every space is %20, never
// '+'. It returns a *ValidationError listing every problem of the input.
func Presign(in PresignInput) (PresignResult, error) {
	var p problems
	u, urlOK := in.Context.checkRequest(&p, in.Method, in.URL, in.Object)
	maxExp := checkMaxExpires(&p, in.MaxExpires)
	exp := in.Expires
	if exp == 0 {
		exp = time.Hour
	}
	switch {
	case exp%time.Second != 0:
		p.add(FieldExpires, ErrMalformed, "must be a whole number of seconds")
	case exp < time.Second || exp > maxExp:
		p.add(FieldExpires, ErrOutOfRange, "must be between 1 second and "+strconv.FormatInt(int64(maxExp/time.Second), 10)+" seconds")
	case !in.Time.IsZero() && in.Time.Add(exp).Unix() >= endOfYear9999:
		// X-Amz-Date has four digits for the year: the URL would claim
		// to last until a time that cannot be written.
		p.add(FieldExpires, ErrOutOfRange, "ends after the year 9999 (the signing date plus expires)")
	}
	if len(in.Query) > maxQueryParams {
		p.add(FieldQuery, ErrOutOfRange, "has more than 1000 parameters")
	}
	for _, q := range in.Query {
		if isAuthParam(q.Name) {
			p.add(FieldQuery+"."+q.Name, ErrUnsupported, "is set by the signer")
		}
	}
	if urlOK {
		if name := authParamIn(u.query); name != "" {
			// A second X-Amz-Date or X-Amz-Expires makes S3 refuse the URL
			// (or read the wrong one): the signer writes them all.
			p.add(FieldURL, ErrUnsupported, "already carries "+name+", which the signer sets")
		}
	}
	checkHeaders(&p, FieldHeaders, in.Headers)
	checkPayloadHash(&p, in.PayloadHash)
	if err := p.err(); err != nil {
		return PresignResult{}, err
	}
	return presign(&in, u, exp), nil
}

// checkMaxExpires validates a MaxExpires input (Presign, Verify) and returns
// the limit it sets: zero means DefaultMaxExpires.
func checkMaxExpires(p *problems, maxExp time.Duration) time.Duration {
	if maxExp == 0 {
		return DefaultMaxExpires
	}
	switch {
	case maxExp < time.Second || maxExp%time.Second != 0:
		p.add(FieldMaxExpires, ErrOutOfRange, "must be a whole number of seconds, at least 1")
	case maxExp > ExpiresCeiling:
		p.add(FieldMaxExpires, ErrOutOfRange, "must be at most "+strconv.FormatInt(int64(ExpiresCeiling/time.Second), 10)+" seconds (365 days)")
		return ExpiresCeiling
	}
	return maxExp
}

func presign(in *PresignInput, u target, exp time.Duration) PresignResult {
	t := in.Time.UTC()
	service := in.service()
	method := methodOr(in.Method, "GET")

	var dateBuf [16]byte
	amzDate := appendAmzDate(dateBuf[:0], t)
	var scopeBuf [96]byte
	scope := appendScope(scopeBuf[:0], amzDate[:8], in.Region, service)

	var hScratch [256]byte
	var hPairs [8]pair
	h := headerBuilder{scratch: hScratch[:0], pairs: hPairs[:0]}
	for _, hd := range in.Headers {
		h = h.add(hd.Name, hd.Value)
	}
	h = h.addHost(u.host)
	var headersBuf [512]byte
	headers := h.appendCanonical(headersBuf[:0])
	var shBuf [128]byte
	signedHeaders := h.appendSigned(shBuf[:0])

	// The signature's own parameters are sorted in with the URL's and the
	// caller's: the signed headers must be known before the query is.
	var qScratch [512]byte
	var qPairs [16]pair
	q := queryBuilder{scratch: qScratch[:0], pairs: qPairs[:0]}
	q = q.addRaw(u.query)
	for _, qp := range in.Query {
		q = q.add(qp.Name, qp.Value)
	}
	q = q.add("X-Amz-Algorithm", Algorithm)
	var credBuf [256 + 96]byte
	credential := append(append(append(credBuf[:0], in.AccessKeyID...), '/'), scope...)
	q = q.add("X-Amz-Credential", string(credential))
	q = q.add("X-Amz-Date", string(amzDate))
	var expBuf [8]byte
	q = q.add("X-Amz-Expires", string(strconv.AppendInt(expBuf[:0], int64(exp/time.Second), 10)))
	if in.SessionToken != "" && !in.SessionTokenAfterSigning {
		q = q.add("X-Amz-Security-Token", in.SessionToken)
	}
	q = q.add("X-Amz-SignedHeaders", string(signedHeaders))
	var queryBuf [512]byte
	query := q.appendTo(queryBuf[:0])

	var uriBuf [256]byte
	uri := appendCanonicalURI(uriBuf[:0], u.path, in.pathMode())
	payload := in.PayloadHash
	if payload == "" && isS3Service(service) {
		payload = UnsignedPayload
	} else if payload == "" {
		payload = EmptySHA256
	}
	var crBuf [1024]byte
	cr := appendCanonicalRequest(crBuf[:0], method, uri, query, headers, signedHeaders, payload)

	var res PresignResult
	sig := in.signCanonical(t, amzDate, cr, signedHeaders, scope, &res.Debug)

	var urlBuf [1024]byte
	url := append(urlBuf[:0], u.scheme...)
	url = append(url, "://"...)
	url = append(url, u.host...)
	// S3 reads the path decoded once: the URL carries it encoded as signed.
	if in.pathMode() == PathS3 {
		url = append(url, uri...)
	} else {
		url = append(url, u.path...)
	}
	url = append(url, '?')
	url = append(url, query...)
	if in.SessionToken != "" && in.SessionTokenAfterSigning {
		url = append(url, "&X-Amz-Security-Token="...)
		url = appendURIEncode(url, in.SessionToken, false)
	}
	url = append(url, "&X-Amz-Signature="...)
	url = append(url, sig[:]...)
	res.URL = string(url)
	res.Method = method
	res.SignedAt = t
	res.ExpiresAt = t.Add(exp)
	res.ValidUntil, res.Warnings = lifetime(res.ExpiresAt, in.CredentialsExpireAt)
	for _, hd := range in.Headers {
		if !isHost(hd.Name) {
			res.Headers = append(res.Headers, hd)
		}
	}
	return res
}

// ExpiresCeiling bounds PresignInput.MaxExpires: 365 days, five times the
// longest validity a provider documents (Yandex Object Storage: 30 days).
const ExpiresCeiling = 365 * 24 * time.Hour

// authParams are the query parameters a presigned URL's signature is made of.
var authParams = [...]string{"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token"}

func isAuthParam(name string) bool {
	for _, a := range authParams {
		if strings.EqualFold(name, a) {
			return true
		}
	}
	return false
}

// authParamIn returns the first parameter of rawQuery that is one of
// authParams in any letter case (S3 matches them so), by its canonical
// name, or "".
func authParamIn(rawQuery string) string {
	for rawQuery != "" {
		var seg string
		seg, rawQuery, _ = strings.Cut(rawQuery, "&")
		name, _, _ := strings.Cut(seg, "=")
		name = percentDecode(name, true)
		for _, a := range authParams {
			if strings.EqualFold(name, a) {
				return a
			}
		}
	}
	return ""
}

func hasAuthParam(rawQuery string) bool {
	if rawQuery == "" {
		return false
	}
	lower := strings.ToLower(rawQuery)
	return strings.Contains(lower, "x-amz-signature=") || strings.Contains(lower, "x-amz-credential=")
}
