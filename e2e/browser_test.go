//go:build !js

package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// browser is the package's headless Chromium: one process for every test,
// each test in its own browser context (like an incognito window: no shared
// cookies, cache or storage).
type browser struct {
	ctx         context.Context // the first tab; its life is the browser's
	cancel      context.CancelFunc
	allocCancel context.CancelFunc
	log         *os.File // Chromium's own output
}

var sharedBrowser struct {
	mu  sync.Mutex
	b   *browser
	err error
}

// chromiumNames are the commands tried on PATH, in order.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "headless_shell"}

// chromiumBinary finds Chromium: $SIGV4_CHROMIUM_BIN, else the first of
// chromiumNames on PATH.
func chromiumBinary() (string, error) {
	if p := os.Getenv("SIGV4_CHROMIUM_BIN"); p != "" {
		if isExecutable(p) {
			return p, nil
		}
		return "", fmt.Errorf("Chromium not found at SIGV4_CHROMIUM_BIN=%s", p)
	}
	for _, name := range chromiumNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("Chromium not installed (none of " + strings.Join(chromiumNames, ", ") +
		" on PATH); run ./build.sh provision as root, or apt-get install chromium")
}

// startBrowser starts Chromium headless with a fresh profile in the run's
// work folder.
func startBrowser(bin string) (*browser, error) {
	profile, err := os.MkdirTemp(work, "chromium-")
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(profile + ".log")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// The Debian wrapper's noise and Chromium's dbus complaints go to a
		// file, not the test output.
		chromedp.CombinedOutput(logFile),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	// The first action binds the browser's life to its context: no deadline
	// here. A start that hangs is stopped by a timer instead.
	timer := time.AfterFunc(60*time.Second, cancel)
	err = chromedp.Do(ctx)
	timer.Stop()
	if err != nil {
		cancel()
		allocCancel()
		logFile.Close()
		out, _ := os.ReadFile(logFile.Name())
		return nil, fmt.Errorf("starting %s: %w; its output:\n%s", bin, err, lastLines(string(out), 30))
	}
	return &browser{ctx: ctx, cancel: cancel, allocCancel: allocCancel, log: logFile}, nil
}

func stopBrowser() {
	sharedBrowser.mu.Lock()
	defer sharedBrowser.mu.Unlock()
	if b := sharedBrowser.b; b != nil {
		chromedp.Cancel(b.ctx) // closes the browser gracefully
		b.cancel()
		b.allocCancel() // waits for the process to exit
		b.log.Close()
		sharedBrowser.b = nil
	}
}

func browserFor(t testing.TB) *browser {
	t.Helper()
	sharedBrowser.mu.Lock()
	defer sharedBrowser.mu.Unlock()
	if sharedBrowser.b == nil && sharedBrowser.err == nil {
		bin, err := chromiumBinary()
		if err != nil {
			missing(t, err.Error())
			return nil
		}
		sharedBrowser.b, sharedBrowser.err = startBrowser(bin)
	}
	if sharedBrowser.err != nil {
		t.Fatalf("starting Chromium: %v", sharedBrowser.err)
	}
	return sharedBrowser.b
}

// newBrowserTab returns the context of a new tab of the package's Chromium,
// in a browser context of its own, open on about:blank and recording its
// network requests and console messages from the start (see tabLog). The tab
// closes when the test ends. The context has no deadline: derive one for each
// action (context.WithTimeout(ctx, ...)); never pass a context with a deadline
// that ends before the test does as the tab's first.
func newBrowserTab(t testing.TB) context.Context {
	t.Helper()
	b := browserFor(t)
	log := &TabLog{}
	ctx, cancel := chromedp.NewContext(b.ctx,
		chromedp.WithNewBrowserContext(),
		chromedp.WithListener(log.listen),
	)
	t.Cleanup(cancel)
	start, stop := context.WithTimeout(ctx, 30*time.Second)
	defer stop()
	// Do on ctx, not start: the tab must outlive this call. The timeout only
	// bounds the wait.
	errc := make(chan error, 1)
	go func() { errc <- chromedp.Do(ctx) }()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("opening a tab: %v", err)
		}
	case <-start.Done():
		cancel()
		t.Fatalf("opening a tab: no answer from Chromium in 30s")
	}

	// The console iterator runs in a goroutine that must end before the test
	// does: a late t.Log would panic, and the cleanup waits for it.
	consoleCtx, stopConsole := context.WithCancel(ctx)
	messages := chromedp.Console(consoleCtx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			log.addConsole(m)
		}
	}()
	t.Cleanup(func() {
		stopConsole()
		<-done
	})
	return context.WithValue(ctx, tabLogKey{}, log)
}

type tabLogKey struct{}

// tabLog returns the record of a tab made by newBrowserTab.
func tabLog(ctx context.Context) *TabLog {
	return ctx.Value(tabLogKey{}).(*TabLog)
}

// Request is one request the page sent, as Chromium reported it before
// sending it.
type Request struct {
	Method   string
	URL      string
	Headers  map[string]string
	PostData []byte // Chromium omits a large body, or the file part of a form
	Type     network.ResourceType
}

// TabLog records what a tab sent and logged. Its methods are safe to call
// while the tab runs.
type TabLog struct {
	mu       sync.Mutex
	requests []Request
	console  []chromedp.ConsoleMessage
}

// listen runs in the tab's event loop: it must return fast and run no command.
func (l *TabLog) listen(ev any) {
	e, ok := ev.(*network.EventRequestWillBeSent)
	if !ok || e.Request == nil {
		return
	}
	r := Request{Method: e.Request.Method, URL: e.Request.URL + e.Request.URLFragment, Type: e.Type, Headers: map[string]string{}}
	for k, v := range e.Request.Headers {
		r.Headers[k] = fmt.Sprint(v)
	}
	for _, p := range e.Request.PostDataEntries {
		if p != nil {
			r.PostData = append(r.PostData, p.Bytes...)
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.requests = append(l.requests, r)
}

func (l *TabLog) addConsole(m chromedp.ConsoleMessage) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.console = append(l.console, m)
}

// Requests returns every request so far, in order, including redirects,
// data: URLs and requests that failed. A request that the page's
// Content-Security-Policy blocks is never sent and is not in the list; the
// browser logs a console error for it instead.
func (l *TabLog) Requests() []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.requests)
}

// RequestsOutside returns the requests to an origin not in the list
// (scheme://host:port, as in serveDist's return or MinIO.Endpoint). data:,
// blob: and about: URLs never leave the browser and are not counted.
func (l *TabLog) RequestsOutside(origins ...string) []Request {
	var out []Request
	for _, r := range l.Requests() {
		u, err := url.Parse(r.URL)
		if err == nil && (u.Scheme == "data" || u.Scheme == "blob" || u.Scheme == "about") {
			continue
		}
		if err != nil || !slices.Contains(origins, u.Scheme+"://"+u.Host) {
			out = append(out, r)
		}
	}
	return out
}

// RequestsContaining returns the requests whose URL (raw or decoded), a
// header or the body contains s, such as a secret key that must never leave
// the page.
func (l *TabLog) RequestsContaining(s string) []Request {
	var out []Request
	for _, r := range l.Requests() {
		found := strings.Contains(r.URL, s) || strings.Contains(string(r.PostData), s)
		if dec, err := url.QueryUnescape(r.URL); err == nil && strings.Contains(dec, s) {
			found = true
		}
		if dec, err := url.QueryUnescape(string(r.PostData)); err == nil && strings.Contains(dec, s) {
			found = true
		}
		for k, v := range r.Headers {
			found = found || strings.Contains(k, s) || strings.Contains(v, s)
		}
		if found {
			out = append(out, r)
		}
	}
	return out
}

// Console returns every console message so far: console.* calls, uncaught
// exceptions and the browser's own log (failed loads, CSP violations).
func (l *TabLog) Console() []chromedp.ConsoleMessage {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.console)
}

// ConsoleErrors returns the errors and exceptions among the console messages,
// as "type: text (url:line)". Messages arrive shortly after what caused them:
// wait with assert.Eventually for one that must appear.
func (l *TabLog) ConsoleErrors() []string {
	var out []string
	for _, m := range l.Console() {
		if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
			out = append(out, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
		}
	}
	return out
}

// saveScreenshot saves a PNG of the tab's viewport as
// <repo>/testout/<test name>/<name>.png (git-ignored, replaced by each run)
// and returns its path.
func saveScreenshot(t testing.TB, ctx context.Context, name string) string {
	t.Helper()
	shot, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(shot, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := testOutputDir(t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	t.Logf("screenshot: %s", p)
	return p
}

// testOutputDir returns <repo>/testout/<test name>, the folder for files a
// test leaves for people to look at; subtests get a folder of their own.
func testOutputDir(t testing.TB) string {
	name := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' {
			return '_'
		}
		return r
	}, t.Name())
	return filepath.Join(repoRoot(), "testout", name)
}
