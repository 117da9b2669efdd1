//go:build !js

package e2e

import (
	"encoding/xml"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"sigv4kit/sigv4"
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
