package sigv4

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"sigv4kit/internal/jsonv"
)

// PostPolicyInput describes a browser upload form: an HTML form that posts a
// file straight to a bucket, carrying a signed policy instead of credentials.
type PostPolicyInput struct {
	Context
	// URL is the form's action: the bucket's URL, such as
	// https://examplebucket.s3.amazonaws.com/ or http://127.0.0.1:9000/bucket.
	URL string
	// Endpoint and Addressing, instead of URL, name the service's base URL
	// and how the bucket goes into it: the action is then the bucket's URL,
	// ObjectURL of Endpoint, Bucket and Addressing.
	Endpoint   string
	Addressing Addressing
	// Bucket names the bucket for the policy's bucket condition. Empty means
	// the first path segment of URL, or else the first label of its host.
	// With Endpoint it is required.
	Bucket string
	// Key is the object key, and may contain ${filename}, which S3 replaces
	// with the uploaded file's name; the policy then allows any key that
	// starts with the part before it.
	Key string
	// KeyPrefix, instead of Key, makes the key KeyPrefix + "${filename}".
	KeyPrefix string
	// Expiration is when the form stops working. Instead, Expires gives it
	// relative to the signing time.
	Expiration time.Time
	Expires    time.Duration
	// Fields are extra form fields, each with an exact-match condition: acl,
	// Content-Type, success_action_status, success_action_redirect,
	// x-amz-meta-*, Cache-Control, Content-Disposition, ...
	Fields []Field
	// Conditions are extra policy conditions, such as a starts-with
	// condition on Content-Type. A starts-with condition on a field not in
	// Fields adds that field, holding the prefix, so the form satisfies it.
	Conditions []Condition
	// ContentLengthRange, when set, bounds the file size in bytes.
	ContentLengthRange *LengthRange
	// SubmitLabel is the text of the form's button, in the language of the
	// page it goes on: at most 256 bytes, escaped. Empty means "Upload".
	SubmitLabel string
}

const maxSubmitLabel = 256

// Field is one form field.
type Field struct {
	Name, Value string
}

// LengthRange is an inclusive range of byte counts.
type LengthRange struct {
	Min, Max int64
}

// Condition operators of a POST policy.
const (
	OpEq                 = "eq"
	OpStartsWith         = "starts-with"
	OpContentLengthRange = "content-length-range"
)

// Condition is one POST policy condition. Field is the form field name
// without the policy's '$'. Min and Max are used by content-length-range.
type Condition struct {
	Op       string
	Field    string
	Value    string
	Min, Max int64
}

// PostPolicyResult is a signed upload form.
type PostPolicyResult struct {
	// URL is the form's action.
	URL string
	// Fields are the form's fields in the order the form needs them: key
	// first, X-Amz-Signature last. The file input comes after them.
	Fields []Field
	// Policy is the policy document (JSON) and PolicyBase64 the padded
	// standard base64 of it that the form carries and the signature covers.
	Policy       string
	PolicyBase64 string
	Conditions   []Condition
	Expiration   time.Time
	// HTML is a complete, escaped form ready to paste into a page.
	HTML  string
	Debug Debug
}

// maxContentLength is S3's limit on a POST upload: 5 GiB.
const maxContentLength = 5 << 30

// reservedFields are set by PostPolicy itself.
var reservedFields = [...]string{"key", "policy", "x-amz-signature", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-security-token", "file", "bucket"}

// PostPolicy builds, signs and renders a browser upload form. Every field
// the form carries has a matching condition, because S3 refuses a form with
// "extra input fields". An empty Region is inferred from the URL's host
// (InferRegion) and is an error for other hosts. It returns a
// *ValidationError listing every problem.
func PostPolicy(in PostPolicyInput) (PostPolicyResult, error) {
	var p problems
	bucket := in.Bucket
	obj := ObjectInput{Endpoint: in.Endpoint, Addressing: in.Addressing}
	if in.Endpoint != "" {
		obj.Bucket = bucket // checked by the URL's construction
	}
	u, urlOK := in.Context.checkURL(&p, in.URL, obj)
	in.Context.check(&p)
	if s := in.Service; s != "" && !isS3Service(s) {
		p.add(FieldService, ErrUnsupported, "POST uploads are an S3 feature; use service s3")
	}
	if bucket == "" && urlOK {
		bucket = bucketFromURL(u)
	}
	if in.Endpoint == "" {
		checkBucket(&p, bucket)
	}
	key := in.Key
	switch {
	case in.Key != "" && in.KeyPrefix != "":
		p.add(FieldKeyPrefix, ErrUnsupported, "give either a key or a key prefix, not both")
	case in.Key == "" && in.KeyPrefix == "":
		p.add(FieldKey, ErrMissing, "is required (or a key prefix)")
	case in.KeyPrefix != "":
		key = in.KeyPrefix + "${filename}"
	}
	if len(key) > maxKeyLen {
		p.add(FieldKey, ErrOutOfRange, "is longer than 1024 bytes")
	}
	switch {
	case len(in.SubmitLabel) > maxSubmitLabel:
		p.add(FieldSubmitLabel, ErrOutOfRange, "is longer than 256 bytes")
	case hasControl(in.SubmitLabel):
		p.add(FieldSubmitLabel, ErrMalformed, "must not contain control characters")
	}
	expiration := in.Expiration
	switch {
	case !in.Expiration.IsZero() && in.Expires != 0:
		p.add(FieldExpiration, ErrUnsupported, "give either an expiration time or expires, not both")
	case in.Expiration.IsZero() && in.Expires == 0:
		p.add(FieldExpires, ErrMissing, "is required (or an expiration time)")
	case in.Expires != 0:
		if in.Expires < time.Second {
			p.add(FieldExpires, ErrOutOfRange, "must be at least 1 second")
		}
		expiration = in.Time.Add(in.Expires)
	}
	expiration = expiration.UTC().Truncate(time.Millisecond)
	if !in.Time.IsZero() && !expiration.IsZero() && !expiration.After(in.Time) && !p.has(FieldExpires) {
		p.add(FieldExpiration, ErrOutOfRange, "must be after the signing time")
	}
	if y := expiration.Year(); !expiration.IsZero() && y > 9999 {
		p.add(FieldExpiration, ErrOutOfRange, "must be before the year 10000")
	}
	checkFields(&p, in.Fields)
	for i, c := range in.Conditions {
		checkCondition(&p, FieldConditions+"["+strconv.Itoa(i)+"]", c)
	}
	if r := in.ContentLengthRange; r != nil {
		checkLengthRange(&p, FieldContentLengthRange, r.Min, r.Max)
	}
	if err := p.err(); err != nil {
		return PostPolicyResult{}, err
	}
	return postPolicy(&in, u, bucket, key, expiration), nil
}

func bucketFromURL(u target) string {
	if seg, _, _ := strings.Cut(strings.TrimPrefix(u.path, "/"), "/"); seg != "" {
		return percentDecode(seg, false)
	}
	label, _, _ := strings.Cut(hostOnly(u.host), ".")
	return label
}

func checkFields(p *problems, fields []Field) {
	seen := map[string]bool{}
	for _, f := range fields {
		name := strings.ToLower(f.Name)
		field := FieldFields + "." + f.Name
		switch {
		case !isToken(f.Name):
			p.add(FieldFields, ErrMalformed, "has a field name that is not a valid form field name")
			continue
		case isReservedField(name):
			p.add(field, ErrUnsupported, "is set by the signer")
			continue
		case seen[name]:
			p.add(field, ErrMalformed, "is given twice")
			continue
		case len(f.Value) > maxHeaderValue:
			p.add(field, ErrOutOfRange, "is longer than 16384 bytes")
			continue
		case hasControl(f.Value):
			p.add(field, ErrMalformed, "contains a control character")
			continue
		}
		seen[name] = true
		switch name {
		case "success_action_status":
			if f.Value != "200" && f.Value != "201" && f.Value != "204" {
				p.add(field, ErrOutOfRange, "must be 200, 201 or 204")
			}
		case "success_action_redirect", "redirect":
			if _, reason, _ := parseURL(f.Value); reason != nil {
				p.add(field, ErrMalformed, "must be an absolute http or https URL")
			}
		}
	}
}

func isReservedField(lower string) bool {
	for _, r := range reservedFields {
		if lower == r {
			return true
		}
	}
	return false
}

func checkCondition(p *problems, field string, c Condition) {
	switch c.Op {
	case OpEq, OpStartsWith:
		if !isToken(c.Field) {
			p.add(field, ErrMalformed, "must name a form field")
		} else if hasControl(c.Value) {
			p.add(field, ErrMalformed, "contains a control character")
		}
	case OpContentLengthRange:
		checkLengthRange(p, field, c.Min, c.Max)
	case "":
		p.add(field, ErrMissing, "needs an operator: eq, starts-with or content-length-range")
	default:
		p.add(field, ErrUnsupported, "has an operator other than eq, starts-with or content-length-range")
	}
}

func checkLengthRange(p *problems, field string, lo, hi int64) {
	switch {
	case lo < 0 || hi < 0:
		p.add(field, ErrOutOfRange, "must not be negative")
	case lo > hi:
		p.add(field, ErrOutOfRange, "must have its minimum at most its maximum")
	case hi > maxContentLength:
		p.add(field, ErrOutOfRange, "must not exceed 5 GiB, S3's limit on a POST upload")
	}
}

func postPolicy(in *PostPolicyInput, u target, bucket, key string, expiration time.Time) PostPolicyResult {
	t := in.Time.UTC()
	service := in.service()
	scope := string(appendCredentialScope(nil, t, in.Region, service))
	amzDate := string(appendAmzDate(nil, t))
	credential := in.AccessKeyID + "/" + scope

	var res PostPolicyResult
	res.Expiration = expiration
	conds := []Condition{{Op: OpEq, Field: "bucket", Value: bucket}}
	if i := strings.Index(key, "${filename}"); i >= 0 {
		conds = append(conds, Condition{Op: OpStartsWith, Field: "key", Value: key[:i]})
	} else {
		conds = append(conds, Condition{Op: OpEq, Field: "key", Value: key})
	}
	res.Fields = append(res.Fields, Field{"key", key})
	for _, f := range in.Fields {
		res.Fields = append(res.Fields, f)
		if !conditionCovers(in.Conditions, f.Name) {
			conds = append(conds, Condition{Op: OpEq, Field: f.Name, Value: f.Value})
		}
	}
	for _, c := range in.Conditions {
		conds = append(conds, c)
		if c.Op == OpStartsWith && !hasField(res.Fields, c.Field) && !strings.EqualFold(c.Field, "key") {
			res.Fields = append(res.Fields, Field{c.Field, c.Value})
		}
	}
	if r := in.ContentLengthRange; r != nil {
		conds = append(conds, Condition{Op: OpContentLengthRange, Min: r.Min, Max: r.Max})
	}
	conds = append(conds,
		Condition{Op: OpEq, Field: "x-amz-credential", Value: credential},
		Condition{Op: OpEq, Field: "x-amz-algorithm", Value: Algorithm},
		Condition{Op: OpEq, Field: "x-amz-date", Value: amzDate})
	res.Fields = append(res.Fields, Field{"X-Amz-Credential", credential}, Field{"X-Amz-Algorithm", Algorithm}, Field{"X-Amz-Date", amzDate})
	if in.SessionToken != "" {
		conds = append(conds, Condition{Op: OpEq, Field: "x-amz-security-token", Value: in.SessionToken})
		res.Fields = append(res.Fields, Field{"X-Amz-Security-Token", in.SessionToken})
	}
	res.Conditions = conds
	res.Policy = string(appendPolicy(nil, expiration, conds))
	res.PolicyBase64 = base64.StdEncoding.EncodeToString([]byte(res.Policy))
	res.Debug = in.Context.signPolicy(t, res.PolicyBase64)
	res.Fields = append(res.Fields, Field{"Policy", res.PolicyBase64}, Field{"X-Amz-Signature", res.Debug.Signature})
	res.URL = u.scheme + "://" + u.host + u.path
	if u.query != "" {
		res.URL += "?" + u.query
	}
	res.HTML = RenderForm(res.URL, res.Fields, conds, in.SubmitLabel)
	return res
}

func conditionCovers(conds []Condition, field string) bool {
	for _, c := range conds {
		if (c.Op == OpEq || c.Op == OpStartsWith) && strings.EqualFold(c.Field, field) {
			return true
		}
	}
	return false
}

func hasField(fields []Field, name string) bool {
	for _, f := range fields {
		if strings.EqualFold(f.Name, name) {
			return true
		}
	}
	return false
}

// signPolicy signs a base64 policy: for POST the string to sign is the
// base64 text itself and there is no canonical request.
func (c *Context) signPolicy(t time.Time, policyBase64 string) Debug {
	key := c.signingKey(t)
	mac := key.mac([]byte(policyBase64))
	d := Debug{
		StringToSign:    policyBase64,
		CredentialScope: string(appendCredentialScope(nil, t, c.Region, c.service())),
		Signature:       string(appendHex(nil, mac[:])),
	}
	if c.ShowSigningKey {
		d.SigningKey = key.key.String()
	}
	return d
}

// SignPostPolicy signs an existing base64 policy document, for forms whose
// policy was written by hand. It returns a *ValidationError for bad
// credentials, scope or time.
func SignPostPolicy(ctx Context, policyBase64 string) (Debug, error) {
	var p problems
	ctx.check(&p)
	if policyBase64 == "" {
		p.add(FieldPolicy, ErrMissing, "is required")
	} else if _, err := base64.StdEncoding.DecodeString(policyBase64); err != nil {
		p.add(FieldPolicy, ErrMalformed, "is not padded standard base64")
	}
	if err := p.err(); err != nil {
		return Debug{}, err
	}
	return ctx.signPolicy(ctx.Time.UTC(), policyBase64), nil
}

// appendPolicy writes the policy document as compact JSON. Strings go
// through the JSON encoder, so quotes and control characters in keys or
// metadata cannot break out of the document.
func appendPolicy(dst []byte, expiration time.Time, conds []Condition) []byte {
	dst = append(dst, `{"expiration":"`...)
	dst = appendISOMillis(dst, expiration)
	dst = append(dst, `","conditions":[`...)
	for i, c := range conds {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendCondition(dst, c)
	}
	return append(dst, "]}"...)
}

func appendCondition(dst []byte, c Condition) []byte {
	switch c.Op {
	case OpContentLengthRange:
		dst = append(dst, `["content-length-range",`...)
		dst = strconv.AppendInt(dst, c.Min, 10)
		dst = append(dst, ',')
		dst = strconv.AppendInt(dst, c.Max, 10)
		return append(dst, ']')
	case OpStartsWith:
		dst = append(dst, `["starts-with",`...)
		dst = jsonv.AppendString(dst, "$"+c.Field)
		dst = append(dst, ',')
		dst = jsonv.AppendString(dst, c.Value)
		return append(dst, ']')
	default:
		dst = append(dst, '{')
		dst = jsonv.AppendString(dst, c.Field)
		dst = append(dst, ':')
		dst = jsonv.AppendString(dst, c.Value)
		return append(dst, '}')
	}
}

// appendISOMillis writes 2006-01-02T15:04:05.000Z, the form S3 expects.
func appendISOMillis(dst []byte, t time.Time) []byte {
	f := dateFields(t)
	var b [24]byte
	put4(b[0:], f[0])
	b[4] = '-'
	put2(b[5:], f[1])
	b[7] = '-'
	put2(b[8:], f[2])
	b[10] = 'T'
	put2(b[11:], f[3])
	b[13] = ':'
	put2(b[14:], f[4])
	b[16] = ':'
	put2(b[17:], f[5])
	b[19] = '.'
	ms := t.Nanosecond() / 1e6
	b[20], b[21], b[22], b[23] = byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10), 'Z'
	return append(dst, b[:]...)
}

// FormatISOMillis formats t as 2006-01-02T15:04:05.000Z in UTC.
func FormatISOMillis(t time.Time) string {
	var b [24]byte
	return string(appendISOMillis(b[:0], t))
}

// AppendISOMillis appends t as 2006-01-02T15:04:05.000Z in UTC.
func AppendISOMillis(dst []byte, t time.Time) []byte { return appendISOMillis(dst, t) }
