package sigv4

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What the snippets send is proven where it arrives (a listener and MinIO,
// e2e/snippets_test.go). These tests pin the choices each case makes, so a
// reader sees them.
func TestRequestSnippetsChoices(t *testing.T) {
	const u = "https://example.com/v2/x"
	tests := []struct {
		name               string
		in                 SnippetInput
		curlHas, curlLacks []string
		noCurl, noFetch    bool
		bodyFile           bool
		browser            bool
	}{
		{name: "body starting with @ is sent with --data-raw", in: SnippetInput{Method: "PUT", URL: u, Body: []byte("@/etc/passwd")},
			curlHas: []string{"--data-raw '@/etc/passwd'", "-H 'Content-Type:'"}, curlLacks: []string{"--data-binary"}, browser: true},
		{name: "NUL in the body is read from body.bin", in: SnippetInput{Method: "POST", URL: u, Body: []byte("a\x00b")},
			curlHas: []string{"--data-binary @body.bin", "# body.bin must hold the 3-byte body"}, bodyFile: true, browser: true},
		{name: "invalid UTF-8 is read from body.bin", in: SnippetInput{Method: "POST", URL: u, Body: []byte{0xff}},
			curlHas: []string{"--data-binary @body.bin"}, bodyFile: true, browser: true},
		{name: "signed Content-Type is kept", in: SnippetInput{Method: "POST", URL: u, Body: []byte("{}"), Headers: []Header{{Name: "Content-Type", Value: "application/json"}}},
			curlHas: []string{"-H 'Content-Type: application/json'"}, curlLacks: []string{"-H 'Content-Type:'"}, browser: true},
		{name: "empty header value uses curl's ; syntax", in: SnippetInput{URL: u, Headers: []Header{{Name: "X-Empty", Value: ""}}},
			curlHas: []string{"-H 'X-Empty;'"}, browser: true},
		{name: "repeated header is sent once, comma-joined", in: SnippetInput{URL: u, Headers: []Header{{Name: "X-A", Value: "1 "}, {Name: "x-a", Value: " 2"}}},
			curlHas: []string{"-H 'X-A: 1,2'"}, browser: true},
		{name: "HEAD uses --head", in: SnippetInput{Method: "HEAD", URL: u}, curlHas: []string{"--head"}, curlLacks: []string{"-X"}, browser: true},
		{name: "HEAD with a body cannot be sent", in: SnippetInput{Method: "HEAD", URL: u, Body: []byte("x")}, noCurl: true, noFetch: true, browser: true},
		{name: "GET with a body has no fetch", in: SnippetInput{URL: u, Body: []byte("x")}, curlHas: []string{"-X GET"}, noFetch: true, browser: true},
		{name: "brackets turn globbing off", in: SnippetInput{URL: u + "[1-3]"}, curlHas: []string{"--globoff"}, browser: true},
		{name: "dot segments keep the path and rule out the browser", in: SnippetInput{URL: "https://example.com/a/../b"},
			curlHas: []string{"--path-as-is"}, noFetch: true},
		{name: "an escaped dot segment rules out the browser", in: SnippetInput{URL: "https://example.com/a/%2E%2e/b"}, noFetch: true},
		{name: "presigned PUT uploads a file named after the key", in: SnippetInput{Method: "PUT", URL: "https://b.example.com/d/my%20cat.jpg?X-Amz-Signature=0", Presigned: true},
			curlHas: []string{"--upload-file './my cat.jpg'"}, curlLacks: []string{"--data"}, browser: true},
		{name: "presigned PUT to a key ending in / sends the file as the body", in: SnippetInput{Method: "PUT", URL: "https://b.example.com/d/?X-Amz-Signature=0", Presigned: true},
			curlHas: []string{"-X PUT --data-binary @./file -H 'Content-Type:'"}, curlLacks: []string{"--upload-file"}, browser: true},
		{name: "presigned GET of a name starting with - saves to ./", in: SnippetInput{URL: "https://b.example.com/-x?X-Amz-Signature=0", Presigned: true},
			curlHas: []string{"-o ./-x"}, browser: true},
		{name: "presigned GET of ../ saves to a safe name", in: SnippetInput{URL: "https://b.example.com/d/%2E%2E?X-Amz-Signature=0", Presigned: true},
			curlHas: []string{"-o file"}, noFetch: true},
		{name: "token header read from the environment", in: SnippetInput{Method: "POST", URL: u, Body: []byte("{}"), EnvHeaders: []Header{{Name: "X-YaCloud-SubjectToken", Value: "IAM_TOKEN"}}},
			curlHas: []string{`-H "X-YaCloud-SubjectToken: $IAM_TOKEN"`}, browser: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := RequestSnippets(tt.in)
			require.NoError(t, err, "RequestSnippets")
			assert.Equal(t, tt.noCurl, s.Curl == "", "curl missing: %s", s.Curl)
			assert.Equal(t, tt.noFetch, s.Fetch == "", "fetch missing: %s", s.Fetch)
			assert.Equal(t, tt.bodyFile, s.BodyFile != "", "body file")
			assert.Equal(t, tt.browser, s.BrowserURL, "browser URL")
			for _, want := range tt.curlHas {
				assert.Contains(t, s.Curl, want, "curl")
			}
			for _, not := range tt.curlLacks {
				assert.NotContains(t, s.Curl, not, "curl")
			}
			assert.True(t, s.Curl == "" || strings.HasPrefix(s.Curl, "curl --fail-with-body") || strings.HasPrefix(s.Curl, "# "), "curl starts with --fail-with-body: %s", s.Curl)
		})
	}
}

func TestRequestSnippetsCurlAWSSigV4(t *testing.T) {
	in := SnippetInput{Method: "POST", URL: "https://email.us-east-1.amazonaws.com/v2/a%20b", Body: []byte("x"), Region: "us-east-1", Service: "ses", SessionToken: true,
		Headers: []Header{{Name: "X-Amz-Date", Value: "20240101T000000Z"}, {Name: "X-Amz-Security-Token", Value: "secret-token"}, {Name: "Authorization", Value: "AWS4-HMAC-SHA256 x"}}}
	s, err := RequestSnippets(in)
	require.NoError(t, err, "RequestSnippets")
	assert.Contains(t, s.CurlAWSSigV4, `--aws-sigv4 aws:amz:us-east-1:ses`, "curl --aws-sigv4")
	assert.Contains(t, s.CurlAWSSigV4, `--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"`, "keys from the environment")
	assert.Contains(t, s.CurlAWSSigV4, `-H "X-Amz-Security-Token: $AWS_SESSION_TOKEN"`, "token from the environment")
	for _, secret := range []string{"secret-token", "Authorization", "X-Amz-Date"} {
		assert.NotContains(t, s.CurlAWSSigV4, secret, "curl --aws-sigv4 signs itself")
	}
	assert.Equal(t, []string{CurlSigV4IssuePath, CurlSigV4IssueContentType}, s.CurlAWSSigV4Issues, "issues")

	in.Presigned = true
	s, err = RequestSnippets(in)
	require.NoError(t, err, "RequestSnippets")
	assert.Empty(t, s.CurlAWSSigV4, "no curl --aws-sigv4 for a presigned URL")
}

func TestRequestSnippetsErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     SnippetInput
		field  string
		reason error
	}{
		{"relative URL", SnippetInput{URL: "/x"}, FieldURL, ErrMalformed},
		{"method not a token", SnippetInput{URL: "https://a.example/", Method: "G T"}, FieldMethod, ErrMalformed},
		{"header value with a line break", SnippetInput{URL: "https://a.example/", Headers: []Header{{Name: "X", Value: "a\rb"}}}, FieldHeaders + ".X", ErrMalformed},
		{"environment variable name with $", SnippetInput{URL: "https://a.example/", EnvHeaders: []Header{{Name: "X-T", Value: "$(id)"}}}, FieldEnvHeaders + ".X-T", ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := RequestSnippets(tt.in)
			requireFieldError(t, err, tt.field, tt.reason)
		})
	}
}
