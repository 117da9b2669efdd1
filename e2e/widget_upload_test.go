//go:build !js

package e2e

import (
	"bytes"
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

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// pageReadObject reads an object of the test MinIO through a URL presigned by
// the Go signer.
func pageReadObject(t testing.TB, m *MinIO, bucket, key string) (int, []byte) {
	t.Helper()
	u, err := sigv4.ObjectURL(sigv4.ObjectInput{Endpoint: m.Endpoint, Bucket: bucket, Key: key, Addressing: sigv4.AddressingPath})
	require.NoError(t, err, "ObjectURL")
	pre, err := sigv4.Presign(sigv4.PresignInput{Context: pageMinIOContext(m), URL: u, Expires: time.Minute})
	require.NoError(t, err, "Presign GET")
	resp, err := http.Get(pre.URL)
	require.NoError(t, err, "GET %s", pre.URL)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err, "reading %s", key)
	return resp.StatusCode, body
}

// pageCountMinIORequests counts the tab's requests to MinIO.
func pageCountMinIORequests(p *pageTab, m *MinIO) int {
	n := 0
	for _, r := range tabLog(p.ctx).Requests() {
		if strings.HasPrefix(r.URL, m.Endpoint+"/") {
			n++
		}
	}
	return n
}

// uploadBuilder opens the page's upload tool with the test MinIO's keys,
// for a form that stores files under prefix in bucket.
func uploadBuilder(t *testing.T, m *MinIO, bucket, prefix string) *pageTab {
	t.Helper()
	builder := openPage(t, pageOptions{connect: []string{m.Endpoint}})
	builder.fillCredentials("minio", m.Endpoint, m.Region, m.AccessKeyID, m.SecretAccessKey)
	builder.openTool("upload")
	builder.typeInto("upload-bucket", bucket)
	builder.choose("upload-addressing", "path")
	builder.click("upload-key-mode-prefix")
	builder.typeInto("upload-key", prefix)
	return builder
}

// visitorSite serves the visitor's site: the pasted form HTML and the
// enhancer, nothing else. It returns the site's origin.
func visitorSite(t *testing.T, m *MinIO, html string) string {
	t.Helper()
	site := t.TempDir()
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Send us a file</title></head><body>
<h1>Send us a file</h1>
` + html + `
</body></html>`
	require.NoError(t, os.WriteFile(filepath.Join(site, "index.html"), []byte(page), 0o644), "writing the site")
	enhancer, err := os.ReadFile(filepath.Join(repoRoot(), "web", "dist", "upload-enhancer.js"))
	require.NoError(t, err, "reading web/dist/upload-enhancer.js")
	require.NoError(t, os.WriteFile(filepath.Join(site, "upload-enhancer.js"), enhancer, 0o644), "writing the site")
	return serveDir(t, site, m.Endpoint)
}

// TestWidgetUploadEnhancer builds an upload form in the page for the test
// MinIO, with the enhancer script, pastes it into a static site of its own
// (the form and upload-enhancer.js, nothing else) and uses it as a visitor:
// a file within the limit is sent with a progress bar, a file over it is
// refused before anything is sent. The same form also works with
// JavaScript off.
func TestWidgetUploadEnhancer(t *testing.T) {
	m := minioServer(t)
	bucket := "widget-upload-" + randomHex(4)
	pageMakeBucket(t, m, bucket)

	builder := uploadBuilder(t, m, bucket, "site/")
	builder.typeInto("upload-min-size", "0")
	builder.choose("upload-max-unit", "1024")
	builder.typeInto("upload-max-size", "1")
	builder.choose("upload-success", "201")
	builder.click("upload-enhancer")
	html := builder.waitText("upload-result-html", "a form with the enhancer script", func(s string) bool {
		return strings.Contains(s, `src="upload-enhancer.js"`) && strings.Contains(s, "X-Amz-Signature")
	})
	require.Contains(t, strings.Join(strings.Fields(builder.text("upload-result-policy")), ""), `["content-length-range",0,1024]`, "policy of the form")
	builder.assertSecretsStayed([]string{m.Endpoint}, m.SecretAccessKey)

	origin := visitorSite(t, m, html)

	small := bytes.Repeat([]byte("ok\n"), 300) // 900 bytes
	smallFile := pageTempFile(t, "small.txt", small)
	bigFile := pageTempFile(t, "too big.txt", bytes.Repeat([]byte("x"), 1025))
	fileInput := chromedp.CSS(`form input[type="file"]`)
	submit := chromedp.CSS(`form [type="submit"]`)

	t.Run("with the enhancer", func(t *testing.T) {
		p := openServed(t, origin, pageOptions{noWait: true})
		p.waitFor("the enhancer to add its progress bar", func() (bool, string) {
			return p.eval(`document.querySelector("form progress.sigv4-upload-progress") ? "yes" : ""`) == "yes", p.eval(`document.body.innerHTML.slice(0, 300)`)
		})
		status := func() (string, string) {
			return p.eval(`document.querySelector(".sigv4-upload-status").dataset.state || ""`), p.eval(`document.querySelector(".sigv4-upload-status").textContent`)
		}

		// Over the maximum: refused in the page with a message, nothing sent.
		require.NoError(t, chromedp.Do(p.step(), chromedp.SetUploadFiles(fileInput, []string{bigFile})), "choosing the big file")
		p.waitFor("the size message", func() (bool, string) {
			state, text := status()
			return state == "error" && strings.Contains(text, "too big.txt"), state + ": " + text
		})
		_, text := status()
		t.Logf("message for the big file: %q", text)
		assert.NotEmpty(t, p.eval(`document.querySelector('form input[type="file"]').validationMessage`), "the file input is invalid")
		before := pageCountMinIORequests(p, m)
		p.do(chromedp.Click(submit))
		time.Sleep(300 * time.Millisecond)
		assert.Equal(t, before, pageCountMinIORequests(p, m), "requests to MinIO after submitting the big file")
		p.assertNoConsoleErrors()

		// Within the limit: sent with progress, stored.
		require.NoError(t, chromedp.Do(p.step(), chromedp.SetUploadFiles(fileInput, []string{smallFile})), "choosing the small file")
		p.waitFor("the file accepted", func() (bool, string) {
			state, text := status()
			return state == "" && strings.Contains(text, "small.txt"), state + ": " + text
		})
		p.do(chromedp.Click(submit))
		p.waitFor("the upload to finish", func() (bool, string) {
			state, text := status()
			return state == "ok" || state == "error", state + ": " + text
		})
		state, text := status()
		require.Equal(t, "ok", state, "enhancer status: %s", text)
		t.Logf("enhancer status: %q", text)
		assert.Equal(t, "100", p.eval(`String(document.querySelector("form progress.sigv4-upload-progress").value)`), "progress bar value")
		assert.True(t, p.eval(`document.querySelector("form progress.sigv4-upload-progress").hidden ? "" : "shown"`) == "shown", "the progress bar is shown")
		code, got := pageReadObject(t, m, bucket, "site/small.txt")
		require.Equal(t, http.StatusOK, code, "GET site/small.txt: %s", got)
		assert.Equal(t, small, got, "the stored object")
		saveScreenshot(t, p.ctx, "enhanced-form")
		p.assertNoConsoleErrors()
		p.assertSecretsStayed([]string{m.Endpoint}, m.SecretAccessKey)
	})

	t.Run("with JavaScript off the form still posts", func(t *testing.T) {
		p := openServed(t, origin, pageOptions{noWait: true, noScript: true})
		require.Empty(t, p.eval(`document.querySelector("form progress") ? "enhanced" : ""`), "no enhancer without JavaScript")
		content := []byte("sent without JavaScript\n")
		require.NoError(t, chromedp.Do(p.step(), chromedp.SetUploadFiles(fileInput, []string{pageTempFile(t, "plain.txt", content)})), "choosing the file")
		p.do(chromedp.Click(submit))
		p.waitFor("MinIO's answer", func() (bool, string) {
			loc := p.eval(`location.href`)
			return strings.HasPrefix(loc, m.Endpoint+"/"), loc
		})
		code, got := pageReadObject(t, m, bucket, "site/plain.txt")
		require.Equal(t, http.StatusOK, code, "GET site/plain.txt: %s", got)
		assert.Equal(t, content, got, "the stored object")
	})
}

// TestWidgetUploadContentTypes builds a form offering two image types in the
// page, pastes it into a static site with the enhancer, and checks the type
// MinIO stored: with the enhancer the select takes the file's own type and a
// file of another type is refused before sending; with JavaScript off the
// visitor must choose a type (the required select sends nothing otherwise)
// and the chosen type is stored.
func TestWidgetUploadContentTypes(t *testing.T) {
	m := minioServer(t)
	bucket := "widget-types-" + randomHex(4)
	pageMakeBucket(t, m, bucket)

	builder := uploadBuilder(t, m, bucket, "types/")
	builder.typeInto("upload-content-type", "image/png, image/jpeg")
	builder.choose("upload-success", "201")
	builder.click("upload-enhancer")
	html := builder.waitText("upload-result-html", "a form with a Content-Type select", func(s string) bool {
		return strings.Contains(s, `<select name="Content-Type" required>`) && strings.Contains(s, `src="upload-enhancer.js"`)
	})
	require.Contains(t, strings.Join(strings.Fields(builder.text("upload-result-policy")), ""), `["starts-with","$Content-Type","image/"]`, "policy of the form")

	origin := visitorSite(t, m, html)

	fileInput := chromedp.CSS(`form input[type="file"]`)
	submit := chromedp.CSS(`form [type="submit"]`)
	storedType := func(t *testing.T, key string) string {
		h := headObject(t, m, bucket, key)
		require.Equal(t, http.StatusOK, h.Status, "HEAD %s: %s", key, h)
		return h.Header.Get("Content-Type")
	}

	t.Run("with the enhancer the file's own type is sent", func(t *testing.T) {
		p := openServed(t, origin, pageOptions{noWait: true})
		p.waitFor("the enhancer", func() (bool, string) {
			return p.eval(`document.querySelector("form progress.sigv4-upload-progress") ? "yes" : ""`) == "yes", ""
		})
		status := func() (string, string) {
			return p.eval(`document.querySelector(".sigv4-upload-status").dataset.state || ""`), p.eval(`document.querySelector(".sigv4-upload-status").textContent`)
		}

		require.NoError(t, chromedp.Do(p.step(), chromedp.SetUploadFiles(fileInput, []string{pageTempFile(t, "script.html", []byte("<script>alert(1)</script>"))})), "choosing an HTML file")
		p.waitFor("the type message", func() (bool, string) {
			state, text := status()
			return state == "error" && strings.Contains(text, "script.html"), state + ": " + text
		})
		before := pageCountMinIORequests(p, m)
		p.do(chromedp.Click(submit))
		time.Sleep(300 * time.Millisecond)
		assert.Equal(t, before, pageCountMinIORequests(p, m), "requests to MinIO after submitting an HTML file")

		require.NoError(t, chromedp.Do(p.step(), chromedp.SetUploadFiles(fileInput, []string{pageTempFile(t, "photo.jpg", []byte("jpeg bytes"))})), "choosing a JPEG")
		p.waitFor("the select set to the file's type", func() (bool, string) {
			v := p.eval(`document.querySelector('form select[name="Content-Type"]').value`)
			return v == "image/jpeg", v
		})
		p.do(chromedp.Click(submit))
		p.waitFor("the upload to finish", func() (bool, string) {
			state, text := status()
			return state == "ok" || state == "error", state + ": " + text
		})
		state, text := status()
		require.Equal(t, "ok", state, "enhancer status: %s", text)
		assert.Equal(t, "image/jpeg", storedType(t, "types/photo.jpg"), "stored Content-Type")
		p.assertNoConsoleErrors()
	})

	t.Run("with JavaScript off the chosen type is stored", func(t *testing.T) {
		p := openServed(t, origin, pageOptions{noWait: true, noScript: true})
		require.NoError(t, chromedp.Do(p.step(), chromedp.SetUploadFiles(fileInput, []string{pageTempFile(t, "photo.png", []byte("png bytes"))})), "choosing the file")
		before := pageCountMinIORequests(p, m)
		p.do(chromedp.Click(submit))
		time.Sleep(300 * time.Millisecond)
		assert.Equal(t, before, pageCountMinIORequests(p, m), "requests to MinIO with no type chosen (the select is required)")
		assert.Equal(t, origin+"/", p.eval(`location.href`), "still on the site")

		p.do(chromedp.SetValue(chromedp.CSS(`form select[name="Content-Type"]`), "image/png"))
		p.do(chromedp.Click(submit))
		p.waitFor("MinIO's answer", func() (bool, string) {
			loc := p.eval(`location.href`)
			return strings.HasPrefix(loc, m.Endpoint+"/"), loc
		})
		assert.Equal(t, "image/png", storedType(t, "types/photo.png"), "stored Content-Type")
	})

	// What the tool states about several types: the policy checks only
	// their prefix, on the declared type. A hand-made POST under image/ can
	// store a type the browser reads as HTML (the Fetch standard takes the
	// last of comma-separated types); one type is checked exactly.
	t.Run("a hand-made POST under the prefix can store a type the browser reads as HTML", func(t *testing.T) {
		form := postPolicyFor(t, m, rootContext(m), bucket, sigv4.PostPolicyInput{KeyPrefix: "crafted/", ContentTypes: []string{"image/png", "image/jpeg"}})
		a := postForm(t, form.URL, withField(t, form.Fields, "Content-Type", "image/png,text/html"), formFile{Name: "x.png", Content: []byte("<title>html</title>")})
		require.Equal(t, http.StatusNoContent, a.Status, "POST declaring image/png,text/html: %s", a)
		assert.Equal(t, "image/png,text/html", storedType(t, "crafted/x.png"), "stored Content-Type")
		get := presignFor(t, rootContext(m), http.MethodGet, objectURL(t, m, bucket, "crafted/x.png"))
		p := openServed(t, get.URL, pageOptions{noWait: true, path: "#"})
		assert.Equal(t, "text/html", p.eval(`document.contentType`), "the type Chromium gives the object")
	})
}
