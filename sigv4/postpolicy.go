package sigv4

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/sigv4kit/sigv4kit/internal/jsonv"
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
	// x-amz-meta-*, Cache-Control, Content-Disposition, ... A field with a
	// condition of its own in Conditions gets no exact-match condition; its
	// value must satisfy that condition.
	Fields []Field
	// Conditions are extra policy conditions. They are checked as fields are:
	// no names the signer sets, redirect targets (and starts-with prefixes of
	// them) absolute http or https, exact matching where S3 allows only that.
	// A condition on a field not in Fields adds that field, holding the
	// condition's value (a starts-with condition's prefix), so the form
	// satisfies it; that value must then be a valid one for the field.
	Conditions []Condition
	// ContentTypes are the MIME types (image/png) a file may be stored under.
	// One type is an exact-match condition and a hidden Content-Type field.
	// Several become a <select name="Content-Type"> in the form and a
	// starts-with condition on their longest common prefix, so they must
	// share their top-level type (image/): S3 has no one-of condition, and it
	// checks the declared type, never the file's bytes, so a hand-made POST
	// may declare any type under the prefix, even image/png,text/html, which
	// browsers read as HTML. One type is checked exactly. A Content-Type
	// condition in Conditions replaces that prefix; each type must satisfy it.
	ContentTypes []string
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
	// SignedAt is the signing time (the x-amz-date field) and Expiration
	// the policy's expiration.
	SignedAt   time.Time
	Expiration time.Time
	// ValidUntil is when the form really stops working: Expiration, or
	// CredentialsExpireAt when the credentials expire first; Warnings then
	// holds WarnCredentialsExpireFirst.
	ValidUntil time.Time
	Warnings   []Warning
	// ContentTypes are the types the form offers in its Content-Type select;
	// Fields holds the first. Nil without ContentTypes in the input.
	ContentTypes []string
	// HTML is a complete, escaped form ready to paste into a page.
	HTML  string
	Debug Debug
}

// maxContentLength is S3's limit on a POST upload: 5 GiB.
const maxContentLength = 5 << 30

// reservedFields are set by PostPolicy itself: neither a field nor a
// condition may name them.
var reservedFields = [...]string{"key", "policy", "x-amz-signature", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-security-token", "file", "bucket"}

// PostPolicy builds, signs and renders a browser upload form. Every field
// the form carries has a matching condition, because S3 refuses a form with
// "extra input fields", and the form is refused when LintPostPolicy would
// flag it. An empty Region is inferred from the URL's host (InferRegion) and
// is an error for other hosts. It returns a *ValidationError listing every
// problem, each named by its input: fields.NAME, conditions[i],
// contentTypes[i], key.
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
	keyField := FieldKey
	switch {
	case in.Key != "" && in.KeyPrefix != "":
		p.add(FieldKeyPrefix, ErrUnsupported, "give either a key or a key prefix, not both")
	case in.Key == "" && in.KeyPrefix == "":
		p.add(FieldKey, ErrMissing, "is required (or a key prefix)")
	case in.KeyPrefix != "":
		key = in.KeyPrefix + "${filename}"
		keyField = FieldKeyPrefix
	}
	if len(key) > maxKeyLen {
		p.add(keyField, ErrOutOfRange, "is longer than 1024 bytes")
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
	if !in.Time.IsZero() && !expiration.IsZero() && expiresBeforeSigning(expiration, in.Time) && !p.has(FieldExpires) {
		p.add(FieldExpiration, ErrOutOfRange, "must be after the signing time")
	}
	if y := expiration.Year(); !expiration.IsZero() && y > 9999 {
		p.add(FieldExpiration, ErrOutOfRange, "must be before the year 10000")
	}
	checkFields(&p, in.Fields)
	for i, c := range in.Conditions {
		field := FieldConditions + "[" + strconv.Itoa(i) + "]"
		checkCondition(&p, field, c)
		if c.Op != OpContentLengthRange && !p.has(field) && isReservedField(strings.ToLower(c.Field)) {
			p.add(field, ErrUnsupported, reservedMessage(c.Field))
		}
	}
	checkContentTypes(&p, in.ContentTypes, in.Fields, in.Conditions)
	if r := in.ContentLengthRange; r != nil {
		checkLengthRange(&p, FieldContentLengthRange, r.Min, r.Max)
	}
	f := buildForm(&in, bucket, key, keyField)
	f.lint(&p, in.ContentTypes)
	if err := p.err(); err != nil {
		return PostPolicyResult{}, err
	}
	return f.sign(&in, u, expiration), nil
}

func bucketFromURL(u target) string {
	if seg, _, _ := strings.Cut(strings.TrimPrefix(u.path, "/"), "/"); seg != "" {
		return percentDecode(seg, false)
	}
	label, _, _ := strings.Cut(hostOnly(u.host), ".")
	return label
}

// checkFields checks what only an input field can get wrong; the value
// rules a field shares with conditions are the linter's (checkValue).
func checkFields(p *problems, fields []Field) {
	seen := map[string]bool{}
	for _, f := range fields {
		name := strings.ToLower(f.Name)
		field := FieldFields + "." + f.Name
		switch {
		case !isToken(f.Name):
			p.add(FieldFields, ErrMalformed, "has a field name that is not a valid form field name")
		case isReservedField(name):
			p.add(field, ErrUnsupported, reservedMessage(f.Name))
		case seen[name]:
			p.add(field, ErrMalformed, "is given twice")
		case len(f.Value) > maxHeaderValue:
			p.add(field, ErrOutOfRange, "is longer than 16384 bytes")
		}
		seen[name] = true
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

func reservedMessage(name string) string {
	switch strings.ToLower(name) {
	case "key":
		return "names key, which is set by key or keyPrefix"
	case "bucket":
		return "names bucket, which is set by bucket or the URL"
	}
	return "names " + name + ", which is set by the signer"
}

// checkContentTypes checks the list of types a form offers. Each type's
// value is checked by the linter, as the Content-Type field it becomes.
func checkContentTypes(p *problems, types []string, fields []Field, conds []Condition) {
	if len(types) == 0 {
		return
	}
	if _, ok := findField(fields, "Content-Type"); ok {
		p.add(FieldContentTypes, ErrUnsupported, "give either contentTypes or fields.Content-Type, not both")
	} else if len(types) > 1 && !conditionCovers(conds, "Content-Type") && commonPrefix(types) == "" {
		p.add(FieldContentTypes, ErrUnsupported, "must share one top-level type, such as image/: a policy can check only one prefix")
	}
	for i, t := range types {
		for _, earlier := range types[:i] {
			if strings.EqualFold(t, earlier) {
				p.add(FieldContentTypes+"["+strconv.Itoa(i)+"]", ErrMalformed, "is given twice")
			}
		}
	}
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

// postForm is a form before it is signed: its fields and policy
// conditions, each with the input it came from (its wire name; "" for what
// the signer adds), so the linter's findings can name the input.
type postForm struct {
	fields    []Field
	fieldFrom []string
	conds     []Condition
	condFrom  []string
	// typeField is the index of the Content-Type field made from
	// ContentTypes, or -1.
	typeField int
}

func (f *postForm) field(from string, fl Field) {
	f.fields = append(f.fields, fl)
	f.fieldFrom = append(f.fieldFrom, from)
}

func (f *postForm) cond(from string, c Condition) {
	f.conds = append(f.conds, c)
	f.condFrom = append(f.condFrom, from)
}

func buildForm(in *PostPolicyInput, bucket, key, keyField string) *postForm {
	f := &postForm{typeField: -1}
	f.cond(FieldBucket, Condition{Op: OpEq, Field: "bucket", Value: bucket})
	if i := strings.Index(key, "${filename}"); i >= 0 {
		f.cond(keyField, Condition{Op: OpStartsWith, Field: "key", Value: key[:i]})
	} else {
		f.cond(keyField, Condition{Op: OpEq, Field: "key", Value: key})
	}
	f.field(keyField, Field{"key", key})
	for _, fl := range in.Fields {
		from := FieldFields + "." + fl.Name
		f.field(from, fl)
		if !conditionCovers(in.Conditions, fl.Name) {
			f.cond(from, Condition{Op: OpEq, Field: fl.Name, Value: fl.Value})
		}
	}
	if types := in.ContentTypes; len(types) > 0 {
		f.typeField = len(f.fields)
		f.field(FieldContentTypes+"[0]", Field{"Content-Type", types[0]})
		if !conditionCovers(in.Conditions, "Content-Type") {
			if len(types) == 1 {
				f.cond(FieldContentTypes, Condition{Op: OpEq, Field: "Content-Type", Value: types[0]})
			} else {
				f.cond(FieldContentTypes, Condition{Op: OpStartsWith, Field: "Content-Type", Value: commonPrefix(types)})
			}
		}
	}
	for i, c := range in.Conditions {
		from := FieldConditions + "[" + strconv.Itoa(i) + "]"
		f.cond(from, c)
		if c.Op != OpContentLengthRange && !hasField(f.fields, c.Field) && !isReservedField(strings.ToLower(c.Field)) {
			f.field(from, Field{c.Field, c.Value})
		}
	}
	if r := in.ContentLengthRange; r != nil {
		f.cond(FieldContentLengthRange, Condition{Op: OpContentLengthRange, Min: r.Min, Max: r.Max})
	}
	t := in.Time.UTC()
	credential := in.AccessKeyID + "/" + string(appendCredentialScope(nil, t, in.Region, in.service()))
	amzDate := string(appendAmzDate(nil, t))
	f.cond("", Condition{Op: OpEq, Field: "x-amz-credential", Value: credential})
	f.cond("", Condition{Op: OpEq, Field: "x-amz-algorithm", Value: Algorithm})
	f.cond("", Condition{Op: OpEq, Field: "x-amz-date", Value: amzDate})
	f.field("", Field{"X-Amz-Credential", credential})
	f.field("", Field{"X-Amz-Algorithm", Algorithm})
	f.field("", Field{"X-Amz-Date", amzDate})
	if in.SessionToken != "" {
		f.cond("", Condition{Op: OpEq, Field: "x-amz-security-token", Value: in.SessionToken})
		f.field("", Field{"X-Amz-Security-Token", in.SessionToken})
	}
	return f
}

// commonPrefix is the longest prefix all of types share, cut back to its
// last '/' when it would end inside a subtype's name: image/png and
// image/pjpeg share image/, not image/p.
func commonPrefix(types []string) string {
	prefix := types[0]
	for _, t := range types[1:] {
		n := 0
		for n < len(prefix) && n < len(t) && prefix[n] == t[n] {
			n++
		}
		prefix = prefix[:n]
	}
	return prefix[:strings.LastIndexByte(prefix, '/')+1]
}

// lint runs the linter over the form, once per offered Content-Type, and
// reports each finding on the inputs it concerns. An input already in
// error is not reported again.
func (f *postForm) lint(p *problems, types []string) {
	runs := 1
	if f.typeField >= 0 {
		runs = len(types)
	}
	for k := 0; k < runs; k++ {
		if f.typeField >= 0 {
			f.fields[f.typeField].Value = types[k]
			f.fieldFrom[f.typeField] = FieldContentTypes + "[" + strconv.Itoa(k) + "]"
		}
		for _, x := range lintForm(f.conds, f.fields) {
			f.report(p, x)
			if len(p.list) == 0 {
				// Only what the signer sets is involved: never sign it.
				p.add("", ErrUnsupported, x.Field+" "+x.Message)
			}
		}
	}
	if f.typeField >= 0 {
		f.fields[f.typeField].Value = types[0]
		f.fieldFrom[f.typeField] = FieldContentTypes + "[0]"
	}
}

func (f *postForm) report(p *problems, x formFinding) {
	add := func(from string, reason error, msg string) {
		if from != "" && !p.has(from) {
			p.add(from, reason, msg)
		}
	}
	var cond, field string
	if x.cond >= 0 {
		cond = f.condFrom[x.cond]
	}
	if x.field >= 0 {
		field = f.fieldFrom[x.field]
	}
	switch x.Code {
	case FindingFieldViolates:
		// A field and a condition that contradict each other: name both.
		add(field, ErrOutOfRange, "is refused by "+orSigner(cond))
		add(cond, ErrOutOfRange, "refuses "+orSigner(field))
	case FindingConditionWithoutField:
		add(cond, ErrMissing, "has no form field to satisfy it")
	case FindingFieldInvalid:
		if strings.HasPrefix(field, FieldConditions) {
			// The field holds a condition's value (a prefix): say which.
			add(field, x.reason, "puts its value in the form as "+f.fields[x.field].Name+", which "+x.Message+hintFor(f.fields[x.field].Name))
		} else {
			add(field, x.reason, x.Message)
		}
	case FindingConditionInvalid:
		add(cond, x.reason, x.Message)
	default: // a field repeated, or without a condition
		add(field, ErrUnsupported, x.Message)
	}
}

func orSigner(from string) string {
	if from == "" {
		return "what the signer sets"
	}
	return from
}

func hintFor(name string) string {
	if strings.EqualFold(name, "Content-Type") {
		return "; list the types the form offers in contentTypes"
	}
	return "; give the full value in fields"
}

// sign completes the form: the policy document, its signature and the HTML.
func (f *postForm) sign(in *PostPolicyInput, u target, expiration time.Time) PostPolicyResult {
	t := in.Time.UTC()
	var res PostPolicyResult
	res.SignedAt = t
	res.Expiration = expiration
	res.ValidUntil, res.Warnings = lifetime(expiration, in.CredentialsExpireAt)
	res.Conditions = f.conds
	res.Policy = string(appendPolicy(nil, expiration, f.conds))
	res.PolicyBase64 = base64.StdEncoding.EncodeToString([]byte(res.Policy))
	res.Debug = in.Context.signPolicy(t, res.PolicyBase64)
	res.Fields = append(f.fields, Field{"Policy", res.PolicyBase64}, Field{"X-Amz-Signature", res.Debug.Signature})
	res.URL = u.scheme + "://" + u.host + u.path
	if u.query != "" {
		res.URL += "?" + u.query
	}
	if len(in.ContentTypes) > 0 {
		res.ContentTypes = append([]string(nil), in.ContentTypes...)
	}
	res.HTML = RenderForm(res.URL, res.Fields, f.conds, res.ContentTypes, in.SubmitLabel)
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
	_, ok := findField(fields, name)
	return ok
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
