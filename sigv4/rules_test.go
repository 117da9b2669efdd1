package sigv4

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// canonicalURI is the second line of a canonical request.
func canonicalURI(cr string) string {
	lines := strings.SplitN(cr, "\n", 3)
	return lines[1]
}

// The rules that decide what is signed, applied by the Go API itself (the
// JS API only translates to it; e2e's TestGoAndJSAgree compares the two).
func TestWirePathIsSignedAndReturned(t *testing.T) {
	for _, tc := range []struct {
		name, service, url, wantCanonical, wantPath string
		mode                                        PathMode
	}{
		{"ses: space and non-ASCII are signed as sent, encoded twice", "ses",
			"https://email.us-east-1.amazonaws.com/a b/ü", "/a%2520b/%25C3%25BC", "/a%20b/%C3%BC", PathAuto},
		{"ses: an escape given is kept and encoded again", "ses",
			"https://email.us-east-1.amazonaws.com/a%20b", "/a%2520b", "/a%20b", PathAuto},
		{"ses: braces, pipe, caret and backslash are encoded for the wire", "ses",
			"https://email.us-east-1.amazonaws.com/{x}|^\\", "/%257Bx%257D%257C%255E%255C", "/%7Bx%7D%7C%5E%5C", PathAuto},
		{"ses: a '%' that starts no escape is sent as %25", "ses",
			"https://email.us-east-1.amazonaws.com/100%/%zz", "/100%2525/%2525zz", "/100%25/%25zz", PathAuto},
		{"s3: a raw space is the same as %20", "s3",
			"https://b.s3.amazonaws.com/a b/ü", "/a%20b/%C3%BC", "/a%20b/%C3%BC", PathAuto},
		{"explicit mode: the bytes are signed as given (AWS suite's request lines)", "ses",
			"https://email.us-east-1.amazonaws.com/a b", "/a%20b", "/a b", PathUnnormalized},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := exampleCtx
			ctx.Service, ctx.Path = tc.service, tc.mode
			s, err := Sign(SignInput{Context: ctx, Request: Request{URL: tc.url}})
			require.NoError(t, err, "Sign")
			assert.Equal(t, tc.wantCanonical, canonicalURI(s.Debug.CanonicalRequest), "Sign canonical URI")
			assert.Equal(t, tc.wantPath, strings.TrimPrefix(s.URL, tc.url[:strings.Index(tc.url, ".com")+4]), "Sign URL path")

			p, err := Presign(PresignInput{Context: ctx, URL: tc.url})
			require.NoError(t, err, "Presign")
			assert.Equal(t, tc.wantCanonical, canonicalURI(p.Debug.CanonicalRequest), "Presign canonical URI")
			path, _, _ := strings.Cut(strings.TrimPrefix(p.URL, tc.url[:strings.Index(tc.url, ".com")+4]), "?")
			assert.Equal(t, tc.wantPath, path, "Presign URL path")

			// A GET link has an empty body; other services sign its hash.
			v, err := Verify(VerifyInput{Credentials: ctx.Credentials, Request: Request{URL: p.URL, Body: []byte{}}, Now: exampleTime, Path: tc.mode})
			require.NoError(t, err, "Verify")
			assert.True(t, v.Valid, "Verify(Presign(x)): %s", v.Reason)
		})
	}
}

func TestRegionIsInferredFromTheHost(t *testing.T) {
	ctx := exampleCtx
	ctx.Region = ""
	for _, tc := range []struct {
		name, url string
		object    ObjectInput
		want      string
	}{
		{"regional S3 host", "https://bkt.s3.eu-west-1.amazonaws.com/", ObjectInput{}, "eu-west-1"},
		{"Yandex Object Storage by endpoint", "", ObjectInput{Endpoint: "https://storage.yandexcloud.net", Bucket: "bkt", Key: "k"}, "ru-central1"},
		{"global S3 endpoint", "", ObjectInput{Endpoint: "s3.amazonaws.com", Bucket: "bkt", Key: "k"}, "us-east-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			scope := "/" + tc.want + "/s3/aws4_request"
			p, err := Presign(PresignInput{Context: ctx, URL: tc.url, Object: tc.object})
			require.NoError(t, err, "Presign")
			assert.Contains(t, p.Debug.CredentialScope, scope, "Presign")
			s, err := Sign(SignInput{Context: ctx, Request: Request{URL: tc.url}, Object: tc.object})
			require.NoError(t, err, "Sign")
			assert.Contains(t, s.Debug.CredentialScope, scope, "Sign")
			pp, err := PostPolicy(PostPolicyInput{Context: ctx, URL: tc.url, Endpoint: tc.object.Endpoint, Bucket: tc.object.Bucket, Key: "k", Expires: 3600e9})
			require.NoError(t, err, "PostPolicy")
			assert.Contains(t, pp.Debug.CredentialScope, scope, "PostPolicy")
		})
	}
	_, err := Presign(PresignInput{Context: ctx, URL: "https://example.com/k"})
	assertFieldErrors(t, err, FieldError{Field: FieldRegion, Reason: ErrMissing})
}

func TestTargetAndServiceErrors(t *testing.T) {
	obj := ObjectInput{Endpoint: "https://s3.amazonaws.com", Bucket: "bkt", Key: "k"}
	noService := exampleCtx
	noService.Service = ""
	for _, tc := range []struct {
		name string
		err  func() error
		want []FieldError
	}{
		{"sign needs a service", func() error {
			_, err := Sign(SignInput{Context: noService, Request: Request{URL: "https://b.s3.amazonaws.com/k"}})
			return err
		}, []FieldError{{Field: FieldService, Reason: ErrMissing}}},
		{"a url and an endpoint", func() error {
			_, err := Presign(PresignInput{Context: exampleCtx, URL: "https://b.s3.amazonaws.com/k", Object: obj})
			return err
		}, []FieldError{{Field: FieldEndpoint, Reason: ErrUnsupported}}},
		{"a bucket and key with a url", func() error {
			_, err := Sign(SignInput{Context: exampleCtx, Request: Request{URL: "https://b.s3.amazonaws.com/k"}, Object: ObjectInput{Bucket: "bkt", Key: "k"}})
			return err
		}, []FieldError{{Field: FieldBucket, Reason: ErrUnsupported}, {Field: FieldKey, Reason: ErrUnsupported}}},
		{"neither a url nor an endpoint", func() error {
			_, err := Presign(PresignInput{Context: exampleCtx})
			return err
		}, []FieldError{{Field: FieldURL, Reason: ErrMissing}}},
		{"an object problem is reported once, under its field", func() error {
			_, err := Presign(PresignInput{Context: exampleCtx, Object: ObjectInput{Endpoint: "https://s3.amazonaws.com", Key: "k"}})
			return err
		}, []FieldError{{Field: FieldBucket, Reason: ErrMissing}}},
		{"a post policy's endpoint without a bucket", func() error {
			_, err := PostPolicy(PostPolicyInput{Context: exampleCtx, Endpoint: "https://s3.amazonaws.com", Key: "k", Expires: 3600e9})
			return err
		}, []FieldError{{Field: FieldBucket, Reason: ErrMissing}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assertFieldErrors(t, tc.err(), tc.want...)
		})
	}
}

// assertFieldErrors checks err is a *ValidationError with exactly these
// fields and reasons, in order.
func assertFieldErrors(t *testing.T, err error, want ...FieldError) {
	t.Helper()
	var ve *ValidationError
	require.True(t, errors.As(err, &ve), "a *ValidationError, got %v", err)
	var got []FieldError
	for _, e := range ve.Errors {
		got = append(got, FieldError{Field: e.Field, Reason: e.Reason})
	}
	assert.Equal(t, want, got)
}
