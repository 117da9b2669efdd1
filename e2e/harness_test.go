//go:build !js

package e2e

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// s3Error is the XML body of an S3 error response.
type s3Error struct {
	Code       string
	BucketName string
}

// TestHarnessMinIO shows that the shared MinIO is live, refuses what is not
// signed, and answers CORS for loopback pages only.
func TestHarnessMinIO(t *testing.T) {
	m := minioServer(t)
	m.MakeBucket(t, "harness")

	t.Run("unsigned requests are refused with AccessDenied", func(t *testing.T) {
		for _, target := range []string{m.Endpoint + "/", m.URL("harness") + "/", m.URL("harness", "a.txt")} {
			resp, err := http.Get(target)
			require.NoError(t, err, "GET %s", target)
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.NoError(t, err, "reading the body of GET %s", target)
			assert.Equal(t, http.StatusForbidden, resp.StatusCode, "GET %s", target)
			var e s3Error
			require.NoError(t, xml.Unmarshal(body, &e), "S3 error XML of GET %s", target)
			assert.Equal(t, "AccessDenied", e.Code, "error code of GET %s", target)
		}
	})

	tests := []struct {
		name, origin string
		wantAllowed  bool
	}{
		{"loopback IP origin is allowed", "http://127.0.0.1:41234", true},
		{"localhost origin is allowed", "http://localhost:8080", true},
		{"outside origin is not allowed", "https://attacker.example", false},
	}
	for _, tt := range tests {
		t.Run("CORS preflight: "+tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodOptions, m.URL("harness", "a.txt"), nil)
			require.NoError(t, err, "NewRequest")
			req.Header.Set("Origin", tt.origin)
			req.Header.Set("Access-Control-Request-Method", http.MethodPut)
			req.Header.Set("Access-Control-Request-Headers", "content-type")
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err, "OPTIONS")
			resp.Body.Close()
			got := resp.Header.Get("Access-Control-Allow-Origin")
			if tt.wantAllowed {
				assert.Equal(t, tt.origin, got, "Access-Control-Allow-Origin")
			} else {
				assert.Empty(t, got, "Access-Control-Allow-Origin")
			}
		})
	}
}

// TestHarnessBrowser shows that the shared Chromium loads a page served by
// internal/webserver, runs its script under the Content-Security-Policy,
// evaluates JavaScript, and that the tab's log sees the requests, including
// one the policy blocks.
func TestHarnessBrowser(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.html": `<!doctype html><html><head><meta charset="utf-8">` +
			`<link rel="icon" href="data:,"><title>harness</title>` +
			`<script type="module" src="app.js"></script></head><body><p id="out">waiting</p></body></html>`,
		"app.js": `document.getElementById("out").textContent = "ready";`,
	}
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644), "WriteFile %s", name)
	}
	origin := serveDir(t, dir)
	ctx := newBrowserTab(t)

	step, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	require.NoError(t, chromedp.Do(step, chromedp.Navigate(origin+"/")), "Navigate")
	text, err := chromedp.Run(step, chromedp.Text(chromedp.ID("out")))
	require.NoError(t, err, "Text(#out)")
	assert.Equal(t, "ready", strings.TrimSpace(text), "text written by app.js")

	sum, err := chromedp.Run(step, chromedp.Evaluate[int](`1+1`))
	require.NoError(t, err, "Evaluate 1+1")
	assert.Equal(t, 2, sum, "1+1 in the page")

	// connect-src 'self': a fetch to another origin is refused by the
	// browser itself.
	outcome, err := chromedp.Run(step, chromedp.Evaluate[string](
		`fetch("http://127.0.0.1:9/forbidden").then(() => "sent", e => "blocked: " + e.name)`,
		chromedp.EvalAwaitPromise))
	require.NoError(t, err, "Evaluate fetch")
	assert.Equal(t, "blocked: TypeError", outcome, "fetch to another origin under the CSP")

	log := tabLog(ctx)
	var urls []string
	for _, r := range log.Requests() {
		urls = append(urls, r.URL)
	}
	assert.Contains(t, urls, origin+"/", "requests seen by the tab log")
	assert.Contains(t, urls, origin+"/app.js", "requests seen by the tab log")
	// A request the policy blocks never reaches the network log.
	assert.Empty(t, log.RequestsOutside(origin), "requests outside the page's origin")
	// Console messages arrive after the action that caused them.
	assert.Eventually(t, func() bool {
		return strings.Contains(strings.Join(log.ConsoleErrors(), "\n"), "Content Security Policy")
	}, 5*time.Second, 20*time.Millisecond, "a console error names the CSP violation; got %q", log.ConsoleErrors())
	assert.NotContains(t, strings.Join(log.ConsoleErrors(), "\n"), "favicon", "console errors")

	shot := saveScreenshot(t, ctx, "harness")
	fi, err := os.Stat(shot)
	require.NoError(t, err, "screenshot file")
	assert.Positive(t, fi.Size(), "screenshot size")
}
