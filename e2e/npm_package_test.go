//go:build !js

package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The files of the npm package (web/npm, made by build.sh), as npm pack lists them.
var packageFiles = []string{"LICENSE", "README.md", "package.json", "sigv4-explainer.js", "sigv4.d.ts", "sigv4.js", "sigv4.wasm", "upload-enhancer.js"}

// appPage is the page of the bundled sample apps: the signer's URL in #url,
// and the explainer with the object key in object-key.
const appPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>sigv4kit in a bundled app</title><script type="module" src="./main.js"></script></head><body>
<pre id="url"></pre>
<sigv4-explainer id="explainer" endpoint="https://s3.amazonaws.com" region="us-east-1" bucket="examplebucket" object-key="test.txt" method="GET" example-credentials></sigv4-explainer>
</body></html>
`

// bundledApp is a sample app: its files (name in the app <- file of
// e2e/testdata/npm), the command that builds it, and where the built app is.
type bundledApp struct {
	name  string
	files map[string]string
	build []string // the command; bin/X is .cache/bundlers/node_modules/.bin/X, esbuild the project's (go tool esbuild)
	vite  bool     // the page is the bundler's entry (index.html at the root)
	out   string   // the built app's folder, relative to the app
	site  bool     // a VitePress site: no #url, and served by a plain file server (its pages carry inline scripts, the dark-mode check and the route hash map, which internal/webserver's CSP refuses)
}

var bundledApps = []bundledApp{
	{name: "vite", files: map[string]string{"main.js": "main.js", "show.js": "show.js"},
		build: []string{"bin/vite", "build", "--logLevel", "warn"}, vite: true, out: "dist"},
	{name: "webpack", files: map[string]string{"main.js": "main.js", "show.js": "show.js"},
		build: []string{"bin/webpack", "./main.js", "--mode=production", "--no-stats"}, out: "dist"},
	{name: "rollup", files: map[string]string{"main.js": "main.js", "show.js": "show.js", "rollup.config.mjs": "rollup.config.mjs"},
		build: []string{"bin/rollup", "-c", "rollup.config.mjs", "--silent"}, out: "dist"},
	{name: "esbuild", files: map[string]string{"main.js": "main-esbuild.js", "show.js": "show.js"},
		build: append([]string{"esbuild"}, esbuildArgs...), out: "dist"},
	{name: "vitepress", files: map[string]string{"index.md": "vitepress/index.md", ".vitepress/config.mjs": "vitepress/.vitepress/config.mjs",
		".vitepress/theme/index.js": "vitepress/.vitepress/theme/index.js"},
		build: []string{"bin/vitepress", "build"}, out: ".vitepress/dist", site: true},
}

// esbuildArgs is the esbuild command of the package's README.
var esbuildArgs = []string{"main.js", "--bundle", "--format=esm", "--loader:.wasm=file", "--outdir=dist", "--log-level=warning"}

// TestNPMPackage packs web/npm with npm pack, installs the tarball offline
// into sample apps, builds them with Vite, webpack, Rollup (with the plugin
// the README names), esbuild (the way the README gives) and VitePress, and
// runs each in Chromium: the signer makes the documented presigned GET and
// the explainer, from the package, signs it too. The wasm is found through
// each bundler's handling of the module's new URL("./sigv4.wasm",
// import.meta.url): the served folder is the build output alone. In Node,
// load() with no argument reads the wasm from the package.
func TestNPMPackage(t *testing.T) {
	root := repoRoot()
	pkg := filepath.Join(root, "web", "npm")
	bundlers := filepath.Join(root, ".cache", "bundlers")
	if _, err := os.Stat(filepath.Join(pkg, "package.json")); err != nil {
		missing(t, "web/npm/package.json not built; run ./build.sh (it needs node)")
	}
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing(t, tool+" not installed")
		}
	}
	if _, err := os.Stat(filepath.Join(bundlers, "node_modules", ".bin", "vitepress")); err != nil {
		missing(t, "the bundlers are not installed in .cache/bundlers; run ./build.sh provision")
	}
	readme, err := os.ReadFile(filepath.Join(pkg, "README.md"))
	require.NoError(t, err, "the package's README")

	t.Run("the README gives the Rollup config, the esbuild code and command, and the VitePress setup the tests use", func(t *testing.T) {
		for _, f := range []string{"rollup.config.mjs", "vitepress/.vitepress/theme/index.js"} {
			assert.Contains(t, string(readme), string(readTestdata(t, f)), "README.md holds %s as the test uses it", f)
		}
		esbuildMain := string(readTestdata(t, "main-esbuild.js"))
		for _, line := range []string{`import { load } from "sigv4kit";`, `import wasm from "sigv4kit/sigv4.wasm";`, `const signer = load(new URL(wasm, import.meta.url));`} {
			assert.Contains(t, esbuildMain, line, "main-esbuild.js")
			assert.Contains(t, string(readme), line, "README.md")
		}
		assert.Contains(t, string(readme), "esbuild "+strings.Join(esbuildArgs[:len(esbuildArgs)-1], " "), "README.md's esbuild command")
		config := string(readTestdata(t, "vitepress/.vitepress/config.mjs"))
		vue := `  vue: { template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith("sigv4-") } } },`
		assert.Contains(t, config, vue, "the VitePress config")
		assert.Contains(t, string(readme), vue, "README.md's VitePress config")
	})

	// npm pack, as a publisher would.
	tmp := t.TempDir()
	var packed []struct {
		Name, Version, Filename string
		Size, UnpackedSize      int
		Files                   []struct{ Path string }
	}
	out := runIn(t, pkg, npmCommand("pack", pkg, "--pack-destination", tmp, "--json"))
	require.NoError(t, json.Unmarshal(out, &packed), "npm pack --json: %s", out)
	require.Len(t, packed, 1, "npm pack --json")
	tarball := filepath.Join(tmp, packed[0].Filename)
	var files []string
	for _, f := range packed[0].Files {
		files = append(files, f.Path)
	}
	slices.Sort(files)
	assert.Equal(t, packageFiles, files, "files in the tarball")
	assert.Equal(t, "sigv4kit", packed[0].Name, "package name")
	t.Logf("%s: %d files, %d bytes packed, %d unpacked", packed[0].Filename, len(files), packed[0].Size, packed[0].UnpackedSize)

	// The apps live under .cache/bundlers, so that their configs find the
	// bundlers and plugins installed there; the package is installed from
	// the tarball, offline, next to them.
	apps, err := os.MkdirTemp(bundlers, "apps-")
	require.NoError(t, err, "a folder for the sample apps")
	t.Cleanup(func() { os.RemoveAll(apps) })
	require.NoError(t, os.WriteFile(filepath.Join(apps, "package.json"), []byte(`{ "private": true, "type": "module" }`+"\n"), 0o644))
	start := time.Now()
	runIn(t, apps, npmCommand("install", tarball, "--offline", "--no-package-lock"))
	t.Logf("npm install %s --offline: %s", filepath.Base(tarball), time.Since(start).Round(time.Millisecond))
	var installed struct{ Version string }
	require.NoError(t, json.Unmarshal(mustRead(t, filepath.Join(apps, "node_modules", "sigv4kit", "package.json")), &installed), "the installed package.json")

	t.Run("node: load() with no argument reads the wasm from the package", func(t *testing.T) {
		t.Parallel()
		copyTestdata(t, filepath.Join(apps, "node"), map[string]string{"node.mjs": "node.mjs", "show.js": "show.js"})
		var got struct{ Version, URL string }
		out := runIn(t, filepath.Join(apps, "node"), exec.Command("node", "node.mjs"))
		require.NoError(t, json.Unmarshal(out, &got), "node node.mjs: %s", out)
		assert.Equal(t, docPresignedURL, got.URL, "presigned URL in Node")
		assert.Equal(t, got.Version, installed.Version, "package.json's version and the module's version()")
	})

	for _, app := range bundledApps {
		t.Run(app.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(apps, app.name)
			copyTestdata(t, dir, app.files)
			if app.vite {
				require.NoError(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte(appPage), 0o644))
			}
			name, args := app.build[0], app.build[1:]
			if bin, ok := strings.CutPrefix(name, "bin/"); ok {
				name = filepath.Join(bundlers, "node_modules", ".bin", bin)
			} else if name == "esbuild" {
				name = strings.TrimSpace(string(runIn(t, root, exec.Command("go", "tool", "-n", "esbuild"))))
			}
			start := time.Now()
			runIn(t, dir, exec.Command(name, args...))
			t.Logf("%s built in %s", app.name, time.Since(start).Round(time.Millisecond))
			out := filepath.Join(dir, app.out)
			if !app.vite && !app.site {
				require.NoError(t, os.WriteFile(filepath.Join(out, "index.html"), []byte(appPage), 0o644))
			}
			assert.NoFileExists(t, filepath.Join(out, "node_modules"), "the built app")

			var origin string
			if app.site {
				srv := httptest.NewServer(http.FileServer(http.Dir(out)))
				t.Cleanup(srv.Close)
				origin = srv.URL
			} else {
				origin = serveDir(t, out)
			}
			p := openServed(t, origin, pageOptions{noWait: true})
			if !app.site {
				p.waitFor("the documented presigned GET from the signer", func() (bool, string) {
					s := p.text("url")
					return s == docPresignedURL, s
				})
			}
			p.do(chromedp.ScrollIntoView(chromedp.ID("explainer")))
			p.waitFor("the explainer to sign the documented example", func() (bool, string) {
				s := p.shadowText("explainer", "[data-testid=sigv4-url]")
				return s == docPresignedURL, s + "; status " + p.shadowText("explainer", ".status")
			})
			wasm := slices.DeleteFunc(p.loadedPaths(), func(s string) bool { return !strings.HasSuffix(s, ".wasm") })
			assert.Len(t, wasm, 1, "wasm files the app loaded: %v", wasm)
			t.Logf("%s: the wasm at %v", app.name, wasm)
			p.assertNoConsoleErrors()
		})
	}
}

// npmCommand is npm with its network checks off: everything it needs is local.
func npmCommand(args ...string) *exec.Cmd {
	cmd := exec.Command("npm", append(args, "--no-audit", "--no-fund", "--loglevel=error")...)
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false")
	return cmd
}

// runIn runs cmd in dir and returns its standard output, failing the test with
// both outputs when it fails.
func runIn(t *testing.T, dir string, cmd *exec.Cmd) []byte {
	t.Helper()
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "%s in %s:\n%s\n%s", strings.Join(cmd.Args, " "), dir, stdout.String(), lastLines(stderr.String(), 40))
	return stdout.Bytes()
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err, "reading %s", name)
	return b
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	return mustRead(t, filepath.Join(repoRoot(), "e2e", "testdata", "npm", name))
}

// copyTestdata writes files (name in dir <- file of e2e/testdata/npm) into dir.
func copyTestdata(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, from := range files {
		to := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(to), 0o755))
		require.NoError(t, os.WriteFile(to, readTestdata(t, from), 0o644), "writing %s", to)
	}
}
