package sigv4

import (
	"strconv"
	"strings"
	"time"
)

// VerifyInput is a signed request to check, as it reaches the server: a
// presigned URL (Request.URL with the X-Amz-* query parameters) or a
// header-signed request (an Authorization header among Request.Headers).
//
// Credentials.AccessKeyID is required: it is the key the request must be
// signed with. SigV4 does not sign the access key ID (a server finds the
// secret by it), so a request naming any other key is refused with
// ReasonWrongAccessKey before its signature is computed.
//
// Request.Body nil means the body is not given; a non-nil empty slice is an
// empty body. A body is needed when the signature covers its SHA-256: a
// header-signed request whose x-amz-content-sha256 is a hash, a presigned URL
// with X-Amz-Content-Sha256, or a request to another service than S3 without
// that header. Without the body such a request is never valid: Verify reports
// ReasonPayloadNotChecked when the request states the hash (the signature is
// still checked), and a missing body error when the signature covers a hash
// only the body gives. UNSIGNED-PAYLOAD (S3) needs no body.
type VerifyInput struct {
	Credentials
	Request
	// Now is the time to check expiry against; required.
	Now time.Time
	// Path chooses the canonical URI rules; the zero value picks by the
	// service named in the signature's scope.
	Path PathMode
	// MaxExpires is the longest X-Amz-Expires a presigned URL may carry:
	// whole seconds, zero meaning AWS's 7 days. Providers that allow more
	// (Yandex Object Storage: 30 days) need it raised, as for Presign.
	MaxExpires time.Duration
	// ShowSigningKey adds the signing key to Debug.
	ShowSigningKey bool
}

// Reasons a signature is not valid, as VerifyResult.Reason.
const (
	ReasonValid             = "valid"
	ReasonSignatureMismatch = "signature-mismatch"
	ReasonExpired           = "expired"
	ReasonNotYetValid       = "not-yet-valid"
	ReasonWrongAccessKey    = "wrong-access-key"
	ReasonMissingHeader     = "missing-signed-header"
	// ReasonUnsignedHeader: an S3 request carries an x-amz-* header that
	// is not in its signed headers (VerifyResult.Header names it). S3
	// answers AccessDenied: every x-amz-* header must be signed.
	ReasonUnsignedHeader = "unsigned-header"
	// ReasonPayloadMismatch: the body's SHA-256 differs from the hash the
	// request states and its signature covers (x-amz-content-sha256). S3
	// answers XAmzContentSHA256Mismatch.
	ReasonPayloadMismatch = "payload-mismatch"
	// ReasonPayloadNotChecked: everything else holds, but the signature
	// covers a body hash and the body was not given.
	ReasonPayloadNotChecked = "payload-not-checked"
)

// headerSkew is how far a header-signed request's X-Amz-Date may be from
// the server's clock before AWS answers RequestTimeTooSkewed.
const headerSkew = 15 * time.Minute

// VerifyResult is the outcome of Verify. Debug holds the canonical request
// and string to sign the signature should have been computed over, so a
// broken signature can be compared line by line; it is empty when Verify
// stopped before computing (ReasonWrongAccessKey, ReasonMissingHeader).
type VerifyResult struct {
	Valid       bool
	Reason      string
	Expired     bool
	NotYetValid bool
	Presigned   bool
	AccessKeyID string
	Region      string
	Service     string
	SignedAt    time.Time
	ExpiresAt   time.Time
	// Provided is the signature the request carries.
	Provided string
	// Header names the header of ReasonMissingHeader or ReasonUnsignedHeader.
	Header string
	Debug  Debug
}

// claim is what a signed request says about its own signature.
type claim struct {
	cred          parsedCredential
	signedAt      time.Time
	expiresAt     time.Time
	signedHeaders string // as the request gives it, checked canonical
	signature     string
	query         string // the raw query the canonical query is made of
	payload       string // the stated payload hash; "" when not stated
	payloadField  string // where payload came from, for errors
}

// Verify recomputes the signature of a signed request with the secret (or
// signing key) and compares it in constant time. It reaches the verdict AWS
// S3 reaches: the request must name in.AccessKeyID, be well formed the way
// AWS documents it (see the package documentation), list every signed
// header exactly as signed, carry a body of the hash it states, and be
// within its validity at in.Now. It returns a *ValidationError when the
// input is incomplete or the request is not a well-formed SigV4-signed
// request at all (AWS answers 400 or AuthorizationQueryParametersError).
func Verify(in VerifyInput) (VerifyResult, error) {
	var p problems
	if in.AccessKeyID == "" {
		p.add(FieldAccessKeyID, ErrMissing, "is required: the access key ID the request must be signed with")
	}
	if in.SecretAccessKey == "" && in.SigningKey == nil {
		p.add(FieldSecretAccessKey, ErrMissing, "is required (or a signing key)")
	}
	checkTime(&p, FieldNow, in.Now)
	checkHeaders(&p, FieldHeaders, in.Headers)
	if in.Method != "" {
		checkMethod(&p, in.Method)
	}
	if len(in.Body) > maxBody {
		p.add(FieldBody, ErrOutOfRange, "is larger than 256 MiB")
	}
	maxExp := checkMaxExpires(&p, in.MaxExpires)
	u, err := parseURL(in.URL)
	if err != nil {
		p.addErr(FieldURL, err)
	}
	if err := p.err(); err != nil {
		return VerifyResult{}, err
	}
	u.path = wirePath(u.path, in.Path)
	var c claim
	res := VerifyResult{}
	if auth, ok := headerValue(in.Headers, "authorization"); ok {
		if hasQuerySignature(u.query) {
			p.add(FieldURL, ErrUnsupported, "carries a query signature beside the Authorization header: AWS accepts only one")
		}
		c = parseHeaderClaim(&p, in.Headers, u.query, auth)
	} else {
		res.Presigned = true
		c = parseQueryClaim(&p, in.Headers, u.query, maxExp)
	}
	if err := p.err(); err != nil {
		return VerifyResult{}, err
	}
	res.AccessKeyID, res.Region, res.Service = c.cred.accessKeyID, c.cred.region, c.cred.service
	res.SignedAt, res.ExpiresAt = c.signedAt, c.expiresAt
	res.Provided = c.signature
	return verifyClaim(&in, u, &c, res)
}

// verifyClaim checks a parsed claim against the request and the secret.
func verifyClaim(in *VerifyInput, u target, c *claim, res VerifyResult) (VerifyResult, error) {
	if c.cred.accessKeyID != in.AccessKeyID {
		res.Reason = ReasonWrongAccessKey
		return res, nil
	}
	s3 := isS3Service(c.cred.service)
	names := strings.Split(c.signedHeaders, ";")
	h := headerBuilder{}
	for _, name := range names {
		found := false
		for _, hd := range in.Headers {
			if strings.EqualFold(hd.Name, name) {
				h = h.addValue(name, hd.Value)
				found = true
			}
		}
		if !found && name == "host" {
			h = h.addCanonical("host", u.host)
			found = true
		}
		if !found {
			res.Reason, res.Header = ReasonMissingHeader, name
			return res, nil
		}
	}
	unsigned := ""
	if s3 {
		unsigned = unsignedAmzHeader(in.Headers, names)
	}

	// The payload line: the hash the request states, else UNSIGNED-PAYLOAD
	// for a presigned S3 URL, else the body's hash.
	var p problems
	payload, hashed := c.payload, false
	switch {
	case payload != "":
		checkStatedPayload(&p, c.payloadField, payload, s3)
		hashed = payload != UnsignedPayload
	case res.Presigned && s3:
		payload = UnsignedPayload
	case !res.Presigned && s3:
		p.add(FieldHeaders+".X-Amz-Content-Sha256", ErrMissing, "is required by S3 in a header-signed request")
	case in.Body == nil:
		p.add(FieldBody, ErrMissing, "is required: the signature covers the body's SHA-256, which the request does not state")
	default:
		sum := sum256(in.Body)
		payload = string(appendHex(nil, sum[:]))
	}
	if err := p.err(); err != nil {
		return VerifyResult{}, err
	}

	ctx := Context{
		Credentials: Credentials{AccessKeyID: c.cred.accessKeyID, SecretAccessKey: in.SecretAccessKey, SigningKey: in.SigningKey},
		Region:      c.cred.region, Service: c.cred.service, Time: c.signedAt, Path: in.Path, Debug: true, ShowSigningKey: in.ShowSigningKey,
	}
	// The method as sent: HTTP methods are case-sensitive ("put" is not PUT).
	method := in.Method
	if method == "" {
		method = "GET"
	}
	cr := appendCanonicalRequest(nil, method, appendCanonicalURI(nil, u.path, ctx.pathMode()),
		queryBuilder{}.addRaw(c.query).appendTo(nil), h.appendCanonical(nil), []byte(c.signedHeaders), payload)
	scope := appendCredentialScope(nil, c.signedAt, c.cred.region, c.cred.service)
	ctx.signCanonical(c.signedAt, appendAmzDate(nil, c.signedAt), cr, []byte(c.signedHeaders), scope, &res.Debug)

	match := constantTimeEqual([]byte(res.Debug.Signature), []byte(c.signature))
	res.Expired = in.Now.After(c.expiresAt)
	if res.Presigned {
		res.NotYetValid = in.Now.Before(c.signedAt)
	} else {
		// A header signature is also refused when dated too far ahead.
		res.NotYetValid = in.Now.Before(c.signedAt.Add(-headerSkew))
	}
	bodyMismatch := false
	if hashed && in.Body != nil {
		sum := sum256(in.Body)
		bodyMismatch = string(appendHex(nil, sum[:])) != payload
	}
	switch {
	case !match:
		res.Reason = ReasonSignatureMismatch
	case unsigned != "":
		res.Reason, res.Header = ReasonUnsignedHeader, unsigned
	case res.Expired:
		res.Reason = ReasonExpired
	case res.NotYetValid:
		res.Reason = ReasonNotYetValid
	case bodyMismatch:
		res.Reason = ReasonPayloadMismatch
	case hashed && in.Body == nil:
		res.Reason = ReasonPayloadNotChecked
	default:
		res.Reason, res.Valid = ReasonValid, true
	}
	return res, nil
}

// parseHeaderClaim reads the Authorization header the way AWS documents it:
// "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…", one space
// after the algorithm, the three components in this order, separated by a
// comma and at most one space.
func parseHeaderClaim(p *problems, hs []Header, rawQuery, auth string) claim {
	var c claim
	field := FieldHeaders + ".Authorization"
	auth = strings.Trim(auth, " \t")
	rest, ok := strings.CutPrefix(auth, Algorithm+" ")
	if !ok {
		if alg, _, _ := strings.Cut(auth, " "); alg != Algorithm {
			p.add(field, ErrUnsupported, "uses an algorithm other than AWS4-HMAC-SHA256")
		} else {
			p.add(field, ErrMalformed, "is not AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…")
		}
		return c
	}
	parts := strings.Split(rest, ",")
	keys := [3]string{"Credential=", "SignedHeaders=", "Signature="}
	var values [3]string
	if len(parts) != 3 {
		p.add(field, ErrMalformed, "must have exactly Credential, SignedHeaders and Signature, separated by commas")
		return c
	}
	for i, part := range parts {
		if i > 0 {
			part = strings.TrimPrefix(part, " ")
		}
		v, ok := strings.CutPrefix(part, keys[i])
		if !ok || v == "" || strings.ContainsAny(v, " \t") {
			p.add(field, ErrMalformed, "must be AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=… in this order")
			return c
		}
		values[i] = v
	}
	c.cred = parseCredential(field, values[0], p)
	c.signedHeaders = values[1]
	checkSignedHeaders(p, field, c.signedHeaders)
	c.signature = values[2]
	checkSignature(p, field, c.signature)

	// X-Amz-Date, or a Date header in the same form (AWS reads either).
	dateField := FieldHeaders + ".X-Amz-Date"
	date, ok := headerValue(hs, "x-amz-date")
	if !ok {
		if date, ok = headerValue(hs, "date"); ok {
			dateField = FieldHeaders + ".Date"
		}
	}
	if !ok {
		p.add(dateField, ErrMissing, "is required to verify a header signature")
		return c
	}
	t, err := ParseAmzDate(strings.Trim(date, " \t"))
	if err != nil {
		p.add(dateField, ErrMalformed, "is not 20060102T150405Z")
		return c
	}
	c.signedAt, c.expiresAt = t, t.Add(headerSkew)
	checkScopeDate(p, field, c.cred, t)
	c.query = rawQuery
	if v, ok := headerValue(hs, "x-amz-content-sha256"); ok {
		c.payload, c.payloadField = strings.Trim(v, " \t"), FieldHeaders+".X-Amz-Content-Sha256"
	}
	return c
}

// presignParams are the query parameters a presigned URL's signature is
// made of, spelled exactly: S3 reads parameter names case-sensitively, so
// x-amz-date is an ordinary parameter, signed like any other.
var presignParams = [...]string{"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token", "X-Amz-Content-Sha256"}

func isPresignParam(name string) bool {
	for _, a := range presignParams {
		if name == a {
			return true
		}
	}
	return false
}

// parseQueryClaim reads the X-Amz-* parameters of a presigned URL. Each may
// appear once; every parameter but X-Amz-Signature is signed.
func parseQueryClaim(p *problems, hs []Header, rawQuery string, maxExp time.Duration) claim {
	var c claim
	params := map[string]string{}
	var signed []string
	for _, seg := range strings.Split(rawQuery, "&") {
		if seg == "" {
			continue
		}
		name, value, _ := strings.Cut(seg, "=")
		if dn := percentDecode(name, true); isPresignParam(dn) {
			if _, dup := params[dn]; dup {
				p.add(FieldURL, ErrMalformed, "repeats "+dn)
			}
			params[dn] = percentDecode(value, true)
			if dn == "X-Amz-Signature" {
				continue
			}
		}
		signed = append(signed, seg)
	}
	for _, name := range presignParams[:6] {
		if _, ok := params[name]; !ok {
			p.add(FieldURL, ErrMissing, "has no "+name+" parameter: it is not a presigned URL")
		}
	}
	if len(p.list) > 0 {
		return c
	}
	if params["X-Amz-Algorithm"] != Algorithm {
		p.add(FieldURL, ErrUnsupported, "uses an algorithm other than AWS4-HMAC-SHA256")
	}
	c.cred = parseCredential(FieldURL, params["X-Amz-Credential"], p)
	signedAt, err := ParseAmzDate(params["X-Amz-Date"])
	if err != nil {
		p.add(FieldURL, ErrMalformed, "has an X-Amz-Date that is not 20060102T150405Z")
	} else {
		checkScopeDate(p, FieldURL, c.cred, signedAt)
	}
	expires, ok := parseExpires(params["X-Amz-Expires"])
	switch {
	case !ok:
		p.add(FieldURL, ErrMalformed, "has an X-Amz-Expires that is not a number of seconds written in digits without a leading zero")
	case expires < 1 || time.Duration(expires)*time.Second > maxExp:
		p.add(FieldURL, ErrOutOfRange, "has an X-Amz-Expires outside 1 to "+strconv.Itoa(int(maxExp/time.Second))+" seconds (raise maxExpires for providers that allow more)")
	}
	c.signedHeaders = params["X-Amz-SignedHeaders"]
	checkSignedHeaders(p, FieldURL, c.signedHeaders)
	c.signature = params["X-Amz-Signature"]
	checkSignature(p, FieldURL, c.signature)
	c.signedAt = signedAt
	c.expiresAt = signedAt.Add(time.Duration(expires) * time.Second)
	c.query = strings.Join(signed, "&")
	if v, ok := params["X-Amz-Content-Sha256"]; ok {
		c.payload, c.payloadField = v, FieldURL
	} else if v, ok := headerValue(hs, "x-amz-content-sha256"); ok {
		c.payload, c.payloadField = strings.Trim(v, " \t"), FieldHeaders+".X-Amz-Content-Sha256"
	}
	return c
}

// hasQuerySignature reports whether a raw query carries X-Amz-Credential or
// X-Amz-Signature, which make a request presigned.
func hasQuerySignature(rawQuery string) bool {
	for _, seg := range strings.Split(rawQuery, "&") {
		name, _, _ := strings.Cut(seg, "=")
		if n := percentDecode(name, true); n == "X-Amz-Credential" || n == "X-Amz-Signature" {
			return true
		}
	}
	return false
}

// parseExpires reads X-Amz-Expires as AWS writes it: decimal digits without
// a sign or a leading zero (S3 and MinIO refuse 03600).
func parseExpires(s string) (int64, bool) {
	if s == "" || len(s) > 10 || s[0] == '0' && len(s) > 1 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}

// parsedCredential is AKID/date/region/service/aws4_request.
type parsedCredential struct {
	accessKeyID, date, region, service string
}

func parseCredential(field, s string, p *problems) parsedCredential {
	parts := strings.Split(s, "/")
	if len(parts) != 5 || parts[4] != scopeTerminator || parts[0] == "" || parts[2] == "" || parts[3] == "" || len(parts[1]) != 8 {
		p.add(field, ErrMalformed, "has a credential that is not AKID/date/region/service/aws4_request")
		return parsedCredential{}
	}
	return parsedCredential{parts[0], parts[1], parts[2], parts[3]}
}

// checkScopeDate: the credential's date must be the day of the signing
// time (AWS: "Date in Credential scope does not match YYYYMMDD from
// ISO-8601 version of date from HTTP").
func checkScopeDate(p *problems, field string, cred parsedCredential, t time.Time) {
	if cred.date != "" && string(appendScopeDate(nil, t)) != cred.date {
		p.add(field, ErrMalformed, "has a credential date that is not the day of the signing time")
	}
}

// checkSignedHeaders: the list is compared as given, so it must be the
// canonical one: lowercase names, sorted, none twice, host among them.
func checkSignedHeaders(p *problems, field, list string) {
	names := strings.Split(list, ";")
	host := false
	for i, n := range names {
		if !isToken(n) || strings.ToLower(n) != n {
			p.add(field, ErrMalformed, "has a signed headers list that is not lowercase header names separated by ';'")
			return
		}
		if i > 0 && names[i-1] >= n {
			p.add(field, ErrMalformed, "has a signed headers list that is not sorted, or names a header twice")
			return
		}
		host = host || n == "host"
	}
	if !host {
		p.add(field, ErrMalformed, "has a signed headers list without host, which must be signed")
	}
}

// checkSignature: 64 lowercase hex digits, as AWS writes and compares it.
func checkSignature(p *problems, field, sig string) {
	if len(sig) != 64 {
		p.add(field, ErrMalformed, "has a signature that is not 64 lowercase hex digits")
		return
	}
	for i := 0; i < len(sig); i++ {
		if c := sig[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			p.add(field, ErrMalformed, "has a signature that is not 64 lowercase hex digits")
			return
		}
	}
}

// checkStatedPayload checks a stated payload hash: 64 lowercase hex digits,
// or UNSIGNED-PAYLOAD for S3. Streaming (aws-chunked) uploads are not
// verified: each chunk carries its own signature, chained to this one.
func checkStatedPayload(p *problems, field, v string, s3 bool) {
	switch {
	case v == UnsignedPayload && s3:
	case v == UnsignedPayload:
		p.add(field, ErrUnsupported, "is UNSIGNED-PAYLOAD, which only S3 accepts")
	case strings.HasPrefix(v, "STREAMING-"):
		p.add(field, ErrUnsupported, "is a streaming (aws-chunked) payload: its chunk signatures cannot be verified here")
	default:
		var q problems
		checkPayloadHash(&q, v)
		if len(q.list) > 0 {
			p.add(field, ErrMalformed, "must be 64 lowercase hex digits or UNSIGNED-PAYLOAD")
		}
	}
}

// unsignedAmzHeader returns the first x-amz-* header of hs that signed does
// not list. S3 refuses such a request ("There were headers present in the
// request which were not signed"): AWS requires every x-amz-* header sent
// to be signed.
func unsignedAmzHeader(hs []Header, signed []string) string {
	for _, h := range hs {
		if len(h.Name) < 6 || !strings.EqualFold(h.Name[:6], "x-amz-") {
			continue
		}
		listed := false
		for _, n := range signed {
			listed = listed || strings.EqualFold(h.Name, n)
		}
		if !listed {
			return h.Name
		}
	}
	return ""
}

func headerValue(hs []Header, lower string) (string, bool) {
	for _, h := range hs {
		if strings.EqualFold(h.Name, lower) {
			return h.Value, true
		}
	}
	return "", false
}
