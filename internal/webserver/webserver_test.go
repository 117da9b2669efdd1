package webserver

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Files of the served fixture folder. The .br siblings hold marker text, not
// brotli: the handler never decodes them, and a marker shows which file was
// sent.
var (
	indexHTML = `<!doctype html><title>index</title>`
	appJS     = strings.Repeat("export const answer = 42;\n", 40) // compressible, > compressMinSize
	appJSBr   = "brotli sibling of app.js"
	wasm      = bytes.Repeat([]byte("\x00asm\x01\x00\x00\x00"), 200)
	tinyCSS   = "body{margin:0}"
)

// fixture builds a served folder and a secret file beside it, and returns the
// folder and the secret's path.
func fixture(t *testing.T) (dir, secret string) {
	t.Helper()
	base := t.TempDir()
	dir = filepath.Join(base, "dist")
	secret = filepath.Join(base, "secret.txt")
	files := map[string][]byte{
		"index.html":      []byte(indexHTML),
		"app.js":          []byte(appJS),
		"app.js.br":       []byte(appJSBr),
		"app.js.gz":       gzipBytes([]byte(appJS)),
		"sigv4.wasm":      wasm,
		"style.css":       []byte(tinyCSS),
		"sigv4.d.ts":      []byte("export declare const version: string;\n"),
		"data.json":       []byte(`{"a":1}`),
		"logo.svg":        []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`),
		"blob.bin":        []byte("\x01\x02"),
		"docs/index.html": []byte("<!doctype html><title>docs</title>"),
		"empty/keep.txt":  []byte("no index here"),
		".env":            []byte("SECRET=1"),
		"../secret.txt":   []byte("outside the served folder"),
		"stale.js":        []byte(appJS),
		"stale.js.br":     []byte("stale sibling"),
		"index.html.gz":   gzipBytes([]byte(indexHTML)),
	}
	// One time for all files, as a build writes them; the stale sibling was
	// compressed before its file last changed.
	now := time.Now().Truncate(time.Second)
	old := now.Add(-time.Hour)
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755), "MkdirAll")
		require.NoError(t, os.WriteFile(p, body, 0o644), "WriteFile %s", name)
		require.NoError(t, os.Chtimes(p, now, now), "Chtimes")
	}
	require.NoError(t, os.Chtimes(filepath.Join(dir, "stale.js.br"), old, old), "Chtimes")
	require.NoError(t, os.Symlink("../secret.txt", filepath.Join(dir, "escape.txt")), "Symlink")
	require.NoError(t, os.Symlink("docs/index.html", filepath.Join(dir, "inside.html")), "Symlink")
	return dir, secret
}

func newHandler(t *testing.T, origins ...string) *Handler {
	t.Helper()
	dir, _ := fixture(t)
	h, err := New(Config{Dir: dir, ConnectOrigins: origins})
	require.NoError(t, err, "New")
	return h
}

func get(h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	return do(h, http.MethodGet, target, header...)
}

func do(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestContentType(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		name, path, want string
	}{
		{"wasm is application/wasm", "/sigv4.wasm", "application/wasm"},
		{"js is text/javascript", "/app.js", "text/javascript; charset=utf-8"},
		{"css is text/css", "/style.css", "text/css; charset=utf-8"},
		{"html is text/html", "/index.html", "text/html; charset=utf-8"},
		{"root is the index html", "/", "text/html; charset=utf-8"},
		{"type declarations are plain text, not MPEG-TS", "/sigv4.d.ts", "text/plain; charset=utf-8"},
		{"json is application/json", "/data.json", "application/json"},
		{"svg is image/svg+xml", "/logo.svg", "image/svg+xml"},
		{"unknown extension is octet-stream", "/blob.bin", "application/octet-stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(h, tt.path)
			require.Equal(t, http.StatusOK, rec.Code, "GET %s", tt.path)
			assert.Equal(t, tt.want, rec.Header().Get("Content-Type"), "Content-Type of %s", tt.path)
		})
	}
}

func TestContentEncoding(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		name, path, acceptEncoding string
		wantEncoding               string
		wantBody                   string // after gzip decoding when wantEncoding is gzip
	}{
		{"no Accept-Encoding sends the file", "/app.js", "", "", appJS},
		{"br sends the brotli sibling", "/app.js", "br", "br", appJSBr},
		{"br and gzip prefer brotli", "/app.js", "gzip, deflate, br", "br", appJSBr},
		{"higher q for gzip wins over brotli", "/app.js", "br;q=0.5, gzip", "gzip", appJS},
		{"br with q=0 is refused", "/app.js", "br;q=0, gzip", "gzip", appJS},
		{"wildcard accepts brotli", "/app.js", "*", "br", appJSBr},
		{"wildcard with gzip;q=0 still picks brotli", "/app.js", "*, gzip;q=0", "br", appJSBr},
		{"identity only sends the file", "/app.js", "identity", "", appJS},
		{"unknown coding sends the file", "/app.js", "zstd", "", appJS},
		{"x-gzip counts as gzip", "/app.js", "x-gzip", "gzip", appJS},
		{"gzip sibling of the index", "/", "gzip", "gzip", indexHTML},
		{"gzip on the fly without a sibling", "/sigv4.wasm", "gzip", "gzip", string(wasm)},
		{"brotli without a sibling falls back to the file", "/sigv4.wasm", "br", "", string(wasm)},
		{"small file is not compressed on the fly", "/style.css", "gzip", "", tinyCSS},
		{"stale sibling is ignored", "/stale.js", "br", "", appJS},
		{"stale brotli sibling falls back to gzip on the fly", "/stale.js", "br, gzip", "gzip", appJS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(h, tt.path, "Accept-Encoding", tt.acceptEncoding)
			require.Equal(t, http.StatusOK, rec.Code, "GET %s", tt.path)
			assert.Equal(t, tt.wantEncoding, rec.Header().Get("Content-Encoding"), "Content-Encoding")
			assert.Equal(t, "Accept-Encoding", rec.Header().Get("Vary"), "Vary")
			body := rec.Body.Bytes()
			if tt.wantEncoding == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				require.NoError(t, err, "gzip.NewReader")
				body, err = io.ReadAll(zr)
				require.NoError(t, err, "reading gzip body")
			}
			assert.Equal(t, tt.wantBody, string(body), "body")
		})
	}
}

func TestETag(t *testing.T) {
	h := newHandler(t)
	first := get(h, "/app.js")
	require.Equal(t, http.StatusOK, first.Code, "GET /app.js")
	tag := first.Header().Get("ETag")
	require.Regexp(t, `^"[A-Za-z0-9_-]{43}"$`, tag, "a strong ETag, not W/")
	brTag := get(h, "/app.js", "Accept-Encoding", "br").Header().Get("ETag")
	gzTag := get(h, "/sigv4.wasm", "Accept-Encoding", "gzip").Header().Get("ETag")
	plainWasmTag := get(h, "/sigv4.wasm").Header().Get("ETag")

	tests := []struct {
		name, path, ifNoneMatch, acceptEncoding string
		wantStatus                              int
	}{
		{"matching tag is not modified", "/app.js", tag, "", http.StatusNotModified},
		{"tag in a list is not modified", "/app.js", `"x", ` + tag, "", http.StatusNotModified},
		{"weak form of the tag is not modified", "/app.js", "W/" + tag, "", http.StatusNotModified},
		{"star is not modified", "/app.js", "*", "", http.StatusNotModified},
		{"other tag sends the file", "/app.js", `"other"`, "", http.StatusOK},
		{"identity tag does not match the brotli representation", "/app.js", tag, "br", http.StatusOK},
		{"brotli tag matches the brotli representation", "/app.js", brTag, "br", http.StatusNotModified},
		{"on-the-fly gzip tag is stable", "/sigv4.wasm", gzTag, "gzip", http.StatusNotModified},
		{"identity tag does not match on-the-fly gzip", "/sigv4.wasm", plainWasmTag, "gzip", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(h, tt.path, "If-None-Match", tt.ifNoneMatch, "Accept-Encoding", tt.acceptEncoding)
			assert.Equal(t, tt.wantStatus, rec.Code, "GET %s If-None-Match: %s", tt.path, tt.ifNoneMatch)
			assert.NotEmpty(t, rec.Header().Get("ETag"), "ETag")
			assert.Equal(t, "no-cache", rec.Header().Get("Cache-Control"), "Cache-Control")
			if tt.wantStatus == http.StatusNotModified {
				assert.Empty(t, rec.Body.String(), "body of a 304")
			}
		})
	}

	t.Run("changed file gets a new tag", func(t *testing.T) {
		dir, _ := fixture(t)
		h, err := New(Config{Dir: dir})
		require.NoError(t, err, "New")
		before := get(h, "/data.json").Header().Get("ETag")
		require.NoError(t, os.WriteFile(filepath.Join(dir, "data.json"), []byte(`{"a":2}`), 0o644), "WriteFile")
		rec := get(h, "/data.json", "If-None-Match", before)
		assert.Equal(t, http.StatusOK, rec.Code, "GET after a change")
		assert.NotEqual(t, before, rec.Header().Get("ETag"), "ETag after a change")
		assert.Equal(t, `{"a":2}`, rec.Body.String(), "body after a change")
	})
}

// TestCacheControl: a file whose name carries the hash of its bytes, as the
// build names what the page loads, may be kept for good; every other file is
// revalidated, and so is a name whose hash does not match the bytes.
func TestCacheControl(t *testing.T) {
	const immutable = "public, max-age=31536000, immutable"
	hashOf := func(b string) string {
		sum := sha256.Sum256([]byte(b))
		return hex.EncodeToString(sum[:])[:12]
	}
	hashedJS := "app." + hashOf(appJS) + ".js"
	hashedWasm := "sigv4." + hashOf(string(wasm)) + ".wasm"
	files := map[string]string{
		"index.html":                     indexHTML,
		"sw.js":                          appJS,
		hashedJS:                         appJS,
		hashedJS + ".br":                 appJSBr,
		hashedWasm:                       string(wasm),
		"sigv4.wasm":                     string(wasm),
		"assets/" + hashedJS:             appJS,
		"app." + hashOf(tinyCSS) + ".js": appJS,
		"app." + strings.ToUpper(hashOf(appJS)) + ".js":    appJS,
		"app." + hashOf(appJS)[:10] + ".js":                appJS,
		"app." + hashOf(appJS) + hashOf(appJS)[:4] + ".js": appJS,
		"app." + hashOf(appJS):                             appJS,
	}
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755), "MkdirAll")
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644), "WriteFile %s", name)
	}
	h, err := New(Config{Dir: dir})
	require.NoError(t, err, "New")
	plainTag := get(h, "/"+hashedJS).Header().Get("ETag")

	tests := []struct {
		name, path string
		header     []string
		wantStatus int
		wantCache  string
	}{
		{"hashed script is immutable", "/" + hashedJS, nil, http.StatusOK, immutable},
		{"hashed wasm is immutable", "/" + hashedWasm, nil, http.StatusOK, immutable},
		{"hashed name in a folder is immutable", "/assets/" + hashedJS, nil, http.StatusOK, immutable},
		{"brotli sibling of a hashed name is immutable", "/" + hashedJS, []string{"Accept-Encoding", "br"}, http.StatusOK, immutable},
		{"gzip on the fly of a hashed name is immutable", "/" + hashedWasm, []string{"Accept-Encoding", "gzip"}, http.StatusOK, immutable},
		{"not modified keeps immutable", "/" + hashedJS, []string{"If-None-Match", plainTag}, http.StatusNotModified, immutable},
		{"index.html is revalidated", "/", nil, http.StatusOK, "no-cache"},
		{"service worker is revalidated", "/sw.js", nil, http.StatusOK, "no-cache"},
		{"stable name is revalidated", "/sigv4.wasm", nil, http.StatusOK, "no-cache"},
		{"hash of other bytes is revalidated", "/app." + hashOf(tinyCSS) + ".js", nil, http.StatusOK, "no-cache"},
		{"upper-case hash is revalidated", "/app." + strings.ToUpper(hashOf(appJS)) + ".js", nil, http.StatusOK, "no-cache"},
		{"shorter hash is revalidated", "/app." + hashOf(appJS)[:10] + ".js", nil, http.StatusOK, "no-cache"},
		{"longer hash is revalidated", "/app." + hashOf(appJS) + hashOf(appJS)[:4] + ".js", nil, http.StatusOK, "no-cache"},
		{"hash without an extension is revalidated", "/app." + hashOf(appJS), nil, http.StatusOK, "no-cache"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(h, tt.path, tt.header...)
			require.Equal(t, tt.wantStatus, rec.Code, "GET %s", tt.path)
			assert.Equal(t, tt.wantCache, rec.Header().Get("Cache-Control"), "Cache-Control of %s", tt.path)
		})
	}

	t.Run("replaced bytes under a hashed name are revalidated", func(t *testing.T) {
		p := filepath.Join(dir, hashedWasm)
		require.NoError(t, os.WriteFile(p, []byte("other bytes"), 0o644), "WriteFile")
		later := time.Now().Add(time.Minute)
		require.NoError(t, os.Chtimes(p, later, later), "Chtimes")
		rec := get(h, "/"+hashedWasm)
		require.Equal(t, http.StatusOK, rec.Code, "GET %s", hashedWasm)
		assert.Equal(t, "other bytes", rec.Body.String(), "body")
		assert.Equal(t, "no-cache", rec.Header().Get("Cache-Control"), "Cache-Control")
	})
}

func TestRefusals(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		name, method, target string
		wantStatus           int
	}{
		{"dot-dot segment", "GET", "/../secret.txt", http.StatusBadRequest},
		{"encoded dot-dot", "GET", "/%2e%2e/secret.txt", http.StatusBadRequest},
		{"uppercase encoded dot-dot and slash", "GET", "/%2E%2E%2Fsecret.txt", http.StatusBadRequest},
		{"dot-dot after a folder", "GET", "/docs/../../secret.txt", http.StatusBadRequest},
		{"mixed encoded traversal", "GET", "/docs/..%2f..%2fsecret.txt", http.StatusBadRequest},
		{"backslash", "GET", "/..\\secret.txt", http.StatusBadRequest},
		{"encoded backslash", "GET", "/..%5csecret.txt", http.StatusBadRequest},
		{"encoded NUL", "GET", "/index.html%00.js", http.StatusBadRequest},
		{"single dot segment", "GET", "/./index.html", http.StatusBadRequest},
		{"empty segment", "GET", "//index.html", http.StatusBadRequest},
		{"dot file", "GET", "/.env", http.StatusNotFound},
		{"symbolic link leading outside", "GET", "/escape.txt", http.StatusNotFound},
		{"folder without index is not listed", "GET", "/empty/", http.StatusNotFound},
		{"folder without index and slash is not listed", "GET", "/empty", http.StatusNotFound},
		{"file with a trailing slash", "GET", "/app.js/", http.StatusNotFound},
		{"brotli sibling asked directly", "GET", "/app.js.br", http.StatusNotFound},
		{"gzip sibling asked directly", "GET", "/app.js.gz", http.StatusNotFound},
		{"missing file", "GET", "/missing.js", http.StatusNotFound},
		{"POST", "POST", "/index.html", http.StatusMethodNotAllowed},
		{"PUT", "PUT", "/index.html", http.StatusMethodNotAllowed},
		{"DELETE", "DELETE", "/index.html", http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(h, tt.method, tt.target)
			assert.Equal(t, tt.wantStatus, rec.Code, "%s %s", tt.method, tt.target)
			assert.NotContains(t, rec.Body.String(), "outside the served folder", "body")
			assert.NotContains(t, rec.Body.String(), "SECRET", "body")
			assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"), "Cache-Control of an error")
			assert.Equal(t, h.ContentSecurityPolicy(), rec.Header().Get("Content-Security-Policy"), "CSP of an error")
			assert.Empty(t, rec.Header().Get("ETag"), "ETag of an error")
			if tt.wantStatus == http.StatusMethodNotAllowed {
				assert.Equal(t, "GET, HEAD", rec.Header().Get("Allow"), "Allow")
			}
		})
	}
}

func TestFolders(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		name, target string
		wantStatus   int
		wantLocation string
		wantBody     string
	}{
		{"root serves the index", "/", http.StatusOK, "", indexHTML},
		{"folder with a slash serves its index", "/docs/", http.StatusOK, "", "<!doctype html><title>docs</title>"},
		{"folder without a slash redirects relatively", "/docs", http.StatusMovedPermanently, "docs/", ""},
		{"redirect keeps the query", "/docs?x=1", http.StatusMovedPermanently, "docs/?x=1", ""},
		{"index asked by name", "/index.html", http.StatusOK, "", indexHTML},
		{"symbolic link inside the folder", "/inside.html", http.StatusOK, "", "<!doctype html><title>docs</title>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(h, tt.target)
			require.Equal(t, tt.wantStatus, rec.Code, "GET %s", tt.target)
			assert.Equal(t, tt.wantLocation, rec.Header().Get("Location"), "Location")
			if tt.wantBody != "" {
				assert.Equal(t, tt.wantBody, rec.Body.String(), "body")
			}
		})
	}
}

func TestHead(t *testing.T) {
	h := newHandler(t)
	rec := do(h, http.MethodHead, "/sigv4.wasm")
	require.Equal(t, http.StatusOK, rec.Code, "HEAD /sigv4.wasm")
	assert.Equal(t, "1600", rec.Header().Get("Content-Length"), "Content-Length")
	assert.Empty(t, rec.Body.String(), "body of HEAD")
}

func TestSecurityHeaders(t *testing.T) {
	const strict = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
		"img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; " +
		"base-uri 'none'; object-src 'none'"
	const withOrigins = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
		"img-src 'self' data:; connect-src 'self' http://127.0.0.1:9000 https://*.s3.amazonaws.com; " +
		"form-action 'self' http://127.0.0.1:9000 https://*.s3.amazonaws.com; frame-ancestors 'none'; " +
		"base-uri 'none'; object-src 'none'"
	tests := []struct {
		name    string
		origins []string
		target  string
		wantCSP string
	}{
		{"no extra origins on a page", nil, "/", strict},
		{"no extra origins on an asset", nil, "/app.js", strict},
		{"no extra origins on a 404", nil, "/missing", strict},
		{"extra origins normalized and deduplicated", []string{"http://127.0.0.1:9000/", "https://*.S3.amazonaws.com", "http://127.0.0.1:9000"}, "/", withOrigins},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHandler(t, tt.origins...)
			rec := get(h, tt.target)
			assert.Equal(t, tt.wantCSP, rec.Header().Get("Content-Security-Policy"), "Content-Security-Policy")
			assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"), "X-Content-Type-Options")
			assert.Equal(t, "no-referrer", rec.Header().Get("Referrer-Policy"), "Referrer-Policy")
		})
	}
}

func TestNewRefusesBadConfig(t *testing.T) {
	dir, secret := fixture(t)
	tests := []struct {
		name string
		cfg  Config
	}{
		{"missing folder", Config{Dir: filepath.Join(dir, "nope")}},
		{"file instead of a folder", Config{Dir: secret}},
		{"origin without scheme", Config{Dir: dir, ConnectOrigins: []string{"127.0.0.1:9000"}}},
		{"origin with another scheme", Config{Dir: dir, ConnectOrigins: []string{"ftp://example.com"}}},
		{"origin with a path", Config{Dir: dir, ConnectOrigins: []string{"https://example.com/bucket"}}},
		{"origin with a query", Config{Dir: dir, ConnectOrigins: []string{"https://example.com?x"}}},
		{"origin with user information", Config{Dir: dir, ConnectOrigins: []string{"https://u:p@example.com"}}},
		{"origin with a semicolon", Config{Dir: dir, ConnectOrigins: []string{"https://a;script-src"}}},
		{"origin with a space", Config{Dir: dir, ConnectOrigins: []string{"https://a b"}}},
		{"origin with a wildcard inside", Config{Dir: dir, ConnectOrigins: []string{"https://a.*.com"}}},
		{"wildcard alone", Config{Dir: dir, ConnectOrigins: []string{"*"}}},
		{"empty origin", Config{Dir: dir, ConnectOrigins: []string{""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := New(tt.cfg)
			assert.Error(t, err, "New")
			assert.Nil(t, h, "handler of a refused config")
		})
	}
}

// TestOverTheWire sends raw request lines through a real listener, as an
// attacker would, so that no client normalizes the path first.
func TestOverTheWire(t *testing.T) {
	srv := httptest.NewServer(newHandler(t))
	t.Cleanup(srv.Close)
	tests := []struct {
		name, requestTarget string
		wantStatus          int
	}{
		{"plain dot-dot", "/../secret.txt", http.StatusBadRequest},
		{"encoded dot-dot", "/%2e%2e/secret.txt", http.StatusBadRequest},
		{"encoded slash and dot-dot", "/docs%2f..%2f..%2fsecret.txt", http.StatusBadRequest},
		{"encoded backslash", "/%5c..%5csecret.txt", http.StatusBadRequest},
		{"page still served", "/", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", srv.Listener.Addr().String())
			require.NoError(t, err, "Dial")
			defer conn.Close()
			_, err = io.WriteString(conn, "GET "+tt.requestTarget+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
			require.NoError(t, err, "writing the request")
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			require.NoError(t, err, "ReadResponse")
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			assert.Equal(t, tt.wantStatus, resp.StatusCode, "GET %s", tt.requestTarget)
			assert.NotContains(t, string(body), "outside the served folder", "body")
		})
	}
}
