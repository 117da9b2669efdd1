package sigv4

import (
	"strconv"
	"strings"
	"time"
)

// VerifyInput is a signed request to check: a presigned URL (Request.URL
// with the X-Amz-* query parameters) or a header-signed request (an
// Authorization header among Request.Headers). Headers must include every
// signed header other than Host, as the request will carry them.
type VerifyInput struct {
	Credentials
	Request
	// Now is the time to check expiry against; required.
	Now time.Time
	// Path chooses the canonical URI rules; the zero value picks by the
	// service named in the signature's scope.
	Path PathMode
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
)

// headerSkew is how far a header-signed request's X-Amz-Date may be from
// the server's clock before AWS answers RequestTimeTooSkewed.
const headerSkew = 15 * time.Minute

// VerifyResult is the outcome of Verify. Debug holds the canonical request
// and string to sign the signature should have been computed over, so a
// broken signature can be compared line by line.
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
	// Header names the signed header missing from the request, when Reason
	// is ReasonMissingHeader.
	Header string
	Debug  Debug
}

// Verify recomputes the signature of a signed request with the secret (or
// signing key) and compares it in constant time. It reports expiry against
// in.Now. It returns a *ValidationError when the request is not a well-formed
// SigV4-signed request at all.
func Verify(in VerifyInput) (VerifyResult, error) {
	var p problems
	if in.SecretAccessKey == "" && in.SigningKey == nil {
		p.add(FieldSecretAccessKey, ErrMissing, "is required (or a signing key)")
	}
	checkTime(&p, FieldNow, in.Now)
	checkHeaders(&p, FieldHeaders, in.Headers)
	u, reason, msg := parseURL(in.URL)
	if reason != nil {
		p.add(FieldURL, reason, msg)
	}
	if err := p.err(); err != nil {
		return VerifyResult{}, err
	}
	u.path = wirePath(u.path, in.Path)
	if auth, ok := headerValue(in.Headers, "authorization"); ok {
		return verifyHeader(&in, u, auth)
	}
	return verifyQuery(&in, u)
}

func headerValue(hs []Header, lower string) (string, bool) {
	for _, h := range hs {
		if strings.EqualFold(h.Name, lower) {
			return h.Value, true
		}
	}
	return "", false
}

// scope is a parsed credential: AKID/date/region/service/aws4_request.
type parsedCredential struct {
	accessKeyID, date, region, service string
}

func parseCredential(field, s string, p *problems) parsedCredential {
	parts := strings.Split(s, "/")
	if len(parts) != 5 || parts[4] != scopeTerminator || parts[0] == "" || len(parts[1]) != 8 {
		p.add(field, ErrMalformed, "has a credential that is not AKID/date/region/service/aws4_request")
		return parsedCredential{}
	}
	return parsedCredential{parts[0], parts[1], parts[2], parts[3]}
}

func verifyQuery(in *VerifyInput, u target) (VerifyResult, error) {
	var p problems
	var res VerifyResult
	res.Presigned = true
	var rest []string
	params := map[string]string{}
	for _, seg := range strings.Split(u.query, "&") {
		if seg == "" {
			continue
		}
		name, value, _ := strings.Cut(seg, "=")
		dn := percentDecode(name, true)
		if isAuthParam(dn) {
			if _, dup := params[dn]; dup {
				p.add(FieldURL, ErrMalformed, "repeats "+dn)
			}
			params[dn] = percentDecode(value, true)
			continue
		}
		rest = append(rest, seg)
	}
	for _, name := range []string{"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature"} {
		if _, ok := params[name]; !ok {
			p.add(FieldURL, ErrMissing, "has no "+name+" parameter: it is not a presigned URL")
		}
	}
	if err := p.err(); err != nil {
		return res, err
	}
	if params["X-Amz-Algorithm"] != Algorithm {
		p.add(FieldURL, ErrUnsupported, "uses an algorithm other than AWS4-HMAC-SHA256")
	}
	cred := parseCredential(FieldURL, params["X-Amz-Credential"], &p)
	signedAt, err := ParseAmzDate(params["X-Amz-Date"])
	if err != nil {
		p.add(FieldURL, ErrMalformed, "has an X-Amz-Date that is not 20060102T150405Z")
	}
	expires, err := strconv.ParseInt(params["X-Amz-Expires"], 10, 64)
	if err != nil || expires < 1 || expires > 1<<31 {
		p.add(FieldURL, ErrMalformed, "has an X-Amz-Expires that is not a positive number of seconds")
	}
	if err := p.err(); err != nil {
		return res, err
	}
	res.AccessKeyID, res.Region, res.Service = cred.accessKeyID, cred.region, cred.service
	res.SignedAt = signedAt
	res.ExpiresAt = signedAt.Add(time.Duration(expires) * time.Second)
	res.Provided = params["X-Amz-Signature"]

	pin := PresignInput{
		Context: Context{
			Credentials: Credentials{AccessKeyID: cred.accessKeyID, SecretAccessKey: in.SecretAccessKey,
				SigningKey: in.SigningKey, SessionToken: params["X-Amz-Security-Token"]},
			Region: cred.region, Service: cred.service, Time: signedAt, Path: in.Path, Debug: true, ShowSigningKey: in.ShowSigningKey,
		},
		Method:  methodOr(in.Method, "GET"),
		Expires: time.Duration(expires) * time.Second,
	}
	u.query = strings.Join(rest, "&")
	for _, name := range strings.Split(params["X-Amz-SignedHeaders"], ";") {
		if name == "host" {
			continue
		}
		v, ok := headerValue(in.Headers, name)
		if !ok {
			res.Reason, res.Header = ReasonMissingHeader, name
			return res, nil
		}
		pin.Headers = append(pin.Headers, Header{name, v})
	}
	if v, ok := params["X-Amz-Content-Sha256"]; ok {
		pin.PayloadHash = v
	}
	if string(appendScopeDate(nil, signedAt)) != cred.date {
		res.Reason = ReasonSignatureMismatch
		return res, nil
	}
	out := presign(&pin, u, pin.Expires)
	res.Debug = out.Debug
	res.judge(in, cred.accessKeyID, res.ExpiresAt)
	return res, nil
}

func verifyHeader(in *VerifyInput, u target, auth string) (VerifyResult, error) {
	var p problems
	var res VerifyResult
	field := FieldHeaders + ".Authorization"
	algo, rest, _ := strings.Cut(strings.TrimSpace(auth), " ")
	if algo != Algorithm {
		p.add(field, ErrUnsupported, "uses an algorithm other than AWS4-HMAC-SHA256")
		return res, p.err()
	}
	kv := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		kv[k] = v
	}
	for _, k := range []string{"Credential", "SignedHeaders", "Signature"} {
		if kv[k] == "" {
			p.add(field, ErrMalformed, "has no "+k)
		}
	}
	dateStr, ok := headerValue(in.Headers, "x-amz-date")
	if !ok {
		p.add(FieldHeaders+".X-Amz-Date", ErrMissing, "is required to verify a header signature")
	}
	if err := p.err(); err != nil {
		return res, err
	}
	cred := parseCredential(field, kv["Credential"], &p)
	signedAt, err := ParseAmzDate(strings.TrimSpace(dateStr))
	if err != nil {
		p.add(FieldHeaders+".X-Amz-Date", ErrMalformed, "is not 20060102T150405Z")
	}
	if err := p.err(); err != nil {
		return res, err
	}
	res.AccessKeyID, res.Region, res.Service = cred.accessKeyID, cred.region, cred.service
	res.SignedAt, res.ExpiresAt = signedAt, signedAt.Add(headerSkew)
	res.Provided = kv["Signature"]

	ctx := Context{
		Credentials: Credentials{AccessKeyID: cred.accessKeyID, SecretAccessKey: in.SecretAccessKey, SigningKey: in.SigningKey},
		Region:      cred.region, Service: cred.service, Time: signedAt, Path: in.Path, Debug: true, ShowSigningKey: in.ShowSigningKey,
	}
	h := headerBuilder{}
	for _, name := range strings.Split(kv["SignedHeaders"], ";") {
		found := false
		for _, hd := range in.Headers {
			if strings.EqualFold(hd.Name, name) {
				h = h.add(hd.Name, hd.Value)
				found = true
			}
		}
		if !found && name == "host" {
			h = h.add("host", u.host)
			found = true
		}
		if !found {
			res.Reason, res.Header = ReasonMissingHeader, name
			return res, nil
		}
	}
	payload, ok := headerValue(in.Headers, "x-amz-content-sha256")
	if !ok {
		sum := sum256(in.Body)
		payload = string(appendHex(nil, sum[:]))
	}
	method := methodOr(in.Method, "GET")
	cr := append([]byte(method), '\n')
	cr = appendCanonicalURI(cr, u.path, ctx.pathMode())
	cr = append(cr, '\n')
	var q queryBuilder
	q = q.addRaw(u.query)
	cr = q.appendTo(cr)
	cr = append(cr, '\n')
	cr = h.appendCanonical(cr)
	cr = append(cr, '\n')
	signedHeaders := h.appendSigned(nil)
	cr = append(cr, signedHeaders...)
	cr = append(cr, '\n')
	cr = append(cr, strings.TrimSpace(payload)...)
	if string(appendScopeDate(nil, signedAt)) != cred.date {
		res.Reason = ReasonSignatureMismatch
		return res, nil
	}
	scope := appendCredentialScope(nil, signedAt, cred.region, cred.service)
	ctx.signCanonical(signedAt, appendAmzDate(nil, signedAt), cr, signedHeaders, scope, &res.Debug)
	res.judge(in, cred.accessKeyID, res.ExpiresAt)
	// A header signature is also refused when dated too far ahead.
	if in.Now.Before(signedAt.Add(-headerSkew)) && res.Reason == ReasonValid {
		res.Valid, res.NotYetValid, res.Reason = false, true, ReasonNotYetValid
	}
	return res, nil
}

// judge compares the recomputed signature with the provided one and the
// times with in.Now.
func (res *VerifyResult) judge(in *VerifyInput, accessKeyID string, expiresAt time.Time) {
	match := constantTimeEqual([]byte(res.Debug.Signature), []byte(strings.ToLower(res.Provided)))
	res.Expired = in.Now.After(expiresAt)
	res.NotYetValid = res.Presigned && in.Now.Before(res.SignedAt)
	switch {
	case in.AccessKeyID != "" && in.AccessKeyID != accessKeyID:
		res.Reason = ReasonWrongAccessKey
	case !match:
		res.Reason = ReasonSignatureMismatch
	case res.Expired:
		res.Reason = ReasonExpired
	case res.NotYetValid:
		res.Reason = ReasonNotYetValid
	default:
		res.Reason, res.Valid = ReasonValid, true
	}
}
