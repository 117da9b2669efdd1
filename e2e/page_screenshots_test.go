//go:build !js

package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// screenshotPage saves a screenshot of the whole page: the viewport is
// stretched to the document's height (at most 4000 px) for the shot.
func (p *pageTab) screenshotPage(name string) string {
	p.t.Helper()
	var height int64
	p.evalJSON(`Math.min(4000, Math.ceil(document.documentElement.scrollHeight))`, &height)
	p.do(chromedp.EmulateViewport(1280, height))
	defer p.do(chromedp.EmulateViewport(1280, 900))
	return saveScreenshot(p.t, p.ctx, name)
}

// TestPageScreenshots shows each tool with its AWS documentation example in
// the light and the dark theme (the system's preference, emulated, and the
// page's own theme picker), and an error state, for people to look at in
// testout/TestPageScreenshots*/.
func TestPageScreenshots(t *testing.T) {
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			p := openPage(t, pageOptions{colorScheme: scheme})
			background := p.eval(`getComputedStyle(document.body).backgroundColor`)
			if scheme == "dark" {
				assert.Equal(t, "rgb(14, 17, 22)", background, "body background under prefers-color-scheme: dark")
			} else {
				assert.Equal(t, "rgb(245, 246, 248)", background, "body background under prefers-color-scheme: light")
			}
			p.click("example-credentials")
			p.waitTextEquals("presign-result-url", docPresignedURL)
			p.screenshotPage("presign-" + scheme)

			p.openTool("upload")
			p.waitText("upload-result-html", "the form HTML", func(s string) bool { return strings.Contains(s, "X-Amz-Signature") })
			p.do(chromedp.Click(chromedp.CSS(`#upload-result details > summary`))) // open the decoded policy
			p.screenshotPage("upload-" + scheme)

			p.openTool("request")
			p.waitText("request-result-headers", "the signed headers", func(s string) bool { return strings.Contains(s, "Authorization:") })
			p.screenshotPage("request-" + scheme)

			p.openTool("presign") // the explainer shows the presigned GET
			p.openTool("explainer")
			p.waitTextEquals("explainer-signature", "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
			p.click("explainer-signing-key-toggle")
			p.waitText("explainer-signing-key", "the signing key", func(s string) bool { return !strings.Contains(s, "•") })
			p.pasteInto("verify-url", docPresignedURL)
			p.typeInto("verify-now", "2013-05-24T12:00:00Z")
			p.waitFor("the verdict", func() (bool, string) {
				return p.attr("verify-result", "data-state") == "valid", p.text("verify-result")
			})
			doc := pageDocExamples(t)["s3-presigned-get-object"]
			cr := doc.Expected["canonical_request"]
			p.pasteInto("diff-xml", s3SignatureError(t, strings.Replace(cr, "\n/test.txt\n", "\n/examplebucket/test.txt\n", 1), doc.Expected["string_to_sign"]))
			p.waitFor("the diff", func() (bool, string) { return p.visible("diff-first"), p.text("diff-hints") })
			p.screenshotPage("explainer-" + scheme)

			p.openTool("presign")
			p.typeInto("presign-expires", "0")
			p.waitFieldError("presign-expires", "expires")
			p.screenshotPage("presign-error-" + scheme)
			p.assertNoConsoleErrors()
		})
	}

	t.Run("dark picked on a light system", func(t *testing.T) {
		p := openPage(t, pageOptions{colorScheme: "light"})
		p.choose("theme-select", "dark")
		require.Equal(t, "dark", p.eval(`document.documentElement.dataset.theme`), "html[data-theme] after picking dark")
		assert.Equal(t, "rgb(14, 17, 22)", p.eval(`getComputedStyle(document.body).backgroundColor`), "body background after picking dark")
		p.click("example-credentials")
		p.waitTextEquals("presign-result-url", docPresignedURL)
		p.screenshotPage("presign-dark-picked")
		p.assertNoConsoleErrors()
	})
}
