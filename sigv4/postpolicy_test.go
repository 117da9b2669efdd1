package sigv4

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/rand/v2"
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
		Conditions:         []Condition{{Op: OpStartsWith, Field: "x-amz-meta-tag", Value: ""}},
		ContentTypes:       []string{"image/jpeg", "image/png"},
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
	assert.Contains(t, res.Conditions, Condition{Op: OpStartsWith, Field: "Content-Type", Value: "image/"}, "the types' common prefix")
	assert.Equal(t, []string{"image/jpeg", "image/png"}, res.ContentTypes)
	assert.Contains(t, res.HTML, "<select name=\"Content-Type\" required>\n    <option value=\"\">Content-Type</option>\n    <option>image/jpeg</option>\n    <option>image/png</option>\n  </select>\n")
	assert.NotContains(t, res.HTML, `name="Content-Type" value=`, "no hidden Content-Type beside the select")
	assert.Contains(t, res.HTML, `<input type="file" name="file" required accept="image/jpeg,image/png">`)
	assert.Contains(t, res.HTML, `data-max-size="10485760"`)
	assert.Contains(t, res.HTML, `data-accept="image/jpeg,image/png"`, "the enhancer reads the list")
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
	html := RenderForm("https://b/", []Field{{"key", "k"}, {"acl", "private"}}, nil, nil, "")
	assert.Less(t, strings.Index(html, `name="key"`), strings.Index(html, `name="acl"`))
	assert.Less(t, strings.Index(html, `name="acl"`), strings.Index(html, `type="file"`), "file input last")
	assert.Contains(t, html, `<button type="submit">Upload</button>`, "default label")
}

func TestRenderFormSubmitLabelEscaped(t *testing.T) {
	html := RenderForm("https://b/", nil, nil, nil, `Загрузить <b>&</b>`)
	assert.Contains(t, html, `<button type="submit">Загрузить &lt;b&gt;&amp;&lt;/b&gt;</button>`)
}

// TestPostPolicyChecksConditionsLikeFields: each input that once gave a form
// S3 refuses (or one that runs script) is refused, naming every input
// involved: a contradiction names the field and the condition.
func TestPostPolicyChecksConditionsLikeFields(t *testing.T) {
	sw := func(field, value string) Condition { return Condition{Op: OpStartsWith, Field: field, Value: value} }
	eq := func(field, value string) Condition { return Condition{Op: OpEq, Field: field, Value: value} }
	type want struct {
		field  string
		reason error
	}
	tests := []struct {
		name   string
		mutate func(*PostPolicyInput)
		want   []want
	}{
		{"starts-with on policy is reserved", func(in *PostPolicyInput) { in.Conditions = []Condition{sw("policy", "")} }, []want{{"conditions[0]", ErrUnsupported}}},
		{"starts-with on file is reserved", func(in *PostPolicyInput) { in.Conditions = []Condition{sw("file", "")} }, []want{{"conditions[0]", ErrUnsupported}}},
		{"starts-with on x-amz-credential is reserved", func(in *PostPolicyInput) { in.Conditions = []Condition{sw("x-amz-credential", "AKIA")} }, []want{{"conditions[0]", ErrUnsupported}}},
		{"eq on X-Amz-Date in any case is reserved", func(in *PostPolicyInput) { in.Conditions = []Condition{eq("X-AMZ-DATE", "20151229T000000Z")} }, []want{{"conditions[0]", ErrUnsupported}}},
		{"starts-with on x-amz-signature is reserved", func(in *PostPolicyInput) { in.Conditions = []Condition{sw("x-amz-signature", "")} }, []want{{"conditions[0]", ErrUnsupported}}},
		{"starts-with on x-amz-algorithm is reserved", func(in *PostPolicyInput) { in.Conditions = []Condition{sw("x-amz-algorithm", "")} }, []want{{"conditions[0]", ErrUnsupported}}},
		{"starts-with on x-amz-security-token is reserved", func(in *PostPolicyInput) { in.Conditions = []Condition{sw("x-amz-security-token", "")} }, []want{{"conditions[0]", ErrUnsupported}}},
		{"starts-with on bucket is reserved", func(in *PostPolicyInput) { in.Conditions = []Condition{sw("bucket", "b")} }, []want{{"conditions[0]", ErrUnsupported}}},
		{"condition on key is set by key", func(in *PostPolicyInput) { in.Conditions = []Condition{sw("key", "")} }, []want{{"conditions[0]", ErrUnsupported}}},
		{"redirect prefix javascript: is refused", func(in *PostPolicyInput) {
			in.Conditions = []Condition{sw("success_action_redirect", "javascript:alert(1)//")}
		}, []want{{"conditions[0]", ErrMalformed}}},
		{"redirect prefix java does not fix the scheme", func(in *PostPolicyInput) { in.Conditions = []Condition{sw("redirect", "java")} }, []want{{"conditions[0]", ErrMalformed}}},
		{"empty redirect prefix does not fix the scheme", func(in *PostPolicyInput) { in.Conditions = []Condition{sw("success_action_redirect", "")} }, []want{{"conditions[0]", ErrMalformed}}},
		{"redirect prefix https:// alone puts no URL in the form", func(in *PostPolicyInput) {
			in.Conditions = []Condition{sw("success_action_redirect", "https://")}
		}, []want{{"conditions[0]", ErrMalformed}}},
		{"eq redirect to a relative target", func(in *PostPolicyInput) { in.Conditions = []Condition{eq("success_action_redirect", "/done")} }, []want{{"conditions[0]", ErrMalformed}}},
		{"redirect field javascript:", func(in *PostPolicyInput) {
			in.Fields = []Field{{"success_action_redirect", "javascript:alert(1)//"}}
		}, []want{{"fields.success_action_redirect", ErrMalformed}}},
		{"field and contradicting eq condition name each other", func(in *PostPolicyInput) {
			in.Fields = []Field{{"acl", "private"}}
			in.Conditions = []Condition{eq("acl", "public-read")}
		}, []want{{"fields.acl", ErrOutOfRange}, {"conditions[0]", ErrOutOfRange}}},
		{"field outside a starts-with condition", func(in *PostPolicyInput) {
			in.Fields = []Field{{"x-amz-meta-tag", "b-1"}}
			in.Conditions = []Condition{sw("x-amz-meta-tag", "a-")}
		}, []want{{"fields.x-amz-meta-tag", ErrOutOfRange}, {"conditions[0]", ErrOutOfRange}}},
		{"two conditions that contradict", func(in *PostPolicyInput) {
			in.Conditions = []Condition{eq("acl", "private"), eq("acl", "public-read")}
		}, []want{{"conditions[1]", ErrOutOfRange}}},
		{"starts-with on success_action_status is exact only", func(in *PostPolicyInput) {
			in.Conditions = []Condition{sw("success_action_status", "20")}
		}, []want{{"conditions[0]", ErrUnsupported}}},
		{"starts-with on x-amz-storage-class is exact only", func(in *PostPolicyInput) {
			in.Conditions = []Condition{sw("x-amz-storage-class", "")}
		}, []want{{"conditions[0]", ErrUnsupported}}},
		{"condition success_action_status 302", func(in *PostPolicyInput) { in.Conditions = []Condition{eq("success_action_status", "302")} }, []want{{"conditions[0]", ErrOutOfRange}}},
		{"Content-Type prefix without types puts image/ in the form", func(in *PostPolicyInput) {
			in.Conditions = []Condition{sw("Content-Type", "image/")}
		}, []want{{"conditions[0]", ErrMalformed}}},
		{"control character in an x-ignore- field", func(in *PostPolicyInput) { in.Fields = []Field{{"x-ignore-note", "a\nb"}} }, []want{{"fields.x-ignore-note", ErrMalformed}}},
		{"control character in a condition", func(in *PostPolicyInput) { in.Conditions = []Condition{eq("x-amz-meta-a", "a\rb")} }, []want{{"conditions[0]", ErrMalformed}}},
		{"Content-Type field that is a prefix", func(in *PostPolicyInput) { in.Fields = []Field{{"Content-Type", "image/"}} }, []want{{"fields.Content-Type", ErrMalformed}}},
		{"Content-Type field with two types", func(in *PostPolicyInput) { in.Fields = []Field{{"Content-Type", "image/png,text/html"}} }, []want{{"fields.Content-Type", ErrMalformed}}},
		{"a content type that is a prefix", func(in *PostPolicyInput) { in.ContentTypes = []string{"image/png", "image/"} }, []want{{"contentTypes[1]", ErrMalformed}}},
		{"a content type with a wildcard", func(in *PostPolicyInput) { in.ContentTypes = []string{"image/*"} }, []want{{"contentTypes[0]", ErrMalformed}}},
		{"content types of two top-level types", func(in *PostPolicyInput) { in.ContentTypes = []string{"image/png", "text/plain"} }, []want{{"contentTypes", ErrUnsupported}}},
		{"content type given twice", func(in *PostPolicyInput) { in.ContentTypes = []string{"image/png", "IMAGE/PNG"} }, []want{{"contentTypes[1]", ErrMalformed}}},
		{"content types and a Content-Type field", func(in *PostPolicyInput) {
			in.ContentTypes = []string{"image/png"}
			in.Fields = []Field{{"Content-Type", "image/png"}}
		}, []want{{"contentTypes", ErrUnsupported}}},
		{"content type outside the Content-Type condition", func(in *PostPolicyInput) {
			in.ContentTypes = []string{"image/png", "text/plain"}
			in.Conditions = []Condition{sw("Content-Type", "image/")}
		}, []want{{"contentTypes[1]", ErrOutOfRange}, {"conditions[0]", ErrOutOfRange}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := PostPolicyInput{Context: postCtx, URL: "https://bkt.s3.amazonaws.com/", Key: "k", Expires: time.Hour}
			tc.mutate(&in)
			_, err := PostPolicy(in)
			for _, w := range tc.want {
				requireFieldError(t, err, w.field, w.reason)
			}
		})
	}
}

// TestPostPolicyAcceptsWhatS3Accepts: the nearby inputs that are fine.
func TestPostPolicyAcceptsWhatS3Accepts(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*PostPolicyInput)
		field  Field // a field the form must carry
	}{
		{"redirect prefix https:// with the full target as a field", func(in *PostPolicyInput) {
			in.Fields = []Field{{"success_action_redirect", "https://example.com/done"}}
			in.Conditions = []Condition{{Op: OpStartsWith, Field: "success_action_redirect", Value: "https://"}}
		}, Field{"success_action_redirect", "https://example.com/done"}},
		{"redirect prefix that is itself a URL becomes the field", func(in *PostPolicyInput) {
			in.Conditions = []Condition{{Op: OpStartsWith, Field: "success_action_redirect", Value: "https://example.com/"}}
		}, Field{"success_action_redirect", "https://example.com/"}},
		{"upper-case scheme in a redirect prefix", func(in *PostPolicyInput) {
			in.Conditions = []Condition{{Op: OpStartsWith, Field: "redirect", Value: "HTTPS://example.com/"}}
		}, Field{"redirect", "HTTPS://example.com/"}},
		{"eq condition adds its field", func(in *PostPolicyInput) {
			in.Conditions = []Condition{{Op: OpEq, Field: "acl", Value: "public-read"}}
		}, Field{"acl", "public-read"}},
		{"field within its starts-with condition", func(in *PostPolicyInput) {
			in.Fields = []Field{{"x-amz-meta-tag", "a-1"}}
			in.Conditions = []Condition{{Op: OpStartsWith, Field: "x-amz-meta-tag", Value: "a-"}}
		}, Field{"x-amz-meta-tag", "a-1"}},
		{"one content type is a hidden field", func(in *PostPolicyInput) { in.ContentTypes = []string{"application/pdf"} }, Field{"Content-Type", "application/pdf"}},
		{"content types under the author's own prefix", func(in *PostPolicyInput) {
			in.ContentTypes = []string{"image/png", "text/plain"}
			in.Conditions = []Condition{{Op: OpStartsWith, Field: "Content-Type", Value: ""}}
		}, Field{"Content-Type", "image/png"}},
		{"Content-Type field with a parameter", func(in *PostPolicyInput) {
			in.Fields = []Field{{"Content-Type", "text/plain; charset=utf-8"}}
		}, Field{"Content-Type", "text/plain; charset=utf-8"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := PostPolicyInput{Context: postCtx, URL: "https://bkt.s3.amazonaws.com/", Key: "k", Expires: time.Hour}
			tc.mutate(&in)
			res, err := PostPolicy(in)
			require.NoError(t, err, "PostPolicy")
			assert.Contains(t, res.Fields, tc.field, "form fields")
			pol, err := ParsePolicy(res.Policy)
			require.NoError(t, err, "ParsePolicy")
			assert.Empty(t, LintPostPolicy(pol, res.Fields, postCtx.Time), "the form lints clean")
		})
	}
}

// TestLintPostPolicyFlagsWhatPostPolicyRefuses: the linter holds the checks
// PostPolicy applies, so a hand-made form with the same faults is flagged.
func TestLintPostPolicyFlagsWhatPostPolicyRefuses(t *testing.T) {
	base := []Field{{"key", "k"}}
	baseConds := []Condition{{Op: OpEq, Field: "key", Value: "k"}}
	tests := []struct {
		name   string
		conds  []Condition
		fields []Field
		want   string
	}{
		{"redirect prefix that leaves the scheme open", []Condition{{Op: OpStartsWith, Field: "success_action_redirect", Value: "java"}},
			[]Field{{"success_action_redirect", "javascript:alert(1)//"}}, FindingConditionInvalid},
		{"redirect field that is not http", []Condition{{Op: OpStartsWith, Field: "success_action_redirect", Value: ""}},
			[]Field{{"success_action_redirect", "javascript:alert(1)//"}}, FindingFieldInvalid},
		{"Content-Type field holding a prefix", []Condition{{Op: OpStartsWith, Field: "Content-Type", Value: "image/"}},
			[]Field{{"Content-Type", "image/"}}, FindingFieldInvalid},
		{"x-amz-date given twice", []Condition{{Op: OpStartsWith, Field: "X-Amz-Date", Value: ""}},
			[]Field{{"X-Amz-Date", "20151229T000000Z"}, {"x-amz-date", ""}}, FindingFieldRepeated},
		{"starts-with where S3 matches exactly", []Condition{{Op: OpStartsWith, Field: "x-amz-date", Value: ""}},
			[]Field{{"x-amz-date", "20151229T000000Z"}}, FindingConditionInvalid},
		{"field and contradicting condition", []Condition{{Op: OpEq, Field: "acl", Value: "public-read"}},
			[]Field{{"acl", "private"}}, FindingFieldViolates},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pol := Policy{Expiration: postCtx.Time.Add(time.Hour), Conditions: append(append([]Condition(nil), baseConds...), tc.conds...)}
			var codes []string
			for _, f := range LintPostPolicy(pol, append(append([]Field(nil), base...), tc.fields...), postCtx.Time) {
				codes = append(codes, f.Code)
			}
			assert.Contains(t, codes, tc.want, "LintPostPolicy")
		})
	}
}

// TestPostPolicyNeverSignsWhatItsLinterFlags draws seeded random inputs from
// a vocabulary of names, operators and values (reserved names, redirect
// targets and prefixes, MIME types and prefixes, contradicting values):
// every form PostPolicy signs lints clean, and every input it refuses has
// an error naming an input.
func TestPostPolicyNeverSignsWhatItsLinterFlags(t *testing.T) {
	const seed, runs = 20261128, 3000
	rng := rand.New(rand.NewPCG(seed, 0))
	names := []string{"acl", "Content-Type", "success_action_redirect", "redirect", "success_action_status", "x-amz-meta-tag",
		"x-amz-storage-class", "X-Amz-Date", "policy", "file", "bucket", "key", "x-ignore-a", "Cache-Control"}
	values := []string{"", "private", "public-read", "image/", "image/png", "image/jpeg", "text/html", "image/png,text/html",
		"https://", "https://example.com/", "https://example.com/done", "http://x/", "javascript:alert(1)//", "java", "/done",
		"200", "201", "302", "AES256", "STANDARD", "a\nb"}
	types := []string{"image/png", "image/jpeg", "image/", "text/plain", "image/*"}
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	signed, refused := 0, 0
	for i := 0; i < runs; i++ {
		in := PostPolicyInput{Context: postCtx, URL: "https://bkt.s3.amazonaws.com/", Key: "k", Expires: time.Hour}
		for n := rng.IntN(3); n > 0; n-- {
			in.Fields = append(in.Fields, Field{pick(names), pick(values)})
		}
		for n := rng.IntN(3); n > 0; n-- {
			op := OpEq
			if rng.IntN(2) == 0 {
				op = OpStartsWith
			}
			in.Conditions = append(in.Conditions, Condition{Op: op, Field: pick(names), Value: pick(values)})
		}
		for n := rng.IntN(3); n > 0 && rng.IntN(3) == 0; n-- {
			in.ContentTypes = append(in.ContentTypes, pick(types))
		}
		res, err := PostPolicy(in)
		if err != nil {
			refused++
			var ve *ValidationError
			require.ErrorAs(t, err, &ve, "input %d: %+v", i, in)
			for _, fe := range ve.Errors {
				require.NotEmpty(t, fe.Field, "input %d: an error names an input: %v", i, err)
			}
			continue
		}
		signed++
		pol, err := ParsePolicy(res.Policy)
		require.NoError(t, err, "input %d: ParsePolicy", i)
		for _, typ := range append([]string{""}, res.ContentTypes...) {
			fields := res.Fields
			if typ != "" {
				fields = append([]Field(nil), res.Fields...)
				fields[fieldIndex(fields, "Content-Type")].Value = typ
			}
			require.Empty(t, LintPostPolicy(pol, fields, postCtx.Time), "input %d signed (Content-Type %q): %+v", i, typ, in)
		}
	}
	t.Logf("seed %d: %d inputs, %d signed and lint clean, %d refused with named errors", seed, runs, signed, refused)
	assert.Greater(t, signed, runs/20, "enough inputs are signed for the property to say something")
}
