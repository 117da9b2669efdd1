//go:build !js

package e2e

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// untranslatedWords are the Latin-script words a Russian page keeps as they
// are: names, codes and protocol terms.
var untranslatedWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`AWS S3 URL URLs curl fetch HTML JSON MinIO ISO SigV4 Signature V4 SES v2 Postbox
		Yandex Cloud Amazon GET PUT HEAD DELETE POST PATCH CanonicalRequest StringToSign SigningKey
		KiB MiB GiB ACL IAM X-YaCloud-SubjectToken YaCloud SubjectToken ETag Content-Type Content Type
		SignatureDoesNotMatch XML CORS aws-sigv4 CSP STS HMAC SHA256 HMAC-SHA256 kSigning UTF-8 R2 Cloudflare Google
		DigitalOcean Spaces GCS English Object Storage private public-read authenticated-read
		bucket-owner-full-control`) {
		untranslatedWords[w] = true
	}
}

var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_-]*`)

// untranslated returns the Latin-script words of s that are not names or
// codes.
func untranslated(s string) []string {
	var out []string
	for _, w := range latinWord.FindAllString(s, -1) {
		if !untranslatedWords[w] && !untranslatedWords[strings.Trim(w, "-_")] {
			out = append(out, w)
		}
	}
	return out
}

func hasCyrillic(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) })
}

// TestPageRussian switches the page to Russian with its language picker and
// checks that every label, button, heading, legend and summary changed; and
// that a browser whose language is Russian gets the page in Russian at once.
func TestPageRussian(t *testing.T) {
	p := openPage(t, pageOptions{})
	p.click("example-credentials")
	p.waitTextEquals("presign-result-url", docPresignedURL)
	for _, tool := range []string{"upload", "request", "explainer", "presign"} {
		p.openTool(tool) // every tool has shown its result, so its headings exist
	}
	english := p.uiTexts()
	require.Contains(t, english, "Provider and keys", "the page starts in English")

	p.choose("lang-select", "ru")
	p.waitFor("the page in Russian", func() (bool, string) {
		return p.eval(`document.documentElement.lang`) == "ru" && hasCyrillic(p.text("cred-title")), p.text("cred-title")
	})
	russian := p.uiTexts()

	var leftovers []string
	for _, s := range russian {
		if slices.Contains(english, s) && len(untranslated(s)) > 0 {
			leftovers = append(leftovers, s)
		}
	}
	if len(leftovers) > 0 {
		t.Logf("English left after switching to Russian (labels, buttons, headings, legends, summaries):\n  %s", strings.Join(leftovers, "\n  "))
	}
	assert.Empty(t, leftovers, "untranslated texts")

	// Other visible text is reported, not asserted: hints, options, notices
	// and the text of results.
	var other []string
	p.evalJSON(`[...document.querySelectorAll("p.hint, p.lead, p.placeholder, option, .notice, dt, [aria-label], [placeholder]")]
		.filter(e => !e.closest("[hidden]") || e.closest(".panel[hidden]"))
		.map(e => [e.textContent, e.getAttribute("aria-label") || ""].join(" ").replace(/\s+/g, " ").trim())
		.filter(Boolean)`, &other)
	var otherLeft []string
	for _, s := range other {
		if !hasCyrillic(s) && len(untranslated(s)) > 0 {
			otherLeft = append(otherLeft, s)
		}
	}
	slices.Sort(otherLeft)
	if otherLeft = slices.Compact(otherLeft); len(otherLeft) > 0 {
		t.Logf("other text without Russian (hints, options, notices, aria-labels; not asserted):\n  %s", strings.Join(otherLeft, "\n  "))
	}

	// Russian labels are longer than English ones: shots to look for cut
	// or overlapping text.
	p.screenshotPage("presign-ru")
	p.openTool("upload")
	p.screenshotPage("upload-ru")
	// The form to paste speaks the page's language too.
	p.typeInto("upload-expires", "31")
	p.waitText("upload-result-html", "the form HTML with a Russian button", func(s string) bool {
		return strings.Contains(s, `<button type="submit">Загрузить</button>`)
	})

	t.Run("a browser set to Russian gets the page in Russian", func(t *testing.T) {
		ru := openPage(t, pageOptions{acceptLang: "ru-RU,ru"})
		assert.Equal(t, "ru", ru.eval(`navigator.language.slice(0, 2)`), "navigator.language under the emulated browser language")
		assert.Equal(t, "ru", ru.value("lang-select"), "language picker")
		assert.Equal(t, "ru", ru.eval(`document.documentElement.lang`), "<html lang>")
		title := ru.eval(`document.querySelector("h1").textContent`)
		assert.True(t, hasCyrillic(ru.text("cred-title")), "the keys card title is Russian: %q", ru.text("cred-title"))
		assert.True(t, hasCyrillic(ru.text("tab-presign")), "the first tab is Russian: %q", ru.text("tab-presign"))
		t.Logf("title %q, tabs %q %q %q %q", title, ru.text("tab-presign"), ru.text("tab-upload"), ru.text("tab-request"), ru.text("tab-explainer"))
		ru.assertNoConsoleErrors()
	})
	p.assertNoConsoleErrors()
	p.assertSecretsStayed(nil, exampleSecret)
}
