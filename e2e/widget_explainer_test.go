//go:build !js

package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shadowText returns the text of the element matching selector inside the
// shadow root of the element with the id, "" when there is none.
func (p *pageTab) shadowText(hostID, selector string) string {
	p.t.Helper()
	return p.eval(`(() => { const r = ` + byID(hostID) + `?.shadowRoot; const e = r && r.querySelector(` + jsString(selector) + `); return e ? e.textContent : null })()`)
}

// typeInShadow types into an input inside a shadow root as typeInto does:
// focus, select all, type.
func (p *pageTab) typeInShadow(hostID, selector, text string) {
	p.t.Helper()
	got := p.eval(`(() => { const e = ` + byID(hostID) + `.shadowRoot.querySelector(` + jsString(selector) + `); e.focus(); e.select(); return document.activeElement === ` + byID(hostID) + ` ? "focused" : "not focused" })()`)
	require.Equal(p.t, "focused", got, "focus %s in #%s", selector, hostID)
	require.NoError(p.t, chromedp.Do(p.step(), chromedp.KeyEvent(text)), "typing into %s of #%s", selector, hostID)
}

// TestWidgetExplainer opens the widgets demo and uses <sigv4-explainer>
// with example-credentials: it shows the documented URL and signature,
// recomputes as the visitor types, and keeps its styles in its shadow root.
func TestWidgetExplainer(t *testing.T) {
	doc := pageDocExamples(t)["s3-presigned-get-object"]
	p := openPage(t, pageOptions{path: "/demo.html", noWait: true})
	require.Equal(t, "true", p.eval(`String(!!customElements.get("sigv4-explainer"))`), "the custom element is defined")

	// A person points at the widget (it also starts when scrolled into
	// view), then reads the signature.
	p.do(chromedp.ScrollIntoView(chromedp.ID("demo-explainer")))
	p.do(chromedp.Click(chromedp.ID("demo-explainer")))
	p.waitFor("the documented signature in the widget", func() (bool, string) {
		s := p.shadowText("demo-explainer", "[data-testid=sigv4-signature]")
		return s == doc.Expected["signature"], "signature " + s + "; status " + p.shadowText("demo-explainer", ".status")
	})
	assert.Equal(t, docPresignedURL, p.shadowText("demo-explainer", "[data-testid=sigv4-url]"), "URL in the widget")
	assert.Equal(t, doc.Expected["canonical_request"], p.shadowText("demo-explainer", "[data-testid=sigv4-canonical-request]"), "canonical request in the widget")
	assert.Equal(t, doc.Expected["string_to_sign"], p.shadowText("demo-explainer", "[data-testid=sigv4-string-to-sign]"), "string to sign in the widget")

	t.Run("typing another key recomputes, typing it back restores the documented signature", func(t *testing.T) {
		p := *p
		p.t = t
		p.typeInShadow("demo-explainer", "input[name=key]", "photos/my cat.jpg")
		p.waitFor("a URL for the new key", func() (bool, string) {
			u := p.shadowText("demo-explainer", "[data-testid=sigv4-url]")
			return strings.HasPrefix(u, "https://examplebucket.s3.amazonaws.com/photos/my%20cat.jpg?"), u
		})
		assert.NotEqual(t, doc.Expected["signature"], p.shadowText("demo-explainer", "[data-testid=sigv4-signature]"), "signature for another key")
		p.typeInShadow("demo-explainer", "input[name=key]", "test.txt")
		p.waitFor("the documented signature again", func() (bool, string) {
			s := p.shadowText("demo-explainer", "[data-testid=sigv4-signature]")
			return s == doc.Expected["signature"], s
		})
	})

	t.Run("object-key wins over key; without it, key is the object key", func(t *testing.T) {
		p := *p
		p.t = t
		host := byID("demo-explainer")
		p.eval(host + `.setAttribute("key", "other.txt"), null`)
		p.eval(host + `.setAttribute("object-key", "test.txt"), null`)
		p.waitFor("the documented signature with object-key=test.txt and key=other.txt", func() (bool, string) {
			u := p.shadowText("demo-explainer", "[data-testid=sigv4-url]")
			return u == docPresignedURL, u
		})
		p.eval(host + `.removeAttribute("object-key"), null`)
		p.waitFor("a URL for key=other.txt", func() (bool, string) {
			u := p.shadowText("demo-explainer", "[data-testid=sigv4-url]")
			return strings.HasPrefix(u, "https://examplebucket.s3.amazonaws.com/other.txt?"), u
		})
		p.eval(host + `.setAttribute("object-key", "test.txt"), null`)
		p.waitFor("the documented signature again", func() (bool, string) {
			u := p.shadowText("demo-explainer", "[data-testid=sigv4-url]")
			return u == docPresignedURL, u
		})
	})

	t.Run("the signing key is masked until asked for", func(t *testing.T) {
		p := *p
		p.t = t
		assert.NotContains(t, p.shadowText("demo-explainer", "[data-testid=sigv4-signing-key]"), doc.Expected["signing_key_hex"], "signing key before the click")
		p.eval(byID("demo-explainer") + `.shadowRoot.getElementById("sigv4-signing-key-toggle").click(), null`)
		p.waitFor("the signing key", func() (bool, string) {
			s := p.shadowText("demo-explainer", "[data-testid=sigv4-signing-key]")
			return s == "kSigning = "+doc.Expected["signing_key_hex"], s
		})
	})

	t.Run("styles stay in the shadow root", func(t *testing.T) {
		p := *p
		p.t = t
		var sheets struct{ Shadow, Light int }
		p.evalJSON(`({Shadow: `+byID("demo-explainer")+`.shadowRoot.adoptedStyleSheets.length + `+byID("demo-explainer")+`.shadowRoot.querySelectorAll("style").length,
			Light: document.querySelectorAll("style").length})`, &sheets)
		assert.Positive(t, sheets.Shadow, "style sheets in the shadow root")
		assert.Zero(t, sheets.Light, "<style> elements added to the page")
	})

	t.Run("the Russian widget speaks Russian", func(t *testing.T) {
		p := *p
		p.t = t
		p.do(chromedp.ScrollIntoView(chromedp.ID("demo-explainer-ru")))
		title := p.shadowText("demo-explainer-ru", "h2")
		assert.True(t, hasCyrillic(title), "title of the lang=ru widget: %q", title)
	})

	saveScreenshot(t, p.ctx, "demo")
	p.assertNoConsoleErrors()
	p.assertSecretsStayed(nil, exampleSecret)
}
