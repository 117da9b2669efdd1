//go:build !js

package e2e

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/internal/webserver"
)

// hashedName matches the names build.sh gives the files the page loads:
// NAME.HASH.EXT with HASH 12 hex digits of the file's SHA-256.
var hashedName = regexp.MustCompile(`^[^.]+\.[0-9a-f]{12}\.(js|wasm|css)$`)

// swCacheName matches the line of a built sw.js that names its cache.
var swCacheName = regexp.MustCompile(`const CACHE = "(sigv4kit-[0-9a-f]{12})";`)

// builtDist describes a build of the page: its folder, the cache its
// service worker fills and the content-hashed files in it.
type builtDist struct {
	dir    string
	cache  string
	hashed []string
}

// readDist reads what a test needs to know of the build in dir, failing the
// test when dir does not hold a build with content-hashed names.
func readDist(t *testing.T, dir string) builtDist {
	t.Helper()
	sw, err := os.ReadFile(filepath.Join(dir, "sw.js"))
	if err != nil {
		missing(t, dir+"/sw.js not built; run ./build.sh")
	}
	m := swCacheName.FindSubmatch(sw)
	require.NotNil(t, m, "%s/sw.js names no cache stamped with the build's hash: rebuild with ./build.sh", dir)
	d := builtDist{dir: dir, cache: string(m[1])}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err, "reading %s", dir)
	for _, e := range entries {
		if hashedName.MatchString(e.Name()) {
			d.hashed = append(d.hashed, e.Name())
		}
	}
	require.Len(t, d.hashed, 6, "content-hashed files in %s (the module, the wasm, the page's script and style, two widgets): %v", dir, d.hashed)
	return d
}

// buildMarked runs ./build.sh on a copy of web/src whose page script and
// style carry the marker, into a new folder, and returns that build: a second
// version of the page, as a later deploy would bring.
func buildMarked(t *testing.T, marker string) builtDist {
	t.Helper()
	if _, err := exec.LookPath("brotli"); err != nil {
		missing(t, "brotli not installed, so a second build of the page cannot be made (./build.sh provision)")
	}
	root := repoRoot()
	src := filepath.Join(t.TempDir(), "src")
	require.NoError(t, os.CopyFS(src, os.DirFS(filepath.Join(root, "web", "src"))), "copying web/src")
	appendTo := func(name, text string) {
		f, err := os.OpenFile(filepath.Join(src, name), os.O_APPEND|os.O_WRONLY, 0)
		require.NoError(t, err, "opening the copy of %s", name)
		_, err = f.WriteString(text)
		require.NoError(t, err, "marking %s", name)
		require.NoError(t, f.Close(), "closing %s", name)
	}
	appendTo("app.js", "\ndocument.documentElement.dataset.build = "+jsString(marker)+";\n")
	appendTo("app.css", "\n:root { --sigv4-build: "+jsString(marker)+"; }\n")

	dist := filepath.Join(t.TempDir(), "dist")
	cmd := exec.Command(filepath.Join(root, "build.sh"))
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "SIGV4_SRC="+src, "SIGV4_DIST="+dist)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "./build.sh with SIGV4_SRC=%s SIGV4_DIST=%s:\n%s", src, dist, lastLines(string(out), 30))
	t.Logf("build %s made in %s", marker, time.Since(start).Round(time.Millisecond))
	return readDist(t, dist)
}

// swappable serves through whichever handler it holds, so that a test can
// deploy a new build at the same origin (a service worker belongs to one).
type swappable struct {
	h atomic.Pointer[webserver.Handler]
}

func (s *swappable) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.h.Load().ServeHTTP(w, r) }

func (s *swappable) deploy(t *testing.T, d builtDist) {
	t.Helper()
	h, err := webserver.New(webserver.Config{Dir: d.dir})
	require.NoError(t, err, "webserver.New(%s)", d.dir)
	s.h.Store(h)
}

// workerState is what the page reports of its service worker and caches.
type workerState struct {
	Controlled bool                `json:"controlled"`
	Pending    bool                `json:"pending"` // a worker installing or waiting
	Caches     map[string][]string `json:"caches"`  // cache name -> paths held
}

const workerStateJS = `(async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  const caches_ = {};
  for (const name of await caches.keys()) {
    const keys = await (await caches.open(name)).keys();
    caches_[name] = keys.map((r) => new URL(r.url).pathname);
  }
  return JSON.stringify({
    controlled: navigator.serviceWorker.controller !== null,
    pending: !!(reg && (reg.installing || reg.waiting)),
    caches: caches_,
  });
})()`

func (p *pageTab) workerState() workerState {
	p.t.Helper()
	var s workerState
	require.NoError(p.t, json.Unmarshal([]byte(p.evalAsync(workerStateJS)), &s), "decoding the worker state")
	return s
}

// waitForWorkerOf waits until the page is controlled by the worker of build
// d, no other worker is on its way, and the only cache of the page is d's,
// holding the page and every content-hashed file of d.
func (p *pageTab) waitForWorkerOf(d builtDist) {
	p.t.Helper()
	want := []string{"/", "/index.html", "/demo.html"}
	for _, f := range d.hashed {
		want = append(want, "/"+f)
	}
	p.waitFor("the worker of "+d.cache+" to control the page with its cache alone", func() (bool, string) {
		s := p.workerState()
		held, ok := s.Caches[d.cache]
		ok = ok && s.Controlled && !s.Pending && len(s.Caches) == 1
		for _, w := range want {
			ok = ok && slices.Contains(held, w)
		}
		if !s.Controlled {
			p.do(chromedp.Reload()) // the first visit installs the worker; a later load is controlled
		}
		seen, _ := json.Marshal(s)
		return ok, string(seen)
	})
}

// TestPageUpgradesAcrossBuilds: a visitor whose service worker holds build A
// gets build B on the next load after B is deployed, B's worker replaces A's
// cache with its own, and with the server gone the page still works, as B.
func TestPageUpgradesAcrossBuilds(t *testing.T) {
	a := readDist(t, filepath.Join(repoRoot(), "web", "dist"))
	b := buildMarked(t, "B")
	require.NotEqual(t, a.cache, b.cache, "cache names of the two builds")
	newInB := slices.DeleteFunc(slices.Clone(b.hashed), func(f string) bool { return slices.Contains(a.hashed, f) })
	require.NotEmpty(t, newInB, "files of B whose hashed names A does not have")
	t.Logf("A: %s, B: %s; new hashed names in B: %v", a.cache, b.cache, newInB)

	var host swappable
	host.deploy(t, a)
	srv := httptest.NewServer(&host)
	defer srv.Close()

	p := openServed(t, srv.URL, pageOptions{})
	p.waitForWorkerOf(a)
	assert.Equal(t, "", p.eval(`document.documentElement.dataset.build || ""`), "marker of build A's script")

	host.deploy(t, b)
	p.do(chromedp.Reload())
	p.waitFor("build B's script to run", func() (bool, string) {
		v := p.eval(`document.documentElement.dataset.build || ""`)
		return v == "B", v
	})
	p.waitForWorkerOf(b) // A's cache deleted

	srv.Close()
	p.do(chromedp.Reload())
	p.waitFor("the signer to load offline", func() (bool, string) {
		v := p.text("signer-version")
		return v != "" && v != "…" && v != "?", v
	})
	assert.Equal(t, "B", p.eval(`document.documentElement.dataset.build || ""`), "marker of the script offline")
	assert.Equal(t, `"B"`, strings.TrimSpace(p.eval(`getComputedStyle(document.documentElement).getPropertyValue("--sigv4-build")`)), "marker of the style offline")
	p.click("example-credentials")
	p.waitTextEquals("presign-result-url", docPresignedURL)
	s := p.workerState()
	assert.Equal(t, []string{b.cache}, slices.Sorted(maps.Keys(s.Caches)), "caches offline")
}

// loadedPaths returns the paths of the files of the page's origin that the
// page has loaded (its resource timing entries).
func (p *pageTab) loadedPaths() []string {
	p.t.Helper()
	var paths []string
	p.evalJSON(`performance.getEntriesByType("resource").map((e) => new URL(e.name)).filter((u) => u.origin === location.origin).map((u) => u.pathname)`, &paths)
	return paths
}

// cacheControl fetches the path from the page, past the browser's cache, and
// returns the status and the Cache-Control header the browser received.
func (p *pageTab) cacheControl(path string) string {
	p.t.Helper()
	return p.evalAsync(`fetch(` + jsString(path) + `, { cache: "no-store" }).then((r) => r.status + " " + (r.headers.get("Cache-Control") || ""))`)
}

const immutable = "200 public, max-age=31536000, immutable"

// assertLoadedImmutable checks that each path is a content-hashed name that
// arrives with Cache-Control: immutable.
func (p *pageTab) assertLoadedImmutable(paths []string) {
	p.t.Helper()
	for _, path := range paths {
		assert.Regexp(p.t, hashedName, path[strings.LastIndex(path, "/")+1:], "name of a file the page loads")
		assert.Equal(p.t, immutable, p.cacheControl(path), "GET %s", path)
	}
}

// TestDistCacheHeaders: every file the page and the widget demo load arrives
// with a content-hashed name and Cache-Control: immutable, and the names
// that stay (the pages, the service worker, the entries embedders name) are
// revalidated. The browser reads the headers, so the build's names and the
// server's rule are checked together.
func TestDistCacheHeaders(t *testing.T) {
	origin := serveDist(t)
	for _, page := range []string{"/", "/demo.html"} {
		t.Run(page, func(t *testing.T) {
			p := openServed(t, origin, pageOptions{path: page, noWait: page != "/"})
			if page == "/demo.html" {
				// The explainer with the example keys loads the module once shown.
				p.waitFor("the explainer to load the wasm", func() (bool, string) {
					n := p.eval(`String(performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm")).length)`)
					return n == "1", n + " wasm loaded"
				})
			}
			loaded := p.loadedPaths()
			require.NotEmpty(t, loaded, "files loaded by %s", page)
			p.assertLoadedImmutable(loaded)
			for _, path := range []string{page, "/sw.js", "/sigv4.js", "/sigv4.wasm", "/sigv4-explainer.js", "/upload-enhancer.js", "/sigv4.d.ts"} {
				assert.Equal(t, "200 no-cache", p.cacheControl(path), "GET %s", path)
			}
			t.Logf("%s loaded %d files, each immutable: %v", page, len(loaded), loaded)
		})
	}
}

// TestWidgetExplainerStableEntry: a documentation site publishes web/dist
// under /sigv4/ and names the stable entry, as the README's snippet does. The
// explainer signs the documented example, and every file it loads but the
// entry has a content-hashed name and arrives immutable.
func TestWidgetExplainerStableEntry(t *testing.T) {
	dist := filepath.Join(repoRoot(), "web", "dist")
	readDist(t, dist)
	site := t.TempDir()
	require.NoError(t, os.CopyFS(filepath.Join(site, "sigv4"), os.DirFS(dist)), "publishing web/dist under /sigv4/")
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Docs</title>
<script type="module" src="/sigv4/sigv4-explainer.js"></script></head><body>
<sigv4-explainer id="explainer" endpoint="https://s3.amazonaws.com" region="us-east-1" bucket="examplebucket" key="test.txt" method="GET" example-credentials></sigv4-explainer>
</body></html>`
	require.NoError(t, os.WriteFile(filepath.Join(site, "index.html"), []byte(page), 0o644), "writing the site")

	p := openServed(t, serveDir(t, site), pageOptions{noWait: true})
	p.do(chromedp.ScrollIntoView(chromedp.ID("explainer")))
	p.do(chromedp.Click(chromedp.ID("explainer")))
	p.waitFor("the explainer to sign the documented example", func() (bool, string) {
		s := p.shadowText("explainer", "[data-testid=sigv4-url]")
		return s == docPresignedURL, s
	})
	loaded := p.loadedPaths()
	const entry = "/sigv4/sigv4-explainer.js"
	require.Contains(t, loaded, entry, "files loaded")
	assert.Equal(t, "200 no-cache", p.cacheControl(entry), "GET %s", entry)
	rest := slices.DeleteFunc(loaded, func(s string) bool { return s == entry })
	assert.Len(t, rest, 3, "files loaded besides the entry (the widget, the module, the wasm): %v", rest)
	p.assertLoadedImmutable(rest)
	p.assertNoConsoleErrors()
}
