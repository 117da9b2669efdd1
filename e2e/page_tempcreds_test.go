//go:build !js

package e2e

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPageTemporaryCredentials gives the page temporary credentials and
// their expiry, as a visitor does with what STS returned: the expiry field
// appears with a session token, the presign and upload results show when
// they were signed and until when they work, with a warning when the
// credentials end first, in English and Russian; credentials that have
// already expired are refused on the field.
func TestPageTemporaryCredentials(t *testing.T) {
	p := openPage(t, pageOptions{})
	p.click("example-credentials")
	p.waitTextEquals("presign-result-url", docPresignedURL)
	assert.False(t, p.visible("credentials-expire-at"), "no expiry field without a session token")
	assert.False(t, p.visible("presign-lifetime-warning"), "no warning without temporary credentials")

	// localTime formats an instant as the page does, independently of it.
	localTime := func(iso string) string {
		return p.eval(`new Intl.DateTimeFormat(document.documentElement.lang, {dateStyle: "full", timeStyle: "long"}).format(new Date(` + jsString(iso) + `))`)
	}
	assert.Contains(t, p.text("presign-signed-at"), localTime("2013-05-24T00:00:00Z"), "signed at: the example's signing time")
	assert.Contains(t, p.text("presign-valid-until"), localTime(docPresignExpiry), "works until: the URL's own expiry")

	p.typeInto("session-token", "FwoGZXIvYXdzEXAMPLE")
	p.waitFor("the credentials expiry field", func() (bool, string) { return p.visible("credentials-expire-at"), "hidden" })
	p.waitText("presign-result-url", "a URL with the session token", func(s string) bool { return strings.Contains(s, "X-Amz-Security-Token=") })

	// The credentials end 15 minutes after signing; the URL asks for a day.
	p.typeInto("credentials-expire-at", "2013-05-24T00:15:00Z")
	p.waitFor("the lifetime warning", func() (bool, string) {
		return p.visible("presign-lifetime-warning"), p.text("presign-valid-until")
	})
	assert.Contains(t, p.text("presign-valid-until"), localTime("2013-05-24T00:15:00Z"), "works until: the credentials' expiry")
	assert.Contains(t, p.text("presign-expires-utc"), "May 25, 2013", "the requested expiry is still shown")
	assert.Contains(t, p.text("presign-result-url"), "X-Amz-Expires=86400&", "the URL asks for a day")
	warning := p.text("presign-lifetime-warning")
	assert.Contains(t, warning, "expire before the link does, so it works only until", "warning")
	assert.Contains(t, warning, localTime("2013-05-24T00:15:00Z"), "the warning says when")
	assert.Equal(t, "status", p.attr("presign-lifetime-warning", "role"), "the warning is announced")
	t.Logf("warning shown: %q", warning)

	p.choose("lang-select", "ru")
	p.waitText("presign-lifetime-warning", "the Russian warning", func(s string) bool {
		return strings.HasPrefix(s, "Временные ключи истекают раньше ссылки, и ссылка перестанет работать вместе с ними")
	})
	assert.Contains(t, p.text("presign-valid-until"), localTime("2013-05-24T00:15:00Z"), "works until, in Russian")
	t.Logf("Russian warning: %q", p.text("presign-lifetime-warning"))
	p.choose("lang-select", "en")

	// Credentials that outlive the URL: no warning, the URL's own end.
	p.typeInto("credentials-expire-at", "2013-05-26T00:00:00Z")
	p.waitFor("the warning to go", func() (bool, string) {
		return !p.visible("presign-lifetime-warning"), p.text("presign-lifetime-warning")
	})
	assert.Contains(t, p.text("presign-valid-until"), localTime(docPresignExpiry), "works until: the URL's own expiry")

	// Credentials that expired before the signing time are refused.
	p.typeInto("credentials-expire-at", "2013-05-23T23:00:00Z")
	fe := p.waitFieldError("credentials-expire-at", "credentialsExpireAt")
	assert.Equal(t, "out-of-range", fe.Code, "data-code of the error")
	assert.False(t, p.visible("presign-result"), "no link from expired credentials")
	t.Logf("error shown: %q", fe.Text)

	// The upload tool: its example signs on 2015-12-29 for a form that
	// works until 2015-12-30T12:00:00Z; the credentials end at 00:30.
	p.openTool("upload")
	p.click("example-credentials")
	p.typeInto("session-token", "FwoGZXIvYXdzEXAMPLE")
	p.typeInto("credentials-expire-at", "2015-12-29T00:30:00Z")
	p.waitFor("the upload lifetime warning", func() (bool, string) {
		return p.visible("upload-lifetime-warning"), p.text("upload-result-valid-until") + " | " + strings.Join(p.problems(), "; ")
	})
	assert.Contains(t, p.text("upload-lifetime-warning"), "expire before the form", "upload warning")
	assert.Contains(t, p.text("upload-result-valid-until"), localTime("2015-12-29T00:30:00Z"), "form works until the credentials' expiry")
	assert.Contains(t, p.text("upload-result-signed-at"), localTime("2015-12-29T00:00:00Z"), "form signed at")
	assert.Contains(t, p.text("upload-result-expiration"), localTime("2015-12-30T12:00:00Z"), "the form's own expiration is still shown")

	// Without the session token the expiry is neither shown nor sent.
	p.typeInto("session-token", "")
	p.waitFor("the warning to go with the token", func() (bool, string) { return !p.visible("upload-lifetime-warning"), p.text("upload-lifetime-warning") })
	assert.False(t, p.visible("credentials-expire-at"), "the expiry field hides without a token")
	p.assertNoConsoleErrors()
}
