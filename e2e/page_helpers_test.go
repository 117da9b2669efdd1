//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// This file holds what the page tests (page_*_test.go, widget_*_test.go)
// share: a tab open on the built page, and the few things a person does
// with it (type, paste, pick, click, read), each failing the test with what
// the page showed instead.

// The AWS documentation's example keys (the S3 pages: a slash after MDENG).
const (
	exampleAccessKeyID = "AKIAIOSFODNN7EXAMPLE"
	exampleSecret      = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

// pageStepTimeout bounds one browser action; pageWaitTimeout bounds a wait
// for the page to show something (it recomputes 250 ms after a change).
const (
	pageStepTimeout = 15 * time.Second
	pageWaitTimeout = 10 * time.Second
)

// pageTab is one tab of the shared Chromium open on a page of web/dist.
type pageTab struct {
	t      testing.TB
	ctx    context.Context
	origin string // the page's origin, http://127.0.0.1:PORT
}

// pageOptions change how a page is opened.
type pageOptions struct {
	path          string   // the page, "/" when empty
	connect       []string // origins added to the CSP's connect-src and form-action
	acceptLang    string   // the browser's language list (navigator.languages), "" for the default
	colorScheme   string   // "light" or "dark" for prefers-color-scheme, "" for the default
	width, height int64    // the viewport, 1280x900 when zero
	noWait        bool     // do not wait for the signer (pages without it)
	noScript      bool     // JavaScript disabled, as in a browser with scripts off
}

// openPage serves web/dist, opens it in a new tab and, unless noWait, waits
// until the signer is loaded (the footer shows its version).
func openPage(t testing.TB, o pageOptions) *pageTab {
	t.Helper()
	return openServed(t, serveDist(t, o.connect...), o)
}

// openServed opens a page of a server started by serveDist or serveDir
// (o.connect is then unused) in a new tab.
func openServed(t testing.TB, origin string, o pageOptions) *pageTab {
	t.Helper()
	ctx := newBrowserTab(t)
	p := &pageTab{t: t, ctx: ctx, origin: origin}
	if o.width == 0 {
		o.width, o.height = 1280, 900
	}
	p.do(chromedp.EmulateViewport(o.width, o.height))
	if o.acceptLang != "" {
		ua, err := chromedp.Run(p.step(), chromedp.Evaluate[string](`navigator.userAgent`))
		require.NoError(t, err, "reading the user agent")
		_, err = chromedp.Call(p.step(), emulation.SetUserAgentOverride,
			emulation.SetUserAgentOverrideParams{UserAgent: ua, AcceptLanguage: o.acceptLang})
		require.NoError(t, err, "Emulation.setUserAgentOverride acceptLanguage=%s", o.acceptLang)
	}
	if o.colorScheme != "" {
		p.setColorScheme(o.colorScheme)
	}
	if o.noScript {
		_, err := chromedp.Call(p.step(), emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		require.NoError(t, err, "Emulation.setScriptExecutionDisabled")
	}
	path := o.path
	if path == "" {
		path = "/"
	}
	p.do(chromedp.Navigate(origin + path))
	if !o.noWait {
		p.waitFor("the signer to load (footer version)", func() (bool, string) {
			v := p.text("signer-version")
			status := p.eval(`(() => { const s = document.getElementById("signer-status"); return s.hidden ? "" : s.textContent })()`)
			return v != "" && v != "…" && v != "?", fmt.Sprintf("version %q, status %q", v, status)
		})
	}
	return p
}

// step returns a context bounding one action. Its cancel runs when the test
// ends; the tab itself lives on p.ctx.
func (p *pageTab) step() context.Context {
	ctx, cancel := context.WithTimeout(p.ctx, pageStepTimeout)
	p.t.Cleanup(cancel)
	return ctx
}

func (p *pageTab) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	require.NoError(p.t, chromedp.Do(p.step(), actions...), "browser action")
}

// eval runs a JavaScript expression whose value is a string (or null:
// returned as "").
func (p *pageTab) eval(js string) string {
	p.t.Helper()
	v, err := chromedp.Run(p.step(), chromedp.Evaluate[*string](js))
	require.NoError(p.t, err, "evaluate %s", js)
	if v == nil {
		return ""
	}
	return *v
}

// evalJSON runs a JavaScript expression and decodes its JSON-compatible
// value into out.
func (p *pageTab) evalJSON(js string, out any) {
	p.t.Helper()
	raw, err := chromedp.Run(p.step(), chromedp.Evaluate[[]byte](js))
	require.NoError(p.t, err, "evaluate %s", js)
	require.NoError(p.t, json.Unmarshal(raw, out), "decoding the value of %s: %s", js, raw)
}

// evalAsync runs a JavaScript expression that returns a promise of a string.
func (p *pageTab) evalAsync(js string) string {
	p.t.Helper()
	v, err := chromedp.Run(p.step(), chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	require.NoError(p.t, err, "evaluate %s", js)
	return v
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func byID(id string) string { return "document.getElementById(" + jsString(id) + ")" }

// text returns the textContent of the element with the id, "" when there is
// none.
func (p *pageTab) text(id string) string {
	p.t.Helper()
	return p.eval(`(() => { const e = ` + byID(id) + `; return e ? e.textContent : null })()`)
}

// attr returns an attribute of the element with the id, "" when absent.
func (p *pageTab) attr(id, name string) string {
	p.t.Helper()
	return p.eval(`(() => { const e = ` + byID(id) + `; return e ? e.getAttribute(` + jsString(name) + `) : null })()`)
}

// visible reports whether the element with the id is rendered (it and its
// ancestors not hidden).
func (p *pageTab) visible(id string) bool {
	p.t.Helper()
	return p.eval(`(() => { const e = `+byID(id)+`; return e && e.getClientRects().length > 0 ? "yes" : "" })()`) == "yes"
}

// value returns the value of a form control.
func (p *pageTab) value(id string) string {
	p.t.Helper()
	return p.eval(byID(id) + `.value`)
}

// click clicks the element with the mouse, as a person does (it is
// scrolled into view first).
func (p *pageTab) click(id string) {
	p.t.Helper()
	require.NoError(p.t, chromedp.Do(p.step(), chromedp.Click(chromedp.ID(id))), "click #%s", id)
}

// typeInto replaces the content of an input or textarea by typing text on
// the keyboard: focus, select all, type. Empty text deletes the content.
func (p *pageTab) typeInto(id, text string) {
	p.t.Helper()
	p.focusAndSelect(id)
	keys := text
	if keys == "" {
		keys = "\b" // Backspace deletes the selection
	}
	require.NoError(p.t, chromedp.Do(p.step(), chromedp.KeyEvent(keys)), "typing into #%s", id)
	require.Equal(p.t, text, p.value(id), "value of #%s after typing", id)
}

// pasteInto replaces the content of an input or textarea as a paste does:
// one insertion of the whole text (an input event, no key events).
func (p *pageTab) pasteInto(id, text string) {
	p.t.Helper()
	p.focusAndSelect(id)
	_, err := chromedp.Call(p.step(), input.InsertText, input.InsertTextParams{Text: text})
	require.NoError(p.t, err, "pasting into #%s", id)
	require.Equal(p.t, text, p.value(id), "value of #%s after pasting", id)
}

func (p *pageTab) focusAndSelect(id string) {
	p.t.Helper()
	require.NoError(p.t, chromedp.Do(p.step(), chromedp.ScrollIntoView(chromedp.ID(id)), chromedp.Focus(chromedp.ID(id))), "focus #%s", id)
	// select() selects the whole value of text inputs, number inputs and
	// textareas alike, as Ctrl+A does.
	p.eval(byID(id) + `.select(), null`)
}

// choose picks an option of a <select> by value, as a person does with the
// mouse: the value changes, then input and change events fire.
func (p *pageTab) choose(id, value string) {
	p.t.Helper()
	got := p.eval(`(() => { const s = ` + byID(id) + `; s.focus();
		if (![...s.options].some(o => o.value === ` + jsString(value) + `)) return "no such option";
		s.value = ` + jsString(value) + `;
		s.dispatchEvent(new Event("input", {bubbles: true}));
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return s.value })()`)
	require.Equal(p.t, value, got, "choosing %q in #%s", value, id)
}

// waitFor polls check (every 50 ms, up to pageWaitTimeout) until it reports
// true, and fails the test with what was last seen otherwise.
func (p *pageTab) waitFor(what string, check func() (ok bool, seen string)) {
	p.t.Helper()
	deadline := time.Now().Add(pageWaitTimeout)
	for {
		ok, seen := check()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("waiting %v for %s; the page shows: %s\nproblems shown: %q\nconsole errors: %q",
				pageWaitTimeout, what, seen, p.problems(), tabLog(p.ctx).ConsoleErrors())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitText waits until the text of the element with the id satisfies ok,
// and returns it. It gives up early when, a while after the start, the page
// shows errors and still not the text: the page refused the input.
func (p *pageTab) waitText(id, what string, ok func(string) bool) string {
	p.t.Helper()
	var last string
	start := time.Now()
	p.waitFor(what+" in #"+id, func() (bool, string) {
		last = p.text(id)
		if ok(last) {
			return true, ""
		}
		if time.Since(start) > 1500*time.Millisecond {
			if problems := p.problems(); len(problems) > 0 {
				p.t.Fatalf("waiting for %s in #%s, the page shows errors instead: %q (#%s = %q)", what, id, problems, id, last)
			}
		}
		return false, fmt.Sprintf("#%s = %q", id, last)
	})
	return last
}

// waitTextEquals waits until the element's text, trimmed, equals want.
func (p *pageTab) waitTextEquals(id, want string) {
	p.t.Helper()
	p.waitText(id, fmt.Sprintf("%q", want), func(s string) bool { return strings.TrimSpace(s) == want })
}

// openTool clicks a tool's tab and waits for its panel.
func (p *pageTab) openTool(name string) {
	p.t.Helper()
	p.click("tab-" + name)
	p.waitFor("the "+name+" panel", func() (bool, string) {
		return p.visible("panel-"+name) && p.attr("tab-"+name, "aria-selected") == "true",
			"aria-selected=" + p.attr("tab-"+name, "aria-selected")
	})
}

// fieldError is what the page shows next to an input whose value the signer
// refused.
type fieldError struct {
	Invalid     string // aria-invalid of the input
	DescribedBy string // aria-describedby of the input
	Field       string // data-field of the message
	Code        string // data-code of the message
	Text        string // the message
	SameField   bool   // the message is inside the input's .field container
}

func (p *pageTab) fieldError(inputID string) fieldError {
	p.t.Helper()
	var fe fieldError
	p.evalJSON(`(() => {
		const input = `+byID(inputID)+`, msg = `+byID(inputID+"-error")+`;
		const box = input.closest(".field") || input.parentElement;
		return {
			Invalid: input.getAttribute("aria-invalid") || "",
			DescribedBy: input.getAttribute("aria-describedby") || "",
			Field: msg ? msg.dataset.field : "",
			Code: msg ? msg.dataset.code : "",
			Text: msg ? msg.textContent : "",
			SameField: !!msg && box.contains(msg),
		};
	})()`, &fe)
	return fe
}

// waitFieldError waits for an error message next to the input and checks
// that it names the wire field, is inside the input's field and is announced
// through aria-describedby.
func (p *pageTab) waitFieldError(inputID, field string) fieldError {
	p.t.Helper()
	var fe fieldError
	p.waitFor("an error next to #"+inputID, func() (bool, string) {
		fe = p.fieldError(inputID)
		return fe.Invalid == "true" && fe.Field != "", fmt.Sprintf("%+v; error lists: %q", fe, p.errorLists())
	})
	assert.Equal(p.t, field, fe.Field, "data-field of the error next to #%s", inputID)
	assert.True(p.t, fe.SameField, "the error of #%s is inside its field", inputID)
	assert.Contains(p.t, strings.Fields(fe.DescribedBy), inputID+"-error", "aria-describedby of #%s", inputID)
	assert.NotEmpty(p.t, strings.TrimSpace(fe.Text), "text of the error next to #%s", inputID)
	return fe
}

// problems returns every error the page shows: next to an input or in a
// form's list, for failure messages.
func (p *pageTab) problems() []string {
	var out []string
	p.evalJSON(`[
		...[...document.querySelectorAll("[aria-invalid=true]")].map(e => "#" + e.id + ": " + (document.getElementById(e.id + "-error")?.textContent || "")),
		...[...document.querySelectorAll("ul.form-errors:not([hidden]) li")].map(li => li.dataset.field + ": " + li.textContent),
	]`, &out)
	return out
}

// errorLists returns the text of the forms' lists of errors no input stands
// for, for failure messages.
func (p *pageTab) errorLists() []string {
	var out []string
	p.evalJSON(`[...document.querySelectorAll("ul.form-errors:not([hidden]) li")].map(li => li.dataset.field + ": " + li.textContent)`, &out)
	return out
}

// fillCredentials types a provider's endpoint, region and keys into the
// shared form, as a person does.
func (p *pageTab) fillCredentials(provider, endpoint, region, accessKeyID, secret string) {
	p.t.Helper()
	p.choose("provider", provider)
	p.typeInto("endpoint", endpoint)
	p.typeInto("region", region)
	p.typeInto("access-key-id", accessKeyID)
	p.typeInto("secret-access-key", secret)
}

// setColorScheme emulates the system's prefers-color-scheme.
func (p *pageTab) setColorScheme(scheme string) {
	p.t.Helper()
	_, err := chromedp.Call(p.step(), emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	require.NoError(p.t, err, "Emulation.setEmulatedMedia prefers-color-scheme=%s", scheme)
}

// assertSecretsStayed checks what issue 5 promises about secret keys, for
// everything the tab did so far: no request left for an origin other than
// the page's and the allowed ones, no request carried a secret, no browser
// storage and no part of the document holds one.
func (p *pageTab) assertSecretsStayed(allowed []string, secrets ...string) {
	p.t.Helper()
	log := tabLog(p.ctx)
	origins := append([]string{p.origin}, allowed...)
	for _, r := range log.RequestsOutside(origins...) {
		p.t.Errorf("request to an origin not allowed (%v): %s %s", origins, r.Method, r.URL)
	}
	var store struct{ Local, Session, Cookie, Href, HTML string }
	p.evalJSON(`({Local: JSON.stringify(localStorage), Session: JSON.stringify(sessionStorage),
		Cookie: document.cookie, Href: location.href, HTML: document.documentElement.outerHTML})`, &store)
	// Every cookie of the tab's origins, HttpOnly ones included.
	jar, err := chromedp.Call(p.step(), network.GetCookies, network.GetCookiesParams{URLs: origins})
	require.NoError(p.t, err, "Network.getCookies")
	var cookies string
	for _, c := range jar.Cookies {
		cookies += c.Name + "=" + c.Value + "\n"
	}
	for _, s := range secrets {
		for _, r := range log.RequestsContaining(s) {
			p.t.Errorf("a request carries a secret key: %s %s", r.Method, r.URL)
		}
		assert.NotContains(p.t, store.Local, s, "localStorage holds a secret key")
		assert.NotContains(p.t, store.Session, s, "sessionStorage holds a secret key")
		assert.NotContains(p.t, cookies+store.Cookie, s, "a cookie holds a secret key")
		assert.NotContains(p.t, store.Href, s, "the page's URL holds a secret key")
		// Input values are properties, not attributes: a secret in the
		// serialized document was written into the page's text or markup
		// (a generated form, a debug view, an attribute).
		assert.NotContains(p.t, store.HTML, s, "the document's HTML holds a secret key")
	}
}

// pageRequests lists the tab's requests as "METHOD URL" lines, for logs.
func pageRequests(ctx context.Context) []string {
	var out []string
	for _, r := range tabLog(ctx).Requests() {
		out = append(out, r.Method+" "+r.URL)
	}
	return out
}

// assertNoConsoleErrors fails the test for each console error or uncaught
// exception the tab logged, except those containing one of the expected
// strings (such as the failed load of an upload the test made fail).
func (p *pageTab) assertNoConsoleErrors(expected ...string) {
	p.t.Helper()
	var errs []string
	for _, e := range tabLog(p.ctx).ConsoleErrors() {
		if !slices.ContainsFunc(expected, func(s string) bool { return strings.Contains(e, s) }) {
			errs = append(errs, e)
		}
	}
	assert.Empty(p.t, errs, "console errors")
}

// pageMakeBucket creates a bucket in MinIO with a header-signed PUT, through
// the Go signer, and fails the test unless MinIO answers 200.
func pageMakeBucket(t testing.TB, m *MinIO, name string) {
	t.Helper()
	res, err := sigv4.Sign(sigv4.SignInput{
		Context: pageMinIOContext(m),
		Request: sigv4.Request{Method: http.MethodPut, URL: m.URL(name)},
	})
	require.NoError(t, err, "sigv4.Sign PUT bucket %s", name)
	req, err := http.NewRequest(res.Method, res.URL, nil)
	require.NoError(t, err, "NewRequest")
	for _, h := range res.Headers {
		if !strings.EqualFold(h.Name, "host") {
			req.Header.Set(h.Name, h.Value)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "PUT bucket %s", name)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "PUT bucket %s", name)
}

func pageMinIOContext(m *MinIO) sigv4.Context {
	return sigv4.Context{
		Credentials: sigv4.Credentials{AccessKeyID: m.AccessKeyID, SecretAccessKey: m.SecretAccessKey},
		Region:      m.Region,
		Service:     "s3",
		Time:        time.Now().UTC(),
	}
}

// pageTempFile writes content to a file named name in a fresh temporary
// folder and returns its path.
func pageTempFile(t testing.TB, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, content, 0o644), "WriteFile %s", p)
	return p
}

// uiTexts returns the trimmed text of every label, button, heading (h1-h3),
// legend and summary of the document, shown or in a closed tool, without
// duplicates.
func (p *pageTab) uiTexts() []string {
	p.t.Helper()
	var out []string
	p.evalJSON(`[...document.querySelectorAll("label, button, h1, h2, h3, legend, summary")]
		.map(e => e.textContent.replace(/\s+/g, " ").trim())
		.filter(Boolean)`, &out)
	slices.Sort(out)
	return slices.Compact(out)
}
