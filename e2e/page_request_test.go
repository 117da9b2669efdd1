//go:build !js

package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// pageDocExample is one worked example of sigv4/testdata/aws-doc-examples.json.
type pageDocExample struct {
	ID       string            `json:"id"`
	Expected map[string]string `json:"expected"`
}

// pageDocExamples reads the AWS documentation's worked examples by id.
func pageDocExamples(t testing.TB) map[string]pageDocExample {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(), "sigv4", "testdata", "aws-doc-examples.json"))
	require.NoError(t, err, "reading the AWS documentation examples")
	var file struct {
		Examples []struct {
			ID       string         `json:"id"`
			Expected map[string]any `json:"expected"`
		} `json:"examples"`
	}
	require.NoError(t, json.Unmarshal(b, &file), "decoding aws-doc-examples.json")
	out := map[string]pageDocExample{}
	for _, e := range file.Examples {
		ex := pageDocExample{ID: e.ID, Expected: map[string]string{}}
		for k, v := range e.Expected {
			if s, ok := v.(string); ok {
				ex.Expected[k] = s
			}
		}
		out[e.ID] = ex
	}
	return out
}

// TestPageRequest fills the API request tool with the AWS documentation's
// S3 GET Object example, then with the SES v2 template.
func TestPageRequest(t *testing.T) {
	doc := pageDocExamples(t)["s3-header-get-object"]
	require.Equal(t, "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", doc.Expected["signature"], "documented signature")

	p := openPage(t, pageOptions{})
	p.openTool("request")
	p.click("example-credentials")
	assert.Equal(t, "GET", p.value("request-method"), "method of the example")
	assert.Equal(t, "https://examplebucket.s3.amazonaws.com/test.txt", p.value("request-url"), "URL of the example")
	assert.Equal(t, "Range: bytes=0-9", p.value("request-headers"), "headers of the example")
	assert.Equal(t, "2013-05-24T00:00:00Z", p.value("signing-time"), "signing time of the example")

	headers := p.waitText("request-result-headers", "the documented signature", func(s string) bool { return strings.Contains(s, doc.Expected["signature"]) })
	assert.Contains(t, headers, "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request", "Authorization credential")
	assert.Contains(t, headers, "SignedHeaders="+doc.Expected["signed_headers"], "Authorization signed headers")
	assert.Contains(t, headers, "Range: bytes=0-9", "headers to send")
	curl := p.text("request-snippet-curl")
	assert.Contains(t, curl, "Signature="+doc.Expected["signature"], "curl command")
	assert.Contains(t, curl, "https://examplebucket.s3.amazonaws.com/test.txt", "curl command")
	assert.Contains(t, p.text("request-snippet-fetch"), doc.Expected["signature"], "fetch snippet")

	t.Run("SES v2 template signs for service ses", func(t *testing.T) {
		p := *p
		p.t = t
		p.choose("request-template", "ses-send-email")
		const url = "https://email.us-east-1.amazonaws.com/v2/email/outbound-emails"
		assert.Equal(t, url, p.value("request-url"), "URL of the SES template")
		assert.Equal(t, "POST", p.value("request-method"), "method of the SES template")
		assert.Equal(t, "ses", p.value("request-service"), "service of the SES template")
		headers := p.waitText("request-result-headers", "an Authorization header for ses", func(s string) bool {
			return strings.Contains(s, "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/ses/aws4_request")
		})
		body := p.value("request-body")
		var js map[string]any
		assert.NoError(t, json.Unmarshal([]byte(body), &js), "the template body is JSON")

		// The same request signed natively by the Go core: the wasm build
		// in the page must agree with it byte for byte.
		res, err := sigv4.Sign(sigv4.SignInput{
			Context: sigv4.Context{
				Credentials: sigv4.Credentials{AccessKeyID: exampleAccessKeyID, SecretAccessKey: exampleSecret},
				Region:      "us-east-1", Service: "ses", Time: time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC),
			},
			Request: sigv4.Request{Method: "POST", URL: url, Headers: []sigv4.Header{{Name: "Content-Type", Value: "application/json"}}, Body: []byte(body)},
		})
		require.NoError(t, err, "sigv4.Sign of the SES request")
		assert.Contains(t, headers, "Authorization: "+res.Authorization, "Authorization shown equals the native Go signer's")
		// The page shows the core's snippets for that request, unchanged:
		// the Go API, the JS API and the page hand out the same text.
		want := res.Snippets([]byte(body))
		assert.Equal(t, want.Curl, p.text("request-snippet-curl"), "curl command")
		assert.Equal(t, want.CurlAWSSigV4, p.text("request-snippet-curl-sigv4"), "curl --aws-sigv4 command")
		assert.Equal(t, want.Fetch, p.text("request-snippet-fetch"), "fetch snippet")
		assert.True(t, p.visible("request-snippet-curl-sigv4"), "curl --aws-sigv4 is shown")
		assert.False(t, p.visible("request-curl-sigv4-issues"), "no curl --aws-sigv4 issue for this request")
		assert.NotContains(t, p.text("request-snippet-curl-sigv4"), exampleSecret, "curl --aws-sigv4 prints no secret")
	})

	t.Run("IAM token: the core's snippets with the token read from the environment", func(t *testing.T) {
		p := *p
		p.t = t
		const url = "https://postbox.cloud.yandex.net/v2/email/outbound-emails"
		p.choose("request-template", "ses-send-email")
		p.typeInto("request-url", url)
		p.click("request-auth-iam")
		curl := p.waitText("request-snippet-curl", "the IAM-token command", func(s string) bool { return strings.Contains(s, "$IAM_TOKEN") })
		want, err := sigv4.RequestSnippets(sigv4.SnippetInput{Method: "POST", URL: url,
			Headers:    []sigv4.Header{{Name: "Content-Type", Value: "application/json"}},
			Body:       []byte(p.value("request-body")),
			EnvHeaders: []sigv4.Header{{Name: "X-YaCloud-SubjectToken", Value: "IAM_TOKEN"}}})
		require.NoError(t, err, "sigv4.RequestSnippets of the IAM request")
		assert.Equal(t, want.Curl, curl, "curl command")
		assert.Equal(t, want.Fetch, p.text("request-snippet-fetch"), "fetch snippet")
		assert.False(t, p.visible("request-snippet-curl-sigv4"), "no curl --aws-sigv4 without signing")
		p.click("request-auth-sigv4")
		p.waitText("request-snippet-curl", "the signed command", func(s string) bool { return strings.Contains(s, "Signature=") })
	})

	t.Run("a path curl's signer gets wrong is named, in the page's words", func(t *testing.T) {
		p := *p
		p.t = t
		p.typeInto("request-url", "https://email.us-east-1.amazonaws.com/v2/a%20b")
		p.waitText("request-curl-sigv4-issues", "the path issue", func(s string) bool { return strings.Contains(s, "signs the path as written") })
		assert.True(t, p.visible("request-curl-sigv4-issues"), "the issue is shown")
	})
	p.assertNoConsoleErrors()
	p.assertSecretsStayed(nil, exampleSecret)
}
