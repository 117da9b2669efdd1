//go:build !js

package e2e

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// assumeRoleResponse is the part of an STS AssumeRole answer the tests read.
type assumeRoleResponse struct {
	XMLName     xml.Name `xml:"AssumeRoleResponse"`
	Credentials struct {
		AccessKeyID     string `xml:"AccessKeyId"`
		SecretAccessKey string
		SessionToken    string
		Expiration      string
	} `xml:"AssumeRoleResult>Credentials"`
}

// assumeRole asks MinIO's STS for temporary credentials with a request
// header-signed by Sign with the root credentials for the service "sts". The
// body's hash is signed; STS needs no x-amz-content-sha256 header.
func assumeRole(t testing.TB, m *MinIO) sigv4.Credentials {
	t.Helper()
	ctx := rootContext(m)
	ctx.Service = "sts"
	body := []byte("Action=AssumeRole&Version=2011-06-15&DurationSeconds=900")
	res := signFor(t, ctx, http.MethodPost, m.Endpoint+"/",
		[]sigv4.Header{{Name: "Content-Type", Value: "application/x-www-form-urlencoded"}}, body, false)
	require.Contains(t, res.Authorization, "/us-east-1/sts/aws4_request", "credential scope of the STS request")
	a := send(t, res.Method, res.URL, res.Headers, body)
	require.Equal(t, http.StatusOK, a.Status, "AssumeRole: %s\n%s", a, a.Body)
	var r assumeRoleResponse
	require.NoError(t, xml.Unmarshal(a.Body, &r), "AssumeRole XML")
	c := r.Credentials
	require.NotEmpty(t, c.AccessKeyID, "AccessKeyId")
	require.NotEmpty(t, c.SecretAccessKey, "SecretAccessKey")
	require.NotEmpty(t, c.SessionToken, "SessionToken")
	require.NotEqual(t, m.AccessKeyID, c.AccessKeyID, "temporary access key")
	return sigv4.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}
}

// TestS3SessionCredentials gets temporary credentials from MinIO's STS
// AssumeRole and signs with them: header signing and POST forms are
// accepted, and the answer to a presigned URL carrying the token is
// recorded.
func TestS3SessionCredentials(t *testing.T) {
	m := minioServer(t)
	bucket := uniqueBucket(t, m, "s3-sts")
	creds := assumeRole(t, m)
	session := rootContext(m)
	session.Credentials = creds

	const key = "session/object ü+.txt"
	content := []byte("written with session credentials")
	u := objectURL(t, m, bucket, key)

	t.Run("header-signed PUT and GET with the session token", func(t *testing.T) {
		put := signFor(t, session, http.MethodPut, u, nil, content, false)
		require.Contains(t, put.Debug.SignedHeaders, "x-amz-security-token", "signed headers")
		a := send(t, put.Method, put.URL, put.Headers, content)
		require.Equal(t, http.StatusOK, a.Status, "PUT with session credentials: %s", a)

		get := signFor(t, session, http.MethodGet, u, nil, nil, true)
		a = send(t, get.Method, get.URL, get.Headers, nil)
		require.Equal(t, http.StatusOK, a.Status, "GET with session credentials: %s", a)
		assert.Equal(t, content, a.Body, "content read with session credentials")
	})

	// The temporary access key alone names no user: MinIO looks it up with
	// the token and, without one, answers InvalidTokenId.
	t.Run("header-signed GET without the session token is refused", func(t *testing.T) {
		noToken := session
		noToken.SessionToken = ""
		get := signFor(t, noToken, http.MethodGet, u, nil, nil, true)
		a := send(t, get.Method, get.URL, get.Headers, nil)
		assert.Equal(t, minioRefusal{http.StatusForbidden, "InvalidTokenId"}, minioRefusal{a.Status, a.Code}, "GET with the temporary key but no token: %s", a)
	})

	t.Run("POST form with the session token", func(t *testing.T) {
		form := postPolicyFor(t, m, session, bucket, sigv4.PostPolicyInput{KeyPrefix: "session/form/"})
		var tokenField string
		for _, f := range form.Fields {
			if f.Name == "X-Amz-Security-Token" {
				tokenField = f.Value
			}
		}
		assert.Equal(t, creds.SessionToken, tokenField, "X-Amz-Security-Token field")
		assert.Contains(t, form.Policy, `{"x-amz-security-token":"`+creds.SessionToken+`"}`, "policy condition on the token")
		file := formFile{Name: "via form.txt", Content: []byte("form with session credentials")}
		a := postForm(t, form.URL, form.Fields, file)
		require.Equal(t, http.StatusNoContent, a.Status, "POST with session credentials: %s", a)
		got := getObject(t, m, bucket, "session/form/via form.txt")
		require.Equal(t, http.StatusOK, got.Status, "GET of the form upload: %s", got)
		assert.Equal(t, file.Content, got.Body, "content of the form upload")
	})

	// Issue 4 and notes/browser-testing.md expected this MinIO to refuse
	// presigned URLs carrying the X-Amz-Security-Token of root-assumed
	// credentials with InvalidTokenId. It does not: a presigned GET with the
	// token signed in the query (the AWS way, the query form of the AWS
	// suite's get-vanilla-with-session-token case) is answered 200, and so
	// was botocore 1.43's generate_presigned_url for the same credentials
	// (checked by hand). The token appended after signing, which some
	// services other than S3 require, is not in what MinIO signs, so it
	// answers 403 SignatureDoesNotMatch. The subtests pin both answers, so a
	// change in MinIO shows up here.
	presigned := []struct {
		name       string
		afterSign  bool
		wantAnswer minioRefusal
	}{
		{"presigned GET with the session token signed: accepted", false, minioRefusal{http.StatusOK, ""}},
		{"presigned GET with the session token appended after signing: refused", true, minioRefusal{http.StatusForbidden, "SignatureDoesNotMatch"}},
	}
	for _, tt := range presigned {
		t.Run(tt.name, func(t *testing.T) {
			p, err := sigv4.Presign(sigv4.PresignInput{Context: session, URL: u, SessionTokenAfterSigning: tt.afterSign})
			require.NoError(t, err, "Presign")
			require.Contains(t, p.URL, "X-Amz-Security-Token="+sigv4.URIEncode(creds.SessionToken, false), "presigned URL")
			require.Equal(t, !tt.afterSign, strings.Contains(p.Debug.CanonicalRequest, "X-Amz-Security-Token="), "token in the canonical request")
			a := send(t, http.MethodGet, p.URL, nil, nil)
			t.Logf("MinIO's answer to a %s: %s", tt.name, a)
			assert.Equal(t, tt.wantAnswer, minioRefusal{a.Status, a.Code}, "MinIO's answer: %s", a)
			if a.Status == http.StatusOK {
				assert.Equal(t, content, a.Body, "content read through the presigned URL")
			}
		})
	}
}

// assumeRoleWithCustomTokenResponse is the part of MinIO's
// AssumeRoleWithCustomToken answer the tests read.
type assumeRoleWithCustomTokenResponse struct {
	XMLName     xml.Name `xml:"AssumeRoleWithCustomTokenResponse"`
	Credentials struct {
		AccessKeyID     string `xml:"AccessKeyId"`
		SecretAccessKey string
		SessionToken    string
		Expiration      time.Time
	} `xml:"AssumeRoleWithCustomTokenResult>Credentials"`
}

// shortLivedCredentials asks MinIO's STS for credentials that last the given
// whole seconds, through the identity plugin (identity_plugin_test.go). The
// request is unsigned (the token is the proof of identity) and, unlike
// AssumeRole, carries its parameters in the query: MinIO routes
// AssumeRoleWithCustomToken by them. It returns the credentials and their
// Expiration as STS states it.
func shortLivedCredentials(t testing.TB, m *MinIO, seconds int) (sigv4.Credentials, time.Time) {
	t.Helper()
	query := url.Values{
		"Action":          {"AssumeRoleWithCustomToken"},
		"Version":         {"2011-06-15"},
		"Token":           {identityPluginToken},
		"RoleArn":         {identityPluginRoleARN},
		"DurationSeconds": {strconv.Itoa(seconds)},
	}
	a := send(t, http.MethodPost, m.Endpoint+"/?"+query.Encode(), nil, nil)
	require.Equal(t, http.StatusOK, a.Status, "AssumeRoleWithCustomToken: %s\n%s", a, a.Body)
	var r assumeRoleWithCustomTokenResponse
	require.NoError(t, xml.Unmarshal(a.Body, &r), "AssumeRoleWithCustomToken XML")
	c := r.Credentials
	require.NotEmpty(t, c.SessionToken, "SessionToken")
	require.False(t, c.Expiration.IsZero(), "Expiration")
	return sigv4.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}, c.Expiration
}

// TestS3TemporaryCredentialsExpiry shows what credentialsExpireAt is for: a
// presigned URL and a POST form signed with STS credentials that last a few
// seconds, each asked to work for an hour. Given the STS Expiration, the
// signer reports that they work until then, with the warning. MinIO
// accepts both before that time, and refuses both after it while a URL and a
// form signed by the root user at the same moment, with the same hour, still
// work: the end comes from the credentials, not from X-Amz-Expires or the
// policy's expiration.
func TestS3TemporaryCredentialsExpiry(t *testing.T) {
	const lifetime = 4 // seconds of the STS credentials
	m := minioServer(t)
	bucket := uniqueBucket(t, m, "s3-sts-expiry")
	const key = "expiry/object.txt"
	content := []byte("read through a URL signed with short-lived credentials")
	put := signFor(t, rootContext(m), http.MethodPut, objectURL(t, m, bucket, key), nil, content, false)
	require.Equal(t, http.StatusOK, send(t, put.Method, put.URL, put.Headers, content).Status, "PUT of the object")

	creds, expiration := shortLivedCredentials(t, m, lifetime)
	signedAt := time.Now().UTC().Truncate(time.Second)
	require.True(t, expiration.After(signedAt), "STS Expiration %s is after the signing time %s", expiration, signedAt)
	require.LessOrEqual(t, expiration.Sub(signedAt), (lifetime+1)*time.Second, "STS Expiration %s is within %d s", expiration, lifetime)

	session := rootContext(m)
	session.Credentials = creds
	session.Time = signedAt
	session.CredentialsExpireAt = expiration
	root := rootContext(m)
	root.Time = signedAt

	presign := func(ctx sigv4.Context) sigv4.PresignResult {
		p, err := sigv4.Presign(sigv4.PresignInput{Context: ctx, URL: objectURL(t, m, bucket, key), Expires: time.Hour})
		require.NoError(t, err, "Presign")
		return p
	}
	form := func(ctx sigv4.Context) sigv4.PostPolicyResult {
		return postPolicyFor(t, m, ctx, bucket, sigv4.PostPolicyInput{KeyPrefix: "expiry/form/", Expires: time.Hour})
	}
	sessionURL, rootURL := presign(session), presign(root)
	sessionForm, rootForm := form(session), form(root)

	// What the signer says about the session's results.
	assert.Equal(t, signedAt.Add(time.Hour), sessionURL.ExpiresAt, "URL: ExpiresAt, the X-Amz-Expires end")
	assert.Contains(t, sessionURL.URL, "X-Amz-Expires=3600&", "URL asks for an hour")
	assert.Equal(t, expiration, sessionURL.ValidUntil, "URL: ValidUntil is the STS Expiration")
	assert.Equal(t, signedAt.Add(time.Hour), sessionForm.Expiration, "form: the policy's expiration")
	assert.Equal(t, expiration, sessionForm.ValidUntil, "form: ValidUntil is the STS Expiration")
	for what, ws := range map[string][]sigv4.Warning{"URL": sessionURL.Warnings, "form": sessionForm.Warnings} {
		require.Len(t, ws, 1, "%s: warnings", what)
		assert.Equal(t, sigv4.WarnCredentialsExpireFirst, ws[0].Code, "%s: warning", what)
	}
	assert.Equal(t, rootURL.ExpiresAt, rootURL.ValidUntil, "root URL: no credentials expiry")

	get := func(p sigv4.PresignResult) s3Answer { return send(t, http.MethodGet, p.URL, nil, nil) }
	upload := func(f sigv4.PostPolicyResult, name string) s3Answer {
		return postForm(t, f.URL, f.Fields, formFile{Name: name, Content: []byte("uploaded as " + name)})
	}

	before := get(sessionURL)
	require.Equal(t, http.StatusOK, before.Status, "session URL before the credentials expire: %s", before)
	assert.Equal(t, content, before.Body, "content through the session URL")
	a := upload(sessionForm, "before.txt")
	require.Equal(t, http.StatusNoContent, a.Status, "session form before the credentials expire: %s", a)
	require.True(t, time.Now().Before(expiration), "the checks before the expiry ran before it (raise lifetime if this machine is slow)")

	// Wait for the expiry (a few seconds), with a margin for the two clocks'
	// rounding: MinIO compares the Expiration with its own clock.
	time.Sleep(time.Until(expiration) + 1500*time.Millisecond)

	after := get(sessionURL)
	t.Logf("MinIO's answer to the session URL %v after the credentials expired (%v before its X-Amz-Expires end): %s",
		time.Since(expiration).Round(time.Millisecond), time.Until(sessionURL.ExpiresAt).Round(time.Second), after)
	assert.Equal(t, minioRefusal{http.StatusForbidden, "InvalidAccessKeyId"}, minioRefusal{after.Status, after.Code}, "session URL after the credentials expired: %s", after)
	a = upload(sessionForm, "after.txt")
	t.Logf("MinIO's answer to the session form after the credentials expired: %s", a)
	assert.Equal(t, minioRefusal{http.StatusForbidden, "InvalidAccessKeyId"}, minioRefusal{a.Status, a.Code}, "session form after the credentials expired: %s", a)
	assert.Equal(t, http.StatusNotFound, headObject(t, m, bucket, "expiry/form/after.txt").Status, "nothing stored by the refused form")

	// The controls: signed at the same moment for the same hour, by
	// credentials that do not expire.
	a = get(rootURL)
	assert.Equal(t, http.StatusOK, a.Status, "root URL signed at the same time: %s", a)
	a = upload(rootForm, "root.txt")
	assert.Equal(t, http.StatusNoContent, a.Status, "root form signed at the same time: %s", a)

	// Signing again with the expired credentials is refused by the signer.
	again := session
	again.Time = time.Now().UTC()
	_, err := sigv4.Presign(sigv4.PresignInput{Context: again, URL: objectURL(t, m, bucket, key)})
	var ve *sigv4.ValidationError
	require.ErrorAs(t, err, &ve, "Presign with expired credentials")
	require.Len(t, ve.Errors, 1, "Presign with expired credentials")
	assert.Equal(t, sigv4.FieldCredentialsExpireAt, ve.Errors[0].Field, "field")
	assert.ErrorIs(t, &ve.Errors[0], sigv4.ErrOutOfRange, "reason")
}
