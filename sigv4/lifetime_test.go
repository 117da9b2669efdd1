package sigv4

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sessionCtx signs with temporary credentials at a fixed time.
var sessionCtx = Context{
	Credentials: Credentials{AccessKeyID: "ASIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SessionToken: "FwoGZXIvYXdzEXAMPLE"},
	Region:      "us-east-1", Service: "s3", Time: time.Date(2026, 11, 28, 1, 0, 0, 0, time.UTC),
}

// lifetimeCases: the URL or form is asked to last one hour from
// sessionCtx.Time; credsEnd is when the credentials expire.
var lifetimeCases = []struct {
	name        string
	credsEnd    time.Time
	validUntil  time.Time
	expireFirst bool
}{
	{"no credentials expiry given: the requested end", time.Time{}, sessionCtx.Time.Add(time.Hour), false},
	{"credentials outlive the link: the requested end", sessionCtx.Time.Add(12 * time.Hour), sessionCtx.Time.Add(time.Hour), false},
	{"credentials expire with the link: the requested end, no warning", sessionCtx.Time.Add(time.Hour), sessionCtx.Time.Add(time.Hour), false},
	{"credentials expire first: their expiry", sessionCtx.Time.Add(15 * time.Minute), sessionCtx.Time.Add(15 * time.Minute), true},
	{"credentials expire one second after signing: their expiry", sessionCtx.Time.Add(time.Second), sessionCtx.Time.Add(time.Second), true},
	{"credentials expiry in another zone: the same instant in UTC", sessionCtx.Time.Add(20 * time.Minute).In(time.FixedZone("MSK", 3*3600)), sessionCtx.Time.Add(20 * time.Minute), true},
}

func TestPresignValidUntil(t *testing.T) {
	for _, tc := range lifetimeCases {
		t.Run(tc.name, func(t *testing.T) {
			in := PresignInput{Context: sessionCtx, URL: "https://bkt.s3.amazonaws.com/k", Expires: time.Hour}
			in.CredentialsExpireAt = tc.credsEnd
			res, err := Presign(in)
			require.NoError(t, err, "Presign")
			assert.Equal(t, sessionCtx.Time, res.SignedAt, "SignedAt")
			assert.Equal(t, sessionCtx.Time.Add(time.Hour), res.ExpiresAt, "ExpiresAt stays the X-Amz-Expires end")
			assert.Equal(t, tc.validUntil, res.ValidUntil, "ValidUntil")
			assert.Equal(t, time.UTC, res.ValidUntil.Location(), "ValidUntil in UTC")
			assertExpireFirstWarning(t, tc.expireFirst, res.Warnings)

			// The expiry is information about the credentials, not a
			// signed value: the URL is the one signed without it.
			plain := in
			plain.CredentialsExpireAt = time.Time{}
			want, err := Presign(plain)
			require.NoError(t, err, "Presign without CredentialsExpireAt")
			assert.Equal(t, want.URL, res.URL, "presigned URL")
		})
	}
}

func TestPostPolicyValidUntil(t *testing.T) {
	for _, tc := range lifetimeCases {
		t.Run(tc.name, func(t *testing.T) {
			in := PostPolicyInput{Context: sessionCtx, URL: "https://bkt.s3.amazonaws.com/", Key: "k", Expires: time.Hour}
			in.CredentialsExpireAt = tc.credsEnd
			res, err := PostPolicy(in)
			require.NoError(t, err, "PostPolicy")
			assert.Equal(t, sessionCtx.Time, res.SignedAt, "SignedAt")
			assert.Equal(t, sessionCtx.Time.Add(time.Hour), res.Expiration, "Expiration stays the policy's")
			assert.Equal(t, tc.validUntil, res.ValidUntil, "ValidUntil")
			assertExpireFirstWarning(t, tc.expireFirst, res.Warnings)

			plain := in
			plain.CredentialsExpireAt = time.Time{}
			want, err := PostPolicy(plain)
			require.NoError(t, err, "PostPolicy without CredentialsExpireAt")
			assert.Equal(t, want.Fields, res.Fields, "form fields")
		})
	}
}

func assertExpireFirstWarning(t *testing.T, want bool, got []Warning) {
	t.Helper()
	if !want {
		assert.Empty(t, got, "warnings")
		return
	}
	require.Len(t, got, 1, "warnings")
	assert.Equal(t, FieldCredentialsExpireAt, got[0].Field, "warning field")
	assert.Equal(t, WarnCredentialsExpireFirst, got[0].Code, "warning code")
	assert.NotEmpty(t, got[0].Message, "warning message")
}

// Credentials that have expired at the signing time sign nothing that works:
// every operation refuses them, naming the field.
func TestExpiredCredentialsRefused(t *testing.T) {
	tests := []struct {
		name     string
		credsEnd time.Time
	}{
		{"expired at the signing time", sessionCtx.Time},
		{"expired an hour before signing", sessionCtx.Time.Add(-time.Hour)},
		{"before 1970", time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC)},
		{"after the year 9999", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := sessionCtx
			ctx.CredentialsExpireAt = tc.credsEnd
			_, err := Presign(PresignInput{Context: ctx, URL: "https://bkt.s3.amazonaws.com/k"})
			requireFieldError(t, err, FieldCredentialsExpireAt, ErrOutOfRange)
			_, err = PostPolicy(PostPolicyInput{Context: ctx, URL: "https://bkt.s3.amazonaws.com/", Key: "k", Expires: time.Hour})
			requireFieldError(t, err, FieldCredentialsExpireAt, ErrOutOfRange)
			_, err = Sign(SignInput{Context: ctx, Request: Request{Method: "GET", URL: "https://bkt.s3.amazonaws.com/k"}})
			requireFieldError(t, err, FieldCredentialsExpireAt, ErrOutOfRange)
		})
	}
}
