//go:build !js

package e2e

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// withQueryParam returns the signed URL u with the raw value of its query
// parameter name replaced, every other byte kept.
func withQueryParam(t testing.TB, u, name, value string) string {
	t.Helper()
	base, query, ok := strings.Cut(u, "?")
	require.True(t, ok, "URL %s has no query", u)
	params := strings.Split(query, "&")
	for i, p := range params {
		if n, _, _ := strings.Cut(p, "="); n == name {
			params[i] = name + "=" + value
			return base + "?" + strings.Join(params, "&")
		}
	}
	t.Fatalf("URL %s has no query parameter %s", u, name)
	return ""
}

// queryParam returns the raw value of a query parameter of u.
func queryParam(t testing.TB, u, name string) string {
	t.Helper()
	_, query, _ := strings.Cut(u, "?")
	for p := range strings.SplitSeq(query, "&") {
		if n, v, _ := strings.Cut(p, "="); n == name {
			return v
		}
	}
	t.Fatalf("URL %s has no query parameter %s", u, name)
	return ""
}

// flipHex changes one hex digit of s, at position i.
func flipHex(s string, i int) string {
	c := byte('0')
	if s[i] == '0' {
		c = '1'
	}
	return s[:i] + string(c) + s[i+1:]
}

// withHeader returns headers with the value of name replaced.
func withHeader(t testing.TB, headers []sigv4.Header, name, value string) []sigv4.Header {
	t.Helper()
	out := append([]sigv4.Header(nil), headers...)
	for i := range out {
		if strings.EqualFold(out[i].Name, name) {
			out[i].Value = value
			return out
		}
	}
	t.Fatalf("no header %s", name)
	return nil
}

// TestS3TamperingIsRefused changes one thing in each signed request and
// shows that MinIO refuses every one with 403 (or the error S3 documents for
// that case), and that nothing was changed by the refused requests.
func TestS3TamperingIsRefused(t *testing.T) {
	m := minioServer(t)
	ctx := rootContext(m)
	bucket := uniqueBucket(t, m, "s3-tamper")
	target := objectURL(t, m, bucket, "tamper/target ü+.txt")
	other := objectURL(t, m, bucket, "tamper/other.txt")
	original := []byte("original content")
	for _, u := range []string{target, other} {
		res := signFor(t, ctx, http.MethodPut, u, nil, original, false)
		a := send(t, res.Method, res.URL, res.Headers, original)
		require.Equal(t, http.StatusOK, a.Status, "PUT %s: %s", u, a)
	}

	get := presignFor(t, ctx, http.MethodGet, target)
	typedPut := presignFor(t, ctx, http.MethodPut, target, sigv4.Header{Name: "Content-Type", Value: "text/plain"})
	signedGet := signFor(t, ctx, http.MethodGet, target, []sigv4.Header{{Name: "Range", Value: "bytes=0-3"}}, nil, true)
	newBody := []byte("replaced content")
	signedPut := signFor(t, ctx, http.MethodPut, target, nil, newBody, false)

	otherCreds := func(accessKey, secret string) sigv4.Context {
		c := ctx
		c.Credentials = sigv4.Credentials{AccessKeyID: accessKey, SecretAccessKey: secret}
		return c
	}
	unknownKey := otherCreds("UNKNOWN"+strings.ToUpper(randomHex(6)), m.SecretAccessKey)
	wrongSecret := otherCreds(m.AccessKeyID, randomHex(20))
	past := ctx
	past.Time = ctx.Time.Add(-time.Hour)
	expired, err := sigv4.Presign(sigv4.PresignInput{Context: past, URL: target, Expires: time.Second})
	require.NoError(t, err, "Presign in the past")
	skewed := ctx
	skewed.Time = ctx.Time.Add(-20 * time.Minute)

	form := postPolicyFor(t, m, ctx, bucket, sigv4.PostPolicyInput{
		KeyPrefix: "tamper/form/",
		Fields:    []sigv4.Field{{Name: "x-amz-meta-tag", Value: "signed"}},
	})
	pastForm := ctx
	pastForm.Time = ctx.Time.Add(-2 * time.Hour)
	expiredForm, err := sigv4.PostPolicy(sigv4.PostPolicyInput{Context: pastForm, URL: m.URL(bucket), KeyPrefix: "tamper/form/", Expires: time.Second})
	require.NoError(t, err, "PostPolicy in the past")
	file := formFile{Name: "upload.txt", Content: []byte("form upload")}

	const forbidden = http.StatusForbidden
	mismatch := minioRefusal{forbidden, "SignatureDoesNotMatch"}
	denied := minioRefusal{forbidden, "AccessDenied"}
	tests := []struct {
		name string
		do   func(t *testing.T) s3Answer
		want minioRefusal
		// why is a phrase of MinIO's message, where the code alone
		// (AccessDenied) does not say what was refused.
		why string
	}{
		{"presigned GET: key changed", func(t *testing.T) s3Answer {
			return send(t, http.MethodGet, strings.Replace(get.URL, target, other, 1), nil, nil)
		}, mismatch, ""},
		{"presigned GET: key changed in case only", func(t *testing.T) s3Answer {
			return send(t, http.MethodGet, strings.Replace(get.URL, "target", "Target", 1), nil, nil)
		}, mismatch, ""},
		{"presigned GET used for DELETE", func(t *testing.T) s3Answer {
			return send(t, http.MethodDelete, get.URL, nil, nil)
		}, mismatch, ""},
		{"presigned GET used for PUT", func(t *testing.T) s3Answer {
			return send(t, http.MethodPut, get.URL, nil, newBody)
		}, mismatch, ""},
		{"presigned GET: X-Amz-Expires edited", func(t *testing.T) s3Answer {
			return send(t, http.MethodGet, withQueryParam(t, get.URL, "X-Amz-Expires", "3600"), nil, nil)
		}, mismatch, ""},
		{"presigned GET: X-Amz-Date edited by one second", func(t *testing.T) s3Answer {
			d := ctx.Time.Add(time.Second).Format("20060102T150405Z")
			return send(t, http.MethodGet, withQueryParam(t, get.URL, "X-Amz-Date", d), nil, nil)
		}, mismatch, ""},
		{"presigned GET: X-Amz-SignedHeaders edited", func(t *testing.T) s3Answer {
			return send(t, http.MethodGet, withQueryParam(t, get.URL, "X-Amz-SignedHeaders", "host%3Brange"), []sigv4.Header{{Name: "Range", Value: "bytes=0-1"}}, nil)
		}, mismatch, ""},
		{"presigned GET: unsigned query parameter added", func(t *testing.T) s3Answer {
			return send(t, http.MethodGet, strings.Replace(get.URL, "?", "?response-content-type=text%2Fhtml&", 1), nil, nil)
		}, mismatch, ""},
		{"presigned GET: one hex digit of the signature changed", func(t *testing.T) s3Answer {
			return send(t, http.MethodGet, flipHex(get.URL, len(get.URL)-1), nil, nil)
		}, mismatch, ""},
		{"presigned GET: first hex digit of the signature changed", func(t *testing.T) s3Answer {
			return send(t, http.MethodGet, flipHex(get.URL, len(get.URL)-64), nil, nil)
		}, mismatch, ""},
		{"presigned PUT: signed Content-Type sent with another value", func(t *testing.T) s3Answer {
			return send(t, http.MethodPut, typedPut.URL, []sigv4.Header{{Name: "Content-Type", Value: "text/html"}}, newBody)
		}, mismatch, ""},
		{"presigned PUT: used for another key", func(t *testing.T) s3Answer {
			return send(t, http.MethodPut, strings.Replace(typedPut.URL, target, objectURL(t, m, bucket, "tamper/new.txt"), 1), typedPut.Headers, newBody)
		}, mismatch, ""},
		{"presigned GET: expired (signed an hour ago for 1 s)", func(t *testing.T) s3Answer {
			return send(t, http.MethodGet, expired.URL, nil, nil)
		}, denied, "expired"},
		{"presigned GET: unknown access key", func(t *testing.T) s3Answer {
			p := presignFor(t, unknownKey, http.MethodGet, target)
			return send(t, http.MethodGet, p.URL, nil, nil)
		}, minioRefusal{forbidden, "InvalidAccessKeyId"}, ""},
		{"presigned GET: right access key, wrong secret", func(t *testing.T) s3Answer {
			p := presignFor(t, wrongSecret, http.MethodGet, target)
			return send(t, http.MethodGet, p.URL, nil, nil)
		}, mismatch, ""},
		{"header-signed GET: signed Range header changed", func(t *testing.T) s3Answer {
			return send(t, signedGet.Method, signedGet.URL, withHeader(t, signedGet.Headers, "Range", "bytes=0-4"), nil)
		}, mismatch, ""},
		{"header-signed GET: one hex digit of the signature changed", func(t *testing.T) s3Answer {
			auth := signedGet.Authorization
			return send(t, signedGet.Method, signedGet.URL, withHeader(t, signedGet.Headers, "Authorization", flipHex(auth, len(auth)-1)), nil)
		}, mismatch, ""},
		{"header-signed GET: X-Amz-Date changed", func(t *testing.T) s3Answer {
			d := ctx.Time.Add(time.Second).Format("20060102T150405Z")
			return send(t, signedGet.Method, signedGet.URL, withHeader(t, signedGet.Headers, "X-Amz-Date", d), nil)
		}, mismatch, ""},
		{"header-signed GET: used for DELETE", func(t *testing.T) s3Answer {
			return send(t, http.MethodDelete, signedGet.URL, signedGet.Headers, nil)
		}, mismatch, ""},
		{"header-signed GET: signed 20 minutes ago", func(t *testing.T) s3Answer {
			r := signFor(t, skewed, http.MethodGet, target, nil, nil, true)
			return send(t, r.Method, r.URL, r.Headers, nil)
		}, minioRefusal{forbidden, "RequestTimeTooSkewed"}, ""},
		{"header-signed GET: unknown access key", func(t *testing.T) s3Answer {
			r := signFor(t, unknownKey, http.MethodGet, target, nil, nil, true)
			return send(t, r.Method, r.URL, r.Headers, nil)
		}, minioRefusal{forbidden, "InvalidAccessKeyId"}, ""},
		{"header-signed GET: right access key, wrong secret", func(t *testing.T) s3Answer {
			r := signFor(t, wrongSecret, http.MethodGet, target, nil, nil, true)
			return send(t, r.Method, r.URL, r.Headers, nil)
		}, mismatch, ""},
		// The body's hash is signed; a body that does not match it is
		// refused by its hash, before anything is stored.
		{"header-signed PUT: body changed after signing", func(t *testing.T) s3Answer {
			return send(t, signedPut.Method, signedPut.URL, signedPut.Headers, []byte("replaced contenT"))
		}, minioRefusal{http.StatusBadRequest, "XAmzContentSHA256Mismatch"}, ""},
		{"header-signed PUT: body and its hash header changed", func(t *testing.T) s3Answer {
			body := []byte("replaced contenT")
			r := signFor(t, ctx, http.MethodPut, target, nil, body, false)
			return send(t, signedPut.Method, signedPut.URL, withHeader(t, signedPut.Headers, "X-Amz-Content-Sha256", r.PayloadHash), body)
		}, mismatch, ""},
		{"POST form: key outside the signed prefix", func(t *testing.T) s3Answer {
			return postForm(t, form.URL, withField(t, form.Fields, "key", "elsewhere/${filename}"), file)
		}, denied, "Policy Condition failed"},
		{"POST form: signed field value changed", func(t *testing.T) s3Answer {
			return postForm(t, form.URL, withField(t, form.Fields, "x-amz-meta-tag", "forged"), file)
		}, denied, "Policy Condition failed"},
		{"POST form: policy edited, signature kept", func(t *testing.T) s3Answer {
			edited := strings.Replace(form.Policy, `"tamper/form/"`, `""`, 1)
			require.NotEqual(t, form.Policy, edited, "edited policy")
			fields := withField(t, form.Fields, "Policy", base64.StdEncoding.EncodeToString([]byte(edited)))
			return postForm(t, form.URL, withField(t, fields, "key", "elsewhere/${filename}"), file)
		}, mismatch, ""},
		{"POST form: one hex digit of the signature changed", func(t *testing.T) s3Answer {
			sig := form.Fields[len(form.Fields)-1].Value
			return postForm(t, form.URL, withField(t, form.Fields, "X-Amz-Signature", flipHex(sig, 0)), file)
		}, mismatch, ""},
		{"POST form: policy expired", func(t *testing.T) s3Answer {
			return postForm(t, expiredForm.URL, expiredForm.Fields, file)
		}, denied, "Policy expired"},
		{"POST form: unknown access key", func(t *testing.T) s3Answer {
			f := postPolicyFor(t, m, unknownKey, bucket, sigv4.PostPolicyInput{KeyPrefix: "tamper/form/"})
			return postForm(t, f.URL, f.Fields, file)
		}, minioRefusal{forbidden, "InvalidAccessKeyId"}, ""},
		{"POST form: right access key, wrong secret", func(t *testing.T) s3Answer {
			f := postPolicyFor(t, m, wrongSecret, bucket, sigv4.PostPolicyInput{KeyPrefix: "tamper/form/"})
			return postForm(t, f.URL, f.Fields, file)
		}, mismatch, ""},
	}

	refused := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.do(t)
			ok := assert.Equal(t, tt.want, minioRefusal{a.Status, a.Code}, "MinIO's answer: %s", a)
			if tt.why != "" {
				ok = assert.Contains(t, a.Message, tt.why, "MinIO's message") && ok
			}
			if ok {
				refused++
			}
		})
	}
	t.Logf("tamper refusals: %d of %d", refused, len(tests))
	assert.Equal(t, len(tests), refused, "tamper refusals")

	// Nothing the refused requests tried happened.
	for _, u := range []string{target, other} {
		p := presignFor(t, ctx, http.MethodGet, u)
		a := send(t, http.MethodGet, p.URL, nil, nil)
		require.Equal(t, http.StatusOK, a.Status, "GET %s after the tampering: %s", u, a)
		assert.Equal(t, original, a.Body, "content of %s after the tampering", u)
	}
	r := listObjects(t, m, ctx, bucket, "")
	assert.Equal(t, []string{"tamper/other.txt", "tamper/target ü+.txt"}, r.keys(), "objects after the tampering")
}
