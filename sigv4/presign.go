package sigv4

import (
	"strconv"
	"strings"
	"time"
	"unsafe"
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
	mode := in.pathMode()
	method := methodOr(in.Method, "GET")

	// Most presigned URLs sign Host alone; others build the canonical
	// headers. The signed-headers list is needed in the query before the
	// headers are written, so it is built first into its own buffer.
	var h headerBuilder
	var shBuf [128]byte
	signedHeaders := append(shBuf[:0], "host"...)
	if len(in.Headers) > 0 {
		var hScratch [256]byte
		var hPairs [8]pair
		h = headerBuilder{scratch: hScratch[:0], pairs: hPairs[:0]}
		hostGiven := false
		for _, hd := range in.Headers {
			hostGiven = hostGiven || isHost(hd.Name)
			h = h.add(hd.Name, hd.Value)
		}
		if !hostGiven {
			h = h.addCanonical("host", u.host)
		}
		sortPairs(h.scratch, h.pairs, false)
		signedHeaders = h.appendSigned(shBuf[:0])
	}
	var crBuf [1024]byte
	cr := crBuf[:0]

	var dateBuf [16]byte
	amzDate := appendAmzDate(dateBuf[:0], t)
	var scopeBuf [96]byte
	scope := appendScope(scopeBuf[:0], amzDate[:8], in.Region, service)

	token := in.SessionToken
	if in.SessionTokenAfterSigning {
		token = "" // appended to the URL after signing
	}
	cr = append(cr, method...)
	cr = append(cr, '\n')
	pathStart := len(cr)
	cr = appendCanonicalURI(cr, u.path, mode)
	pathEnd := len(cr)
	cr = append(cr, '\n')
	queryStart := len(cr)
	if u.query == "" && len(in.Query) == 0 {
		// Only the X-Amz-* parameters: written in canonical order directly.
		cr = appendAuthParams(cr, in.AccessKeyID, scope, amzDate, exp, token, signedHeaders)
	} else {
		var qScratch [512]byte
		var qPairs [16]pair
		q := queryBuilder{scratch: qScratch[:0], pairs: qPairs[:0]}
		q = q.addRaw(u.query)
		for _, qp := range in.Query {
			q = q.add(qp.Name, qp.Value)
		}
		// addRaw decodes and encodes again, which leaves canonical
		// parameters as they are.
		var authBuf [384]byte
		auth := appendAuthParams(authBuf[:0], in.AccessKeyID, scope, amzDate, exp, token, signedHeaders)
		q = q.addRaw(unsafe.String(unsafe.SliceData(auth), len(auth)))
		cr = q.appendTo(cr)
	}
	queryEnd := len(cr)
	cr = append(cr, '\n')
	if len(in.Headers) > 0 {
		cr = h.appendCanonical(cr)
	} else {
		cr = append(append(append(cr, "host:"...), u.host...), '\n')
	}
	cr = append(cr, '\n')
	cr = append(cr, signedHeaders...)
	cr = append(cr, '\n')
	switch {
	case in.PayloadHash != "":
		cr = append(cr, in.PayloadHash...)
	case isS3Service(service):
		cr = append(cr, UnsignedPayload...)
	default:
		cr = append(cr, EmptySHA256...)
	}

	var res PresignResult
	sig := in.signCanonical(t, amzDate, cr, signedHeaders, scope, &res.Debug)

	path := u.path
	if mode == PathS3 {
		path = unsafe.String(&cr[pathStart], pathEnd-pathStart)
	}
	const tokenParam, sigParam = "&X-Amz-Security-Token=", "&X-Amz-Signature="
	size := len(u.scheme) + len("://") + len(u.host) + len(path) + len("?") + queryEnd - queryStart + len(sigParam) + len(sig)
	tokenAfter := in.SessionToken != "" && in.SessionTokenAfterSigning
	if tokenAfter {
		size += len(tokenParam) + 3*len(in.SessionToken)
	}
	// Built in its own exact-size buffer: the URL is the one allocation.
	out := make([]byte, 0, size)
	out = append(out, u.scheme...)
	out = append(out, "://"...)
	out = append(out, u.host...)
	out = append(out, path...)
	out = append(out, '?')
	out = append(out, cr[queryStart:queryEnd]...)
	if tokenAfter {
		out = append(out, tokenParam...)
		out = appendURIEncode(out, in.SessionToken, false)
	}
	out = append(out, sigParam...)
	out = append(out, sig[:]...)
	res.URL = unsafe.String(unsafe.SliceData(out), len(out))
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

// appendAuthParams appends the X-Amz-* query parameters of a presigned URL
// but the signature, encoded and in canonical order, joined by '&'. token is
// the session token to sign, if any.
func appendAuthParams(dst []byte, accessKeyID string, scope, amzDate []byte, exp time.Duration, token string, signedHeaders []byte) []byte {
	dst = append(dst, "X-Amz-Algorithm="+Algorithm+"&X-Amz-Credential="...)
	dst = appendURIEncode(dst, accessKeyID, false)
	dst = append(dst, "%2F"...)
	dst = appendURIEncode(dst, scope, false)
	dst = append(dst, "&X-Amz-Date="...)
	dst = append(dst, amzDate...)
	dst = append(dst, "&X-Amz-Expires="...)
	dst = strconv.AppendInt(dst, int64(exp/time.Second), 10)
	if token != "" {
		dst = append(dst, "&X-Amz-Security-Token="...)
		dst = appendURIEncode(dst, token, false)
	}
	dst = append(dst, "&X-Amz-SignedHeaders="...)
	return appendURIEncode(dst, signedHeaders, false)
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
