//go:build !js

package e2e

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPageClearKeysClearsEverySecret: "Clear the keys" empties every input
// that holds a secret, the verify tool's secret included.
func TestPageClearKeysClearsEverySecret(t *testing.T) {
	p := openPage(t, pageOptions{})
	p.typeInto("access-key-id", "AKIDEXAMPLE")
	p.typeInto("secret-access-key", "top-secret-main")
	p.typeInto("session-token", "session-token-value")
	p.openTool("explainer")
	p.typeInto("verify-secret", "top-secret-verify")
	p.click("clear-credentials")
	for _, id := range []string{"access-key-id", "secret-access-key", "session-token", "verify-secret"} {
		assert.Empty(t, p.value(id), "#%s after Clear the keys", id)
	}
}

// TestPageStaticHostPolicy: served by a host that sends no
// Content-Security-Policy (a plain file server), the page still enforces
// its <meta> policy: no inline script, no plain-http connection off loopback, while
// https and loopback http (a bucket, a local MinIO) stay reachable; and it
// signs.
func TestPageStaticHostPolicy(t *testing.T) {
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(repoRoot(), "web", "dist"))))
	t.Cleanup(srv.Close)
	p := openServed(t, srv.URL, pageOptions{})
	got := p.evalAsync(`(async () => {
		const blocked = [];
		document.addEventListener("securitypolicyviolation", (e) => blocked.push(e.effectiveDirective + " " + e.blockedURI));
		const script = document.createElement("script"); // as injected markup would
		script.textContent = "window.inlineRan = true";
		document.head.append(script);
		for (const url of ["http://example.com/", "https://127.0.0.1:1/", "http://127.0.0.1:1/", "http://localhost:1/"]) {
			try { await fetch(url); } catch {}
		}
		await new Promise((r) => setTimeout(r, 100)); // violation events are queued
		return JSON.stringify({ inlineRan: window.inlineRan === true, blocked });
	})()`)
	assert.JSONEq(t, `{"inlineRan":false,"blocked":["script-src-elem inline","connect-src http://example.com/"]}`, got,
		"what the <meta> policy refused")
	p.click("example-credentials")
	p.waitTextEquals("presign-result-url", docPresignedURL)
}
