//go:build !js

package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// enginesScript runs the browser scenarios in one engine (see its header).
const enginesScript = "e2e/engines/run.mjs"

// enginesNPMPackages are the test drivers it needs from .cache/npm
// (./build.sh provision installs them, pinned).
var enginesNPMPackages = []string{"puppeteer-core", "selenium-webdriver"}

// engineResult is what run.mjs writes.
type engineResult struct {
	Engine    string
	Version   string
	UserAgent string
	Defined   int   // scenarios in scenarios.mjs
	StartMs   int64 // the browser's start
	TotalMs   int64
	Scenarios []struct {
		Name  string
		OK    bool
		Ms    int64
		Error string
	}
	Uploads []struct{ Bucket, Key, File string }
}

// TestEngines runs the scenarios of e2e/engines/scenarios.mjs (the JS
// contract, each page tool on its documented example, both widgets, and
// uploads to MinIO through the generated forms) in Firefox ESR and in WebKit,
// the engines the Chromium tests of this package do not reach. Each engine
// is one node process with one browser; this test serves the page and the
// widget's site, shares the package's MinIO, starts Xvfb and WebKitWebDriver
// for WebKit, and reads every file an engine uploaded back from MinIO. A
// missing engine skips its subtest (fails it when CI is set).
func TestEngines(t *testing.T) {
	root := repoRoot()
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node not on PATH, so Firefox and WebKit are not tested; install Node.js 20 or later")
	}
	npmDir := filepath.Join(root, ".cache", "npm")
	for _, p := range enginesNPMPackages {
		if _, err := os.Stat(filepath.Join(npmDir, "node_modules", p, "package.json")); err != nil {
			missing(t, p+" not installed in .cache/npm, so Firefox and WebKit are not tested; run ./build.sh provision")
		}
	}
	m := minioServer(t)
	origin := serveDist(t, m.Endpoint)

	engines := []struct {
		name  string
		start func(t *testing.T, cfg map[string]any)
	}{
		{"firefox", startFirefoxConfig},
		{"webkit", startWebKit},
	}
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			// The engines side by side: each mostly waits on the page (its
			// 250 ms recompute, a round trip per step), so two at once take
			// little longer than one.
			t.Parallel()
			cfg := map[string]any{
				"engine": e.name,
				"origin": origin,
				"dist":   filepath.Join(root, "web", "dist"),
				"npmDir": npmDir,
				"minio": map[string]string{
					"endpoint": m.Endpoint, "region": m.Region,
					"accessKeyId": m.AccessKeyID, "secretAccessKey": m.SecretAccessKey,
				},
			}
			e.start(t, cfg)
			buckets := map[string]string{"page": "engines-page-" + e.name + "-" + randomHex(3), "widget": "engines-widget-" + e.name + "-" + randomHex(3)}
			for _, b := range buckets {
				m.MakeBucket(t, b)
			}
			cfg["buckets"] = buckets
			siteDir := t.TempDir()
			cfg["siteDir"] = siteDir
			cfg["site"] = serveDir(t, siteDir, m.Endpoint)
			cfg["workDir"] = t.TempDir()
			res := runEngine(t, node, root, cfg)

			t.Logf("%s: %d of %d scenarios passed in %.1fs (browser start %.1fs); %s; %s",
				res.Engine, passedScenarios(res), res.Defined, float64(res.TotalMs)/1000, float64(res.StartMs)/1000, res.Version, res.UserAgent)
			require.Positive(t, res.Defined, "scenarios defined")
			require.Len(t, res.Scenarios, res.Defined, "every scenario ran")
			for _, s := range res.Scenarios {
				assert.True(t, s.OK, "%s: %s", s.Name, s.Error)
			}

			// What the engine uploaded, read back from MinIO by Go.
			assert.Len(t, res.Uploads, 2, "uploads stored: the page's live test and the enhanced form")
			for _, u := range res.Uploads {
				want, err := os.ReadFile(u.File)
				require.NoError(t, err, "the file sent")
				code, got := pageReadObject(t, m, u.Bucket, u.Key)
				require.Equal(t, http.StatusOK, code, "GET %s/%s: %s", u.Bucket, u.Key, got)
				assert.Equal(t, want, got, "%s/%s stored by %s equals the file sent", u.Bucket, u.Key, e.name)
			}
		})
	}
}

func passedScenarios(r engineResult) int {
	n := 0
	for _, s := range r.Scenarios {
		if s.OK {
			n++
		}
	}
	return n
}

// runEngine writes cfg, runs run.mjs with it and returns its results.
func runEngine(t *testing.T, node, root string, cfg map[string]any) engineResult {
	t.Helper()
	dir := t.TempDir()
	cfg["results"] = filepath.Join(dir, "results.json")
	b, err := json.Marshal(cfg)
	require.NoError(t, err, "config")
	config := filepath.Join(dir, "config.json")
	require.NoError(t, os.WriteFile(config, b, 0o600), "writing the config")

	// The browser's profile goes under the run's work folder (TMPDIR), so
	// that a later run finds and stops a Firefox left by a crash.
	tmp, err := os.MkdirTemp(work, "node-")
	require.NoError(t, err, "temporary folder for node")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, enginesScript, config)
	cmd.Dir = root
	cmd.Env = append(environWithout("NODE_OPTIONS", "NODE_TEST_CONTEXT", "SIGV4_ENGINES_ONLY", "TMPDIR"), "TMPDIR="+tmp)
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("node %s (%v):\n%s", enginesScript, time.Since(start).Round(time.Millisecond), out)
	var res engineResult
	b, readErr := os.ReadFile(cfg["results"].(string))
	if readErr != nil {
		t.Fatalf("node %s: %v, and no results: %v", enginesScript, err, readErr)
	}
	require.NoError(t, json.Unmarshal(b, &res), "results of %s", enginesScript)
	return res
}

// startFirefoxConfig finds Firefox: $SIGV4_FIREFOX_BIN, else firefox-esr or
// firefox on PATH. puppeteer-core starts it.
func startFirefoxConfig(t *testing.T, cfg map[string]any) {
	bin := os.Getenv("SIGV4_FIREFOX_BIN")
	if bin == "" {
		for _, name := range []string{"firefox-esr", "firefox"} {
			if p, err := exec.LookPath(name); err == nil {
				bin = p
				break
			}
		}
	}
	if bin == "" || !isExecutable(bin) {
		missing(t, "Firefox not installed (firefox-esr); run ./build.sh provision as root, or apt-get install firefox-esr")
	}
	cfg["firefox"] = bin
}

// startWebKit starts Xvfb and WebKitWebDriver for WebKitGTK's MiniBrowser,
// which needs a display even when nobody looks at it, and stops both by
// their PIDs when the test ends.
func startWebKit(t *testing.T, cfg map[string]any) {
	driver, err := exec.LookPath("WebKitWebDriver")
	if err != nil {
		missing(t, "WebKitWebDriver not installed; run ./build.sh provision as root, or apt-get install webkit2gtk-driver")
	}
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		missing(t, "Xvfb not installed (WebKit's MiniBrowser needs a display); run ./build.sh provision as root, or apt-get install xvfb")
	}
	browsers, _ := filepath.Glob("/usr/lib/*/webkit2gtk-4.1/MiniBrowser")
	if p := os.Getenv("SIGV4_MINIBROWSER_BIN"); p != "" {
		browsers = []string{p}
	}
	if len(browsers) == 0 || !isExecutable(browsers[0]) {
		missing(t, "WebKitGTK's MiniBrowser not found (/usr/lib/*/webkit2gtk-4.1/MiniBrowser); apt-get install webkit2gtk-driver")
	}

	// Xvfb picks a free display itself and writes its number to fd 3.
	r, w, err := os.Pipe()
	require.NoError(t, err, "pipe")
	x := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	stopX := startOwned(t, x)
	w.Close()
	display := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		display <- strings.TrimSpace(line)
	}()
	var n string
	select {
	case n = <-display:
	case <-time.After(20 * time.Second):
	}
	r.Close()
	if n == "" {
		stopX()
		t.Fatal("Xvfb did not report its display within 20 s")
	}
	t.Cleanup(stopX)

	addr, err := freeLoopbackAddr()
	require.NoError(t, err, "a free port for WebKitWebDriver")
	_, port, _ := net.SplitHostPort(addr)
	d := exec.Command(driver, "--port="+port)
	d.Env = append(environWithout("DISPLAY", "WAYLAND_DISPLAY"), "DISPLAY=:"+n)
	t.Cleanup(startOwned(t, d))
	url := "http://" + addr
	require.Eventually(t, func() bool {
		resp, err := http.Get(url + "/status")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 20*time.Second, 50*time.Millisecond, "WebKitWebDriver answers on %s/status", url)
	cfg["webdriver"] = url
	cfg["miniBrowser"] = browsers[0]
}

// startOwned starts a helper process tied to the test process (startTied)
// and returns the function that stops it by its PID: SIGTERM, then SIGKILL
// after 5 seconds.
func startOwned(t *testing.T, cmd *exec.Cmd) (stop func()) {
	t.Helper()
	done, err := startTied(cmd)
	require.NoError(t, err, "starting %s", cmd.Path)
	return func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}
}
