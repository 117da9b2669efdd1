//go:build !js

package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPageFieldErrors types a wrong value into one input of each tool, as a
// person does, and checks that the error appears next to that input (not in
// a list at the bottom), names the input's wire field, sets aria-invalid and
// is announced through aria-describedby; then that fixing the value clears
// it. Every case starts from the tool's AWS documentation example.
func TestPageFieldErrors(t *testing.T) {
	p := openPage(t, pageOptions{})
	p.click("example-credentials")
	p.waitTextEquals("presign-result-url", docPresignedURL)

	tests := []struct {
		name  string
		tool  string
		input string // the id of the input typed into
		bad   string
		paste bool   // paste rather than type (long or multi-line text)
		field string // the wire field the error must name
		code  string // its code
	}{
		{name: "presign: a bucket name with '!'", tool: "presign", input: "presign-bucket", bad: "bad bucket!", field: "bucket", code: "malformed"},
		{name: "keys: a signing time that is no time", tool: "presign", input: "signing-time", bad: "garbage", field: "date", code: "malformed"},
		{name: "upload: a bucket name with '!'", tool: "upload", input: "upload-bucket", bad: "Bad_Bucket!", field: "bucket", code: "malformed"},
		{name: "upload: no expiry", tool: "upload", input: "upload-expires", bad: "", field: "expires", code: "missing"},
		{name: "request: a URL that is not absolute", tool: "request", input: "request-url", bad: "not a url", field: "url", code: "malformed"},
		{name: "request: a header line without a colon", tool: "request", input: "request-headers", bad: "NoColonHere", field: "headers", code: "malformed"},
		{name: "request: no service", tool: "request", input: "request-service", bad: "", field: "service", code: "missing"},
		{name: "verify: a check time that is no time", tool: "explainer", input: "verify-now", bad: "yesterday", field: "now", code: "malformed"},
		{name: "diff: text that is not an S3 error", tool: "explainer", input: "diff-xml", bad: "hello", paste: true, field: "errorXml", code: "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := *p
			p.t = t
			p.openTool(tt.tool)
			if tt.tool == "explainer" && tt.input == "verify-now" {
				p.pasteInto("verify-url", docPresignedURL)
				p.typeInto("verify-now", "2013-05-24T12:00:00Z")
				p.waitFor("a verdict", func() (bool, string) {
					return p.attr("verify-result", "data-state") == "valid", p.text("verify-result")
				})
			}
			good := p.value(tt.input)
			if tt.paste {
				p.pasteInto(tt.input, tt.bad)
			} else {
				p.typeInto(tt.input, tt.bad)
			}
			target := tt.input
			fe := p.waitFieldError(target, tt.field)
			assert.Equal(t, tt.code, fe.Code, "data-code of the error next to #%s", target)
			t.Logf("#%s: %q", target, fe.Text)

			if tt.paste && good != "" {
				p.pasteInto(tt.input, good)
			} else {
				p.typeInto(tt.input, good)
			}
			p.waitFor("the error next to #"+target+" to go", func() (bool, string) {
				fe := p.fieldError(target)
				return fe.Invalid == "" && fe.Text == "", fe.Text
			})
		})
	}

	t.Run("upload: a minimum over the maximum", func(t *testing.T) {
		p := *p
		p.t = t
		p.openTool("upload")
		p.choose("upload-min-unit", "1024")
		p.choose("upload-max-unit", "1024")
		p.typeInto("upload-max-size", "1")
		p.typeInto("upload-min-size", "2")
		fe := p.waitFieldError("upload-min-size", "contentLengthRange[0]")
		assert.Equal(t, "out-of-range", fe.Code, "data-code of the size error")
		t.Logf("#upload-min-size: %q", fe.Text)
	})
	p.assertNoConsoleErrors()
	p.assertSecretsStayed(nil, exampleSecret)
}
