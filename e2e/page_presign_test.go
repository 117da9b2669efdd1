//go:build !js

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The AWS documentation's presigned GET of examplebucket/test.txt
// (sigv4/testdata/aws-doc-examples.json, s3-presigned-get-object).
const (
	docPresignedURL  = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
	docPresignExpiry = "2013-05-25T00:00:00Z"
)

// TestPageLoads opens the page as a visitor does: it loads from the dist
// server, the wasm signer starts, and nothing is logged as an error.
func TestPageLoads(t *testing.T) {
	start := time.Now()
	p := openPage(t, pageOptions{})
	t.Logf("page and signer ready in %v", time.Since(start))

	assert.Equal(t, "SigV4 toolkit", strings.TrimSpace(p.eval(`document.querySelector("h1").textContent`)), "page heading")
	assert.NotEqual(t, "…", p.text("signer-version"), "signer version in the footer")
	assert.True(t, p.visible("panel-presign"), "the presigned link tool is open first")
	assert.False(t, p.visible("signer-status"), "no loading or failure notice once the signer is ready; it says %q", p.text("signer-status"))
	// Console messages arrive shortly after their cause.
	time.Sleep(200 * time.Millisecond)
	p.assertNoConsoleErrors()
	p.assertSecretsStayed(nil)
}

// TestPagePresign fills the presigned link tool with the AWS documentation's
// example and compares the URL and expiry with the published ones, then
// types expiries the signer must refuse.
func TestPagePresign(t *testing.T) {
	p := openPage(t, pageOptions{})
	p.click("example-credentials")
	p.waitTextEquals("presign-result-url", docPresignedURL)

	// The expiry in UTC, formatted by the browser from the documented
	// time, independently of the page.
	wantUTC := p.eval(`new Intl.DateTimeFormat("en", {dateStyle: "full", timeStyle: "long", timeZone: "UTC"}).format(new Date(` + jsString(docPresignExpiry) + `))`)
	gotUTC := p.text("presign-expires-utc")
	assert.Equal(t, wantUTC, gotUTC, "expiry shown in UTC (2013-05-25 00:00:00 UTC)")
	assert.Contains(t, gotUTC, "May 25, 2013", "expiry shown in UTC")
	assert.Contains(t, gotUTC, "12:00:00", "expiry shown in UTC")
	assert.Contains(t, gotUTC, "UTC", "expiry shown in UTC")
	assert.NotEmpty(t, strings.TrimSpace(p.text("presign-expires-local")), "expiry in local time")
	assert.Contains(t, p.text("presign-snippet-curl"), "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", "curl snippet")
	assert.Equal(t, docPresignedURL, p.attr("presign-open", "href"), "the Open link")

	tests := []struct {
		name, amount, unit string
	}{
		{"zero seconds is refused", "0", "1"},
		{"8 days is over the 7-day limit", "8", "86400"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := *p
			p.t = t
			// From a valid expiry, so the error seen is this case's.
			p.choose("presign-expires-unit", "86400")
			p.typeInto("presign-expires", "1")
			p.waitTextEquals("presign-result-url", docPresignedURL)
			p.choose("presign-expires-unit", tt.unit)
			p.typeInto("presign-expires", tt.amount)
			fe := p.waitFieldError("presign-expires", "expires")
			assert.Equal(t, "out-of-range", fe.Code, "data-code of the expiry error")
			assert.False(t, p.visible("presign-result"), "the result is hidden while the expiry is invalid")
			assert.Empty(t, p.text("presign-result-url"), "the URL output is cleared")
			assert.True(t, p.visible("presign-placeholder"), "the placeholder is back")
			t.Logf("error shown: %q", fe.Text)
		})
	}

	// Back to a valid value: the error goes and the URL is back.
	p.choose("presign-expires-unit", "86400")
	p.typeInto("presign-expires", "1")
	p.waitTextEquals("presign-result-url", docPresignedURL)
	require.Empty(t, p.attr("presign-expires", "aria-invalid"), "aria-invalid after a valid expiry")
	assert.Empty(t, p.text("presign-expires-error"), "no error left next to the expiry")

	t.Run("a key with a dot segment: no Open link, a notice instead", func(t *testing.T) {
		p := *p
		p.t = t
		p.typeInto("presign-key", "a/../b.txt")
		p.waitText("presign-result-url", "the URL of a/../b.txt", func(s string) bool { return strings.Contains(s, "/a/../b.txt?") })
		assert.False(t, p.visible("presign-open"), "the Open link")
		assert.True(t, p.visible("presign-not-browser"), "the notice that a browser cannot open it")
		assert.Contains(t, p.text("presign-snippet-curl"), "--path-as-is", "curl keeps the path")
		assert.True(t, p.visible("presign-no-fetch"), "the notice that fetch() cannot send it")
		p.typeInto("presign-key", "test.txt")
		p.waitTextEquals("presign-result-url", docPresignedURL)
		assert.True(t, p.visible("presign-open"), "the Open link is back")
		assert.False(t, p.visible("presign-not-browser"), "the notice is gone")
	})
	p.assertNoConsoleErrors()
	p.assertSecretsStayed(nil, exampleSecret)
}
