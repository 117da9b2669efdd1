//go:build !js

package e2e

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// s3SignatureError writes the XML a server answers for
// SignatureDoesNotMatch, with its canonical request and string to sign.
func s3SignatureError(t testing.TB, canonicalRequest, stringToSign string) string {
	t.Helper()
	var b strings.Builder
	esc := func(s string) string {
		var e strings.Builder
		require.NoError(t, xml.EscapeText(&e, []byte(s)), "EscapeText")
		// EscapeText writes newlines as &#xA;, which XML parsers read back
		// as newlines: keep them as S3 does, literal.
		return strings.ReplaceAll(e.String(), "&#xA;", "\n")
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<Error><Code>SignatureDoesNotMatch</Code>")
	b.WriteString("<Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message>")
	b.WriteString("<AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId>")
	b.WriteString("<StringToSign>" + esc(stringToSign) + "</StringToSign>")
	b.WriteString("<SignatureProvided>aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404</SignatureProvided>")
	b.WriteString("<CanonicalRequest>" + esc(canonicalRequest) + "</CanonicalRequest>")
	b.WriteString("<RequestId>4442587FB7D0A2F9</RequestId><HostId>example</HostId></Error>")
	return b.String()
}

// TestPageExplainer builds the AWS documentation's presigned GET, then reads
// its steps in the explainer, verifies the documented URL and debugs two
// SignatureDoesNotMatch answers.
func TestPageExplainer(t *testing.T) {
	doc := pageDocExamples(t)["s3-presigned-get-object"]
	p := openPage(t, pageOptions{})
	p.click("example-credentials")
	p.waitTextEquals("presign-result-url", docPresignedURL)
	p.openTool("explainer")

	t.Run("steps equal the documented ones", func(t *testing.T) {
		p := *p
		p.t = t
		p.waitTextEquals("explainer-signature", doc.Expected["signature"])
		assert.Equal(t, doc.Expected["canonical_request"], p.text("explainer-canonical-request"), "CanonicalRequest shown")
		assert.Equal(t, doc.Expected["string_to_sign"], p.text("explainer-string-to-sign"), "StringToSign shown")
		assert.Equal(t, doc.Expected["credential_scope"], p.text("explainer-credential-scope"), "credential scope shown")
		assert.Equal(t, doc.Expected["signed_headers"], p.text("explainer-signed-headers"), "signed headers shown")

		masked := p.text("explainer-signing-key")
		assert.NotContains(t, masked, doc.Expected["signing_key_hex"], "the signing key is masked before its toggle is clicked")
		assert.Contains(t, masked, "••••", "the signing key is masked")
		assert.Equal(t, "false", p.attr("explainer-signing-key-toggle", "aria-expanded"), "toggle state before the click")
		p.click("explainer-signing-key-toggle")
		p.waitTextEquals("explainer-signing-key", "kSigning = "+doc.Expected["signing_key_hex"])
		assert.Equal(t, "true", p.attr("explainer-signing-key-toggle", "aria-expanded"), "toggle state after the click")
		p.click("explainer-signing-key-toggle")
		p.waitText("explainer-signing-key", "the signing key masked again", func(s string) bool {
			return !strings.Contains(s, doc.Expected["signing_key_hex"]) && strings.Contains(s, "••••")
		})
	})

	t.Run("verify", func(t *testing.T) {
		tampered := docPresignedURL[:len(docPresignedURL)-1] + "5" // last hex digit 4 -> 5
		// The expected access key ID comes from the keys card unless typed;
		// the case that types another one comes last.
		tests := []struct {
			name, url, now, accessKey, want string
		}{
			{"the documented URL within its day is valid", docPresignedURL, "2013-05-24T12:00:00Z", "", "valid"},
			{"one character changed is a mismatch", tampered, "2013-05-24T12:00:00Z", "", "signature-mismatch"},
			{"two days later it has expired", docPresignedURL, "2013-05-26T00:00:00Z", "", "expired"},
			{"another expected access key ID is refused", docPresignedURL, "2013-05-24T12:00:00Z", "AKIDOTHEREXAMPLE", "wrong-access-key"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p := *p
				p.t = t
				p.pasteInto("verify-url", tt.url)
				p.typeInto("verify-secret", exampleSecret)
				p.typeInto("verify-now", tt.now)
				if tt.accessKey != "" {
					p.typeInto("verify-access-key", tt.accessKey)
				}
				p.waitFor("the verdict "+tt.want, func() (bool, string) {
					state := p.attr("verify-result", "data-state")
					return state == tt.want && p.visible("verify-result"), "data-state " + state + ": " + p.text("verify-result")
				})
				assert.NotEmpty(t, strings.TrimSpace(p.text("verify-result")), "verdict text")
				assert.Equal(t, exampleAccessKeyID, strings.TrimSpace(p.eval(`document.querySelector('[data-testid="verify-accessKeyId"]')?.textContent`)), "access key shown by verify")
			})
		}
	})

	t.Run("SignatureDoesNotMatch diff", func(t *testing.T) {
		cr := doc.Expected["canonical_request"]
		sts := doc.Expected["string_to_sign"]
		crLines := strings.Split(cr, "\n")
		tests := []struct {
			name      string
			serverCR  string
			serverSTS string
			wantFirst string // the first differing line, ours
			wantHint  string // data-hint of a hint shown
		}{
			{
				name:      "the server saw another path",
				serverCR:  strings.Replace(cr, "\n/test.txt\n", "\n/examplebucket/test.txt\n", 1),
				serverSTS: sts,
				wantFirst: crLines[1],
				wantHint:  "path",
			},
			{
				name:      "the server expects another region",
				serverCR:  strings.ReplaceAll(cr, "%2Fus-east-1%2F", "%2Feu-west-1%2F"),
				serverSTS: strings.ReplaceAll(sts, "/us-east-1/", "/eu-west-1/"),
				wantFirst: crLines[2],
				wantHint:  "region",
			},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p := *p
				p.t = t
				require.NotEqual(t, cr, tt.serverCR, "the case changes the canonical request")
				p.pasteInto("diff-xml", s3SignatureError(t, tt.serverCR, tt.serverSTS))
				var hints []string
				p.waitFor("the hint "+tt.wantHint, func() (bool, string) {
					hints = nil
					p.evalJSON(`[...document.querySelectorAll("#diff-hints li")].map(li => li.dataset.hint)`, &hints)
					return strings.Contains(" "+strings.Join(hints, " ")+" ", " "+tt.wantHint+" "), "hints " + strings.Join(hints, ", ") + ": " + p.text("diff-hints")
				})
				t.Logf("hints: %s", p.text("diff-hints"))
				var first struct{ Op, Text, Class string }
				p.evalJSON(`(() => { const li = document.querySelector("#diff-canonical #diff-first");
					return li ? {Op: li.dataset.op, Text: li.querySelector("code").textContent, Class: li.className} : {} })()`, &first)
				assert.Equal(t, "ours", first.Op, "the first differing line of the canonical request is highlighted, ours first")
				assert.Equal(t, tt.wantFirst, first.Text, "the first differing line of the canonical request")
				assert.Contains(t, first.Class, "diff-first", "class of the highlighted line")
				var marked int
				p.evalJSON(`document.querySelectorAll("#diff-output .diff-first").length`, &marked)
				assert.Equal(t, 1, marked, "one line is highlighted")
			})
		}
	})
	p.assertNoConsoleErrors()
	p.assertSecretsStayed(nil, exampleSecret)
}
