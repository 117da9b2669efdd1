package sigv4

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sigv4kit/sigv4kit/internal/jsonv"
)

// Policy is a parsed POST policy document.
type Policy struct {
	Expiration time.Time
	Conditions []Condition
}

// ParsePolicy reads a POST policy document (the JSON, not its base64). It
// returns a *ValidationError naming "policy" or "conditions[i]".
func ParsePolicy(doc string) (Policy, error) {
	var p problems
	var pol Policy
	v, err := jsonv.Parse([]byte(doc))
	if err != nil || v.Kind != jsonv.Object {
		p.add(FieldPolicy, ErrMalformed, "is not a JSON object")
		return pol, p.err()
	}
	exp, ok := v.Get("expiration")
	if !ok || exp.Kind != jsonv.String {
		p.add(FieldExpiration, ErrMissing, "is required in the policy")
	} else if t, err := time.Parse(time.RFC3339Nano, exp.Str); err != nil {
		p.add(FieldExpiration, ErrMalformed, "is not an ISO 8601 time such as 2015-12-30T12:00:00.000Z")
	} else {
		pol.Expiration = t.UTC()
	}
	conds, ok := v.Get("conditions")
	if !ok || conds.Kind != jsonv.Array {
		p.add(FieldConditions, ErrMissing, "is required in the policy")
	}
	for i, c := range conds.Arr {
		cond, err := conditionFromJSON(c)
		field := FieldConditions + "[" + strconv.Itoa(i) + "]"
		if err != nil {
			p.addErr(field, err)
			continue
		}
		checkCondition(&p, field, cond)
		pol.Conditions = append(pol.Conditions, cond)
	}
	return pol, p.err()
}

// ParseCondition reads one condition written as S3 writes it:
// {"acl": "public-read"}, ["eq", "$acl", "public-read"],
// ["starts-with", "$key", "user/"] or ["content-length-range", 1, 1048576].
func ParseCondition(doc string) (Condition, error) {
	var p problems
	v, err := jsonv.Parse([]byte(doc))
	if err != nil {
		p.add(FieldConditions, ErrMalformed, "is not JSON")
		return Condition{}, p.err()
	}
	c, err := conditionFromJSON(v)
	if err != nil {
		p.addErr(FieldConditions, err)
		return c, p.err()
	}
	checkCondition(&p, FieldConditions, c)
	return c, p.err()
}

// conditionFromJSON reads one condition; its error is made by invalid, for
// the caller to file under the condition's field.
func conditionFromJSON(v jsonv.Value) (Condition, error) {
	switch v.Kind {
	case jsonv.Object:
		if len(v.Obj) != 1 || v.Obj[0].Value.Kind != jsonv.String {
			return Condition{}, invalid(ErrMalformed, "must be an object with one string member, such as {\"acl\": \"private\"}")
		}
		return Condition{Op: OpEq, Field: strings.TrimPrefix(v.Obj[0].Key, "$"), Value: v.Obj[0].Value.Str}, nil
	case jsonv.Array:
		if len(v.Arr) != 3 || v.Arr[0].Kind != jsonv.String {
			return Condition{}, invalid(ErrMalformed, "must be an array of an operator and two operands")
		}
		op := strings.ToLower(v.Arr[0].Str)
		switch op {
		case OpEq, OpStartsWith:
			if v.Arr[1].Kind != jsonv.String || !strings.HasPrefix(v.Arr[1].Str, "$") || v.Arr[2].Kind != jsonv.String {
				return Condition{}, invalid(ErrMalformed, "must be [\""+op+"\", \"$field\", \"value\"]")
			}
			return Condition{Op: op, Field: v.Arr[1].Str[1:], Value: v.Arr[2].Str}, nil
		case OpContentLengthRange:
			lo, ok1 := wholeNumber(v.Arr[1])
			hi, ok2 := wholeNumber(v.Arr[2])
			if !ok1 || !ok2 {
				return Condition{}, invalid(ErrMalformed, "must have whole-number bounds")
			}
			return Condition{Op: op, Min: lo, Max: hi}, nil
		}
		return Condition{}, invalid(ErrUnsupported, "has an operator other than eq, starts-with or content-length-range")
	}
	return Condition{}, invalid(ErrMalformed, "must be an object or an array")
}

// wholeNumber accepts a JSON number or a numeric string (S3 takes both).
func wholeNumber(v jsonv.Value) (int64, bool) {
	f := v.Num
	if v.Kind == jsonv.String {
		n, err := jsonv.Parse([]byte(v.Str))
		if err != nil || n.Kind != jsonv.Number {
			return 0, false
		}
		f = n.Num
	} else if v.Kind != jsonv.Number {
		return 0, false
	}
	if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, false
	}
	return int64(f), true
}

// Finding is one remark of the policy linter. Code is stable and kebab-case.
type Finding struct {
	Code    string
	Field   string
	Message string
}

// Linter finding codes.
const (
	FindingConditionWithoutField = "condition-without-field"
	FindingFieldWithoutCondition = "field-without-condition"
	FindingExpiredBeforeSigning  = "expired-before-signing"
	FindingFieldViolates         = "field-violates-condition"
	FindingFieldRepeated         = "field-repeated"
	FindingFieldInvalid          = "field-invalid"
	FindingConditionInvalid      = "condition-invalid"
	FindingFileTooSmall          = "file-too-small"
	FindingFileTooLarge          = "file-too-large"
	FindingExpired               = "policy-expired"
)

// exemptField reports the fields that may appear in a form without a
// condition: S3 exempts the signature's own fields, the file, and x-ignore-*
// fields.
func exemptField(lower string) bool {
	return lower == "policy" || lower == "x-amz-signature" || lower == "file" || strings.HasPrefix(lower, "x-ignore-")
}

// LintPostPolicy reports what would make S3 refuse a form with these fields
// and this policy, or make it do what its author cannot have meant:
// conditions no field satisfies, fields no condition allows ("extra input
// fields"), fields given twice, fixed field values a condition refuses,
// values S3 refuses or that are unsafe (checkValue: a redirect target that is
// not absolute http or https, a Content-Type that is not a MIME type,
// starts-with where S3 allows exact matching only), and an expiration at or
// before the signing time. PostPolicy refuses every one of these.
func LintPostPolicy(pol Policy, fields []Field, signedAt time.Time) []Finding {
	var out []Finding
	if !signedAt.IsZero() && expiresBeforeSigning(pol.Expiration, signedAt) {
		out = append(out, Finding{FindingExpiredBeforeSigning, FieldExpiration, "the policy expires before it is signed"})
	}
	for _, x := range lintForm(pol.Conditions, fields) {
		out = append(out, x.Finding)
	}
	return out
}

func expiresBeforeSigning(expiration, signedAt time.Time) bool {
	return !expiration.After(signedAt)
}

// formFinding is a Finding with the indexes of the condition and of the
// field it concerns (-1 for none) and, for invalid values, the reason.
type formFinding struct {
	Finding
	cond, field int
	reason      error
}

// lintForm holds the checks LintPostPolicy and PostPolicy share.
func lintForm(conds []Condition, fields []Field) []formFinding {
	var out []formFinding
	for i, c := range conds {
		if c.Op == OpContentLengthRange {
			continue
		}
		if err := checkValue(c.Field, c.Op, c.Value); err != nil {
			e := err.(*FieldError)
			out = append(out, formFinding{Finding{FindingConditionInvalid, c.Field, e.Message}, i, -1, e.Reason})
		}
		if strings.EqualFold(c.Field, "bucket") {
			continue
		}
		j := fieldIndex(fields, c.Field)
		if j < 0 {
			out = append(out, formFinding{Finding{FindingConditionWithoutField, c.Field, "has a condition but no form field"}, i, -1, nil})
			continue
		}
		if !strings.Contains(fields[j].Value, "${filename}") && !conditionHolds(c, fields[j].Value) {
			out = append(out, formFinding{Finding{FindingFieldViolates, fields[j].Name, "has a value its condition refuses"}, i, j, nil})
		}
	}
	for j, f := range fields {
		lower := strings.ToLower(f.Name)
		if k := fieldIndex(fields, f.Name); k < j {
			out = append(out, formFinding{Finding{FindingFieldRepeated, f.Name, "is in the form twice (S3 refuses the upload)"}, -1, j, nil})
			continue
		}
		if err := checkValue(f.Name, OpEq, f.Value); err != nil {
			e := err.(*FieldError)
			out = append(out, formFinding{Finding{FindingFieldInvalid, f.Name, e.Message}, -1, j, e.Reason})
		}
		if !exemptField(lower) && !conditionCovers(conds, f.Name) {
			out = append(out, formFinding{Finding{FindingFieldWithoutCondition, f.Name, "is sent but no condition allows it (S3: extra input fields)"}, -1, j, nil})
		}
	}
	return out
}

// checkValue holds the rules for what a field holds (op OpEq) or a
// condition allows (OpEq or OpStartsWith), by the field's name, from AWS's
// table of POST policy conditions
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html#sigv4-PolicyConditions).
func checkValue(name, op, value string) error {
	lower := strings.ToLower(name)
	if hasControl(value) {
		return invalid(ErrMalformed, "contains a control character")
	}
	if op == OpStartsWith && exactMatchOnly(lower) {
		return invalid(ErrUnsupported, "allows exact matching only (S3 refuses starts-with on it)")
	}
	switch lower {
	case "success_action_status":
		if value != "200" && value != "201" && value != "204" {
			return invalid(ErrOutOfRange, "must be 200, 201 or 204")
		}
	case "success_action_redirect", "redirect":
		// The browser follows the redirect from the bucket's answer: a
		// javascript: or relative target, or a prefix that leaves the
		// scheme open, would run or go wherever the uploader chose.
		if op == OpStartsWith {
			if !hasHTTPScheme(value) {
				return invalid(ErrMalformed, "must start with http:// or https://, so the prefix fixes the scheme")
			}
		} else if _, err := parseURL(value); err != nil {
			return invalid(ErrMalformed, "must be an absolute http or https URL")
		}
	case "content-type":
		if op == OpEq && !isMediaType(value) {
			return invalid(ErrMalformed, "must be a MIME type such as image/png")
		}
	}
	return nil
}

// exactMatchOnly reports the conditions AWS documents as exact matching
// only: bucket, success_action_status, and x-amz-* other than x-amz-meta-*.
func exactMatchOnly(lower string) bool {
	return lower == "bucket" || lower == "success_action_status" ||
		strings.HasPrefix(lower, "x-amz-") && !strings.HasPrefix(lower, "x-amz-meta-")
}

func hasHTTPScheme(s string) bool {
	lower := strings.ToLower(s)
	return strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://")
}

// isMediaType accepts type/subtype with optional parameters, no wildcard,
// and no comma: browsers read "image/png,text/html" as its last type.
func isMediaType(s string) bool {
	base, _, _ := strings.Cut(s, ";")
	typ, sub, ok := strings.Cut(strings.TrimSpace(base), "/")
	return ok && isToken(typ) && isToken(sub) && !strings.ContainsAny(s, ",*")
}

func fieldIndex(fields []Field, name string) int {
	for i, f := range fields {
		if strings.EqualFold(f.Name, name) {
			return i
		}
	}
	return -1
}

func findField(fields []Field, name string) (Field, bool) {
	for _, f := range fields {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return Field{}, false
}

func conditionHolds(c Condition, value string) bool {
	switch c.Op {
	case OpEq:
		return value == c.Value
	case OpStartsWith:
		return strings.HasPrefix(value, c.Value)
	}
	return true
}

// File describes a file a user is about to upload.
type File struct {
	Name        string
	Size        int64
	ContentType string
}

// CheckUpload answers whether S3 would accept file through a form with
// these fields and policy at time now, the way S3 evaluates it: ${filename}
// in the key becomes the file's name; a Content-Type field allowed by a
// starts-with condition takes the file's type (the upload enhancer sets it);
// the size must lie in content-length-range. No findings means accepted.
func CheckUpload(pol Policy, fields []Field, file File, now time.Time) []Finding {
	var out []Finding
	if !now.IsZero() && now.After(pol.Expiration) {
		out = append(out, Finding{FindingExpired, FieldExpiration, "the policy has expired"})
	}
	values := make([]Field, 0, len(fields))
	for _, f := range fields {
		v := strings.ReplaceAll(f.Value, "${filename}", file.Name)
		if strings.EqualFold(f.Name, "Content-Type") && file.ContentType != "" && startsWithCondition(pol.Conditions, f.Name) {
			v = file.ContentType
		}
		values = append(values, Field{f.Name, v})
	}
	for _, c := range pol.Conditions {
		if c.Op == OpContentLengthRange {
			if file.Size < c.Min {
				out = append(out, Finding{FindingFileTooSmall, "file", "is smaller than the policy allows"})
			} else if file.Size > c.Max {
				out = append(out, Finding{FindingFileTooLarge, "file", "is larger than the policy allows"})
			}
			continue
		}
		if strings.EqualFold(c.Field, "bucket") {
			continue
		}
		f, ok := findField(values, c.Field)
		if !ok {
			out = append(out, Finding{FindingConditionWithoutField, c.Field, "has a condition but no form field"})
		} else if !conditionHolds(c, f.Value) {
			out = append(out, Finding{FindingFieldViolates, f.Name, "has a value its condition refuses"})
		}
	}
	return out
}

func startsWithCondition(conds []Condition, field string) bool {
	for _, c := range conds {
		if c.Op == OpStartsWith && strings.EqualFold(c.Field, field) {
			return true
		}
	}
	return false
}
