//go:build !js

package e2e

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/sigv4kit/sigv4kit/internal/webserver"
)

// serveDist serves the built page (<repo>/web/dist) through internal/webserver,
// as serve.go does, on a loopback httptest server that stops when the test
// ends, and returns its origin (http://127.0.0.1:PORT). extraOrigins are added
// to the Content-Security-Policy's connect-src and form-action, such as
// MinIO's Endpoint for an upload test. A missing build skips the test (fails
// it when CI is set).
func serveDist(t testing.TB, extraOrigins ...string) string {
	t.Helper()
	dist := filepath.Join(repoRoot(), "web", "dist")
	for _, f := range []string{"index.html", "sigv4.js", "sigv4.wasm"} {
		if _, err := os.Stat(filepath.Join(dist, f)); err != nil {
			missing(t, "web/dist/"+f+" not built; run ./build.sh")
		}
	}
	return serveDir(t, dist, extraOrigins...)
}

// serveDir serves any folder the way serveDist serves web/dist.
func serveDir(t testing.TB, dir string, extraOrigins ...string) string {
	t.Helper()
	h, err := webserver.New(webserver.Config{Dir: dir, ConnectOrigins: extraOrigins})
	if err != nil {
		t.Fatalf("webserver.New: %v", err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}
