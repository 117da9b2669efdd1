package sigv4

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	exampleTime = time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)
	exampleCtx  = Context{
		Credentials: Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
		Region:      "us-east-1", Service: "s3", Time: exampleTime, Debug: true,
	}
)

func TestVerifyPresignedURL(t *testing.T) {
	in := PresignInput{Context: exampleCtx, URL: "https://examplebucket.s3.amazonaws.com/a b+c/ü.txt?versionId=3",
		Expires: time.Hour, Headers: []Header{{"Content-Type", "text/plain"}}, Method: "PUT"}
	res, err := Presign(in)
	require.NoError(t, err, "Presign")
	headers := []Header{{"Content-Type", "text/plain"}}
	secret := exampleCtx.SecretAccessKey

	tests := []struct {
		name   string
		in     VerifyInput
		reason string
	}{
		{"fresh URL is valid", VerifyInput{Request: Request{Method: "PUT", URL: res.URL, Headers: headers}, Now: exampleTime.Add(time.Minute)}, ReasonValid},
		{"past expiry is expired", VerifyInput{Request: Request{Method: "PUT", URL: res.URL, Headers: headers}, Now: exampleTime.Add(time.Hour + time.Second)}, ReasonExpired},
		{"before signing time is not yet valid", VerifyInput{Request: Request{Method: "PUT", URL: res.URL, Headers: headers}, Now: exampleTime.Add(-time.Second)}, ReasonNotYetValid},
		{"other method mismatches", VerifyInput{Request: Request{Method: "GET", URL: res.URL, Headers: headers}, Now: exampleTime}, ReasonSignatureMismatch},
		{"other header value mismatches", VerifyInput{Request: Request{Method: "PUT", URL: res.URL, Headers: []Header{{"Content-Type", "image/png"}}}, Now: exampleTime}, ReasonSignatureMismatch},
		{"missing signed header is named", VerifyInput{Request: Request{Method: "PUT", URL: res.URL}, Now: exampleTime}, ReasonMissingHeader},
		{"other access key id is refused", VerifyInput{Credentials: Credentials{AccessKeyID: "AKIDOTHER"}, Request: Request{Method: "PUT", URL: res.URL, Headers: headers}, Now: exampleTime}, ReasonWrongAccessKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.SecretAccessKey = secret
			got, err := Verify(tc.in)
			require.NoError(t, err, "Verify")
			assert.Equal(t, tc.reason, got.Reason, "Verify reason")
			assert.Equal(t, tc.reason == ReasonValid, got.Valid, "Verify valid")
		})
	}
}

// Every single-character change to a presigned URL must break it: this is
// what makes the URL safe to hand out.
func TestVerifyRefusesEveryTamper(t *testing.T) {
	res, err := Presign(PresignInput{Context: exampleCtx, URL: "https://examplebucket.s3.amazonaws.com/test.txt", Expires: 86400 * time.Second})
	require.NoError(t, err)
	ok, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{URL: res.URL}, Now: exampleTime})
	require.NoError(t, err)
	require.True(t, ok.Valid, "untouched URL verifies")

	alphabet := "aZ09%/-_.~&=?"
	tampered, accepted := 0, 0
	for i := 0; i < len(res.URL); i++ {
		for _, c := range []byte(alphabet) {
			if res.URL[i] == c {
				continue
			}
			u := res.URL[:i] + string(c) + res.URL[i+1:]
			v, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{URL: u}, Now: exampleTime})
			tampered++
			if err == nil && v.Valid && !equivalentURL(res.URL, u) {
				accepted++
				t.Errorf("tampered URL accepted: %q", u)
			}
		}
	}
	t.Logf("%d single-character tampers, %d accepted", tampered, accepted)
}

// equivalentURL: a change of case in the scheme or host, or an escape
// replaced by the same byte, does not change the request.
func equivalentURL(a, b string) bool {
	ua, _, _ := parseURL(a)
	ub, _, _ := parseURL(b)
	return ua.host == ub.host && percentDecode(ua.path, false) == percentDecode(ub.path, false) &&
		percentDecode(ua.query, true) == percentDecode(ub.query, true)
}

func TestVerifyHeaderSigned(t *testing.T) {
	res, err := Sign(SignInput{Context: exampleCtx, Request: Request{Method: "PUT", URL: "https://examplebucket.s3.amazonaws.com/x", Body: []byte("hi"), Headers: []Header{{"Content-Type", "text/plain"}}}})
	require.NoError(t, err)
	for _, tc := range []struct {
		name   string
		body   string
		now    time.Time
		reason string
	}{
		{"same request verifies", "hi", exampleTime, ReasonValid},
		{"within skew verifies", "hi", exampleTime.Add(14 * time.Minute), ReasonValid},
		{"beyond skew is expired", "hi", exampleTime.Add(16 * time.Minute), ReasonExpired},
		{"too far ahead is not yet valid", "hi", exampleTime.Add(-16 * time.Minute), ReasonNotYetValid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: "PUT", URL: res.URL, Headers: res.Headers, Body: []byte(tc.body)}, Now: tc.now})
			require.NoError(t, err)
			assert.Equal(t, tc.reason, v.Reason)
		})
	}
	tampered := append([]Header(nil), res.Headers...)
	tampered[0].Value = "text/html"
	v, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: "PUT", URL: res.URL, Headers: tampered}, Now: exampleTime})
	require.NoError(t, err)
	assert.Equal(t, ReasonSignatureMismatch, v.Reason, "changed signed header")
}

func TestVerifyRejectsUnsignedURL(t *testing.T) {
	_, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{URL: "https://b.s3.amazonaws.com/k"}, Now: exampleTime})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, FieldURL, ve.Errors[0].Field)
	assert.True(t, errors.Is(err, ErrMissing))
}
