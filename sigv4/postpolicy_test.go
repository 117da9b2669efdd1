package sigv4

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDocExamplePostPolicy(t *testing.T) {
	e := loadDocExamples(t)["s3-post-policy-browser-upload"]
	doc := e.in(t, "policy_document")
	b64 := base64.StdEncoding.EncodeToString([]byte(doc))
	require.Equal(t, e.want(t, "policy_base64"), b64, "published policy encodes to the published base64")
	d, err := SignPostPolicy(e.context(t), b64)
	require.NoError(t, err, "SignPostPolicy")
	assert.Equal(t, e.want(t, "string_to_sign"), d.StringToSign)
	assert.Equal(t, e.want(t, "credential_scope"), d.CredentialScope)
	assert.Equal(t, e.want(t, "signing_key_hex"), d.SigningKey)
	assert.Equal(t, e.want(t, "signature"), d.Signature)

	// The published policy, parsed, satisfies the published form.
	pol, err := ParsePolicy(doc)
	require.NoError(t, err, "ParsePolicy")
	assert.Equal(t, time.Date(2015, 12, 30, 12, 0, 0, 0, time.UTC), pol.Expiration)
	assert.Len(t, pol.Conditions, 11)
	var fields []Field
	for _, f := range e.pairs(t, "form_fields") {
		if f[0] != "file" {
			fields = append(fields, Field{f[0], f[1]})
		}
	}
	assert.Empty(t, LintPostPolicy(pol, fields, time.Date(2015, 12, 29, 0, 0, 0, 0, time.UTC)), "published form lints clean")
}

var postCtx = Context{
	Credentials: Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
	Region:      "us-east-1", Service: "s3", Time: time.Date(2015, 12, 29, 0, 0, 0, 0, time.UTC),
}

func TestPostPolicyBuildsConsistentForm(t *testing.T) {
	in := PostPolicyInput{
		Context:    postCtx,
		URL:        "http://sigv4examplebucket.s3.amazonaws.com/",
		KeyPrefix:  "user/user1/",
		Expiration: time.Date(2015, 12, 30, 12, 0, 0, 0, time.UTC),
		Fields: []Field{{"acl", "public-read"}, {"success_action_redirect", "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"},
			{"x-amz-meta-uuid", "14365123651274"}, {"x-amz-server-side-encryption", "AES256"}},
		Conditions:         []Condition{{Op: OpStartsWith, Field: "Content-Type", Value: "image/"}, {Op: OpStartsWith, Field: "x-amz-meta-tag", Value: ""}},
		ContentLengthRange: &LengthRange{1, 10 << 20},
	}
	res, err := PostPolicy(in)
	require.NoError(t, err, "PostPolicy")

	assert.Equal(t, "key", res.Fields[0].Name, "key comes first")
	assert.Equal(t, "user/user1/${filename}", res.Fields[0].Value)
	assert.Equal(t, "X-Amz-Signature", res.Fields[len(res.Fields)-1].Name, "signature comes last")
	assert.Equal(t, "sigv4examplebucket", res.Conditions[0].Value, "bucket taken from the host")
	assert.Equal(t, "2015-12-30T12:00:00.000Z", mustJSON(t, res.Policy)["expiration"])

	var policy map[string]any
	raw, err := base64.StdEncoding.DecodeString(res.PolicyBase64)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &policy), "policy is JSON")
	assert.Equal(t, res.Policy, string(raw))

	// The signature is HMAC(kSigning, base64 policy): recompute through the
	// independent SignPostPolicy path.
	d, err := SignPostPolicy(postCtx, res.PolicyBase64)
	require.NoError(t, err)
	assert.Equal(t, d.Signature, res.Debug.Signature)

	pol, err := ParsePolicy(res.Policy)
	require.NoError(t, err, "our own policy parses")
	assert.Equal(t, res.Conditions, pol.Conditions)
	assert.Empty(t, LintPostPolicy(pol, res.Fields, postCtx.Time), "every field has a condition and every condition a field")

	for _, tc := range []struct {
		name string
		file File
		want []string
	}{
		{"image within range is accepted", File{"cat.jpg", 1000, "image/jpeg"}, nil},
		{"text file is refused", File{"a.txt", 1000, "text/plain"}, []string{FindingFieldViolates}},
		{"empty file is refused", File{"cat.jpg", 0, "image/jpeg"}, []string{FindingFileTooSmall}},
		{"one byte too large is refused", File{"cat.jpg", 10<<20 + 1, "image/jpeg"}, []string{FindingFileTooLarge}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var codes []string
			for _, f := range CheckUpload(pol, res.Fields, tc.file, postCtx.Time) {
				codes = append(codes, f.Code)
			}
			assert.Equal(t, tc.want, codes)
		})
	}
	assert.Contains(t, res.HTML, `<input type="file" name="file" required accept="image/*">`)
	assert.Contains(t, res.HTML, `data-max-size="10485760"`)
	assert.Contains(t, res.HTML, `data-accept="image/"`, "the enhancer reads a prefix")
}

func mustJSON(t *testing.T, s string) map[string]any {
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &m))
	return m
}

func TestPostPolicyEscapesHostileValues(t *testing.T) {
	hostile := `"><script>alert(1)</script>` + "\u2028" + `\`
	res, err := PostPolicy(PostPolicyInput{Context: postCtx, URL: "https://bkt.s3.amazonaws.com/", Key: "a/" + hostile,
		Expires: time.Hour, Fields: []Field{{"x-amz-meta-note", hostile}}})
	require.NoError(t, err)
	var policy struct {
		Conditions []any `json:"conditions"`
	}
	require.NoError(t, json.Unmarshal([]byte(res.Policy), &policy), "policy stays valid JSON")
	assert.Contains(t, policy.Conditions, map[string]any{"x-amz-meta-note": hostile}, "value round-trips")
	assert.NotContains(t, res.HTML, "<script>", "no markup injected into the form")
	assert.Contains(t, res.HTML, "&lt;script&gt;")
}

func TestPostPolicyErrors(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*PostPolicyInput)
		field  string
		reason error
	}{
		{"no key", func(in *PostPolicyInput) { in.Key = "" }, FieldKey, ErrMissing},
		{"key and prefix", func(in *PostPolicyInput) { in.KeyPrefix = "p/" }, FieldKeyPrefix, ErrUnsupported},
		{"no expiry", func(in *PostPolicyInput) { in.Expires = 0 }, FieldExpires, ErrMissing},
		{"expiration before signing", func(in *PostPolicyInput) { in.Expires = 0; in.Expiration = postCtx.Time.Add(-time.Hour) }, FieldExpiration, ErrOutOfRange},
		{"reserved field", func(in *PostPolicyInput) { in.Fields = []Field{{"Policy", "x"}} }, "fields.Policy", ErrUnsupported},
		{"bad status", func(in *PostPolicyInput) { in.Fields = []Field{{"success_action_status", "302"}} }, "fields.success_action_status", ErrOutOfRange},
		{"unknown operator", func(in *PostPolicyInput) { in.Conditions = []Condition{{Op: "ends-with", Field: "key"}} }, "conditions[0]", ErrUnsupported},
		{"range min above max", func(in *PostPolicyInput) { in.ContentLengthRange = &LengthRange{10, 1} }, FieldContentLengthRange, ErrOutOfRange},
		{"range above 5 GiB", func(in *PostPolicyInput) {
			in.Conditions = []Condition{{Op: OpContentLengthRange, Min: 0, Max: 6 << 30}}
		}, "conditions[0]", ErrOutOfRange},
		{"other service", func(in *PostPolicyInput) { in.Service = "ses" }, FieldService, ErrUnsupported},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := PostPolicyInput{Context: postCtx, URL: "https://bkt.s3.amazonaws.com/", Key: "k", Expires: time.Hour}
			tc.mutate(&in)
			_, err := PostPolicy(in)
			requireFieldError(t, err, tc.field, tc.reason)
		})
	}
}

// requireFieldError checks an error by type, field and reason, never text.
func requireFieldError(t *testing.T, err error, field string, reason error) {
	t.Helper()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	for _, fe := range ve.Errors {
		if fe.Field == field {
			assert.True(t, errors.Is(&fe, reason), "field %s: reason %v, want %v", field, fe.Reason, reason)
			return
		}
	}
	t.Fatalf("no error for field %q in %v", field, ve.Errors)
}

func TestParseConditionForms(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want Condition
	}{
		{"object is exact match", `{"acl":"public-read"}`, Condition{Op: OpEq, Field: "acl", Value: "public-read"}},
		{"eq array", `["eq","$acl","private"]`, Condition{Op: OpEq, Field: "acl", Value: "private"}},
		{"starts-with", `["starts-with","$key","user/"]`, Condition{Op: OpStartsWith, Field: "key", Value: "user/"}},
		{"range with numbers", `["content-length-range",1,1048576]`, Condition{Op: OpContentLengthRange, Min: 1, Max: 1048576}},
		{"range with strings", `["content-length-range","0","10"]`, Condition{Op: OpContentLengthRange, Min: 0, Max: 10}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseCondition(tc.doc)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	for _, bad := range []string{`[]`, `["starts-with","key","x"]`, `["content-length-range",1.5,2]`, `{"a":"b","c":"d"}`, `["between",1,2]`, `42`, `{`, `["content-length-range",5,1]`} {
		_, err := ParseCondition(bad)
		assert.Error(t, err, bad)
	}
}

func TestRenderFormOrder(t *testing.T) {
	html := RenderForm("https://b/", []Field{{"key", "k"}, {"acl", "private"}}, nil, "")
	assert.Less(t, strings.Index(html, `name="key"`), strings.Index(html, `name="acl"`))
	assert.Less(t, strings.Index(html, `name="acl"`), strings.Index(html, `type="file"`), "file input last")
	assert.Contains(t, html, `<button type="submit">Upload</button>`, "default label")
}

func TestRenderFormSubmitLabelEscaped(t *testing.T) {
	html := RenderForm("https://b/", nil, nil, `Загрузить <b>&</b>`)
	assert.Contains(t, html, `<button type="submit">Загрузить &lt;b&gt;&amp;&lt;/b&gt;</button>`)
}
