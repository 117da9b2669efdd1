//go:build !js

package e2e

import (
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/internal/webserver"
)

// TestPageWorksOffline: after a first visit, the page's service worker
// serves it with the server gone, and the page still signs (the wasm comes
// from the worker's cache).
func TestPageWorksOffline(t *testing.T) {
	h, err := webserver.New(webserver.Config{Dir: filepath.Join(repoRoot(), "web", "dist")})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	p := openServed(t, srv.URL, pageOptions{})
	p.waitFor("the service worker to control the page", func() (bool, string) {
		state := p.eval(`navigator.serviceWorker.controller ? "controlled" : "not yet"`)
		if state != "controlled" {
			p.do(chromedp.Reload())
		}
		return state == "controlled", state
	})
	srv.Close()
	p.do(chromedp.Reload())
	p.waitFor("the signer to load offline", func() (bool, string) {
		v := p.text("signer-version")
		return v != "" && v != "…" && v != "?", v
	})
	p.click("example-credentials")
	p.waitTextEquals("presign-result-url", docPresignedURL)
}
