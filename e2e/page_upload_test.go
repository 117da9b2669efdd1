//go:build !js

package e2e

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// docPostSigningKey is the signing key of the AWS documentation's browser
// upload example (20151229/us-east-1/s3), from
// sigv4/testdata/aws-doc-examples.json.
const docPostSigningKey = "cbcef1ebeaefc82cce6530b9f0a9ae598846065f5c5bae0674bd5ebc4ba52d28"

// pageFormField is one input of a generated upload form.
type pageFormField struct{ Name, Type, Value string }

// generatedForm parses the HTML the upload tool shows, in the browser's own
// HTML parser, and returns the form's action and inputs in order. A
// select's value is its options' values, comma-separated.
func (p *pageTab) generatedForm() (action string, fields []pageFormField) {
	p.t.Helper()
	var form struct {
		Action string
		Fields []pageFormField
	}
	p.evalJSON(`(() => {
		const doc = new DOMParser().parseFromString(document.getElementById("upload-result-html").textContent, "text/html");
		const f = doc.querySelector("form");
		if (!f) return {Action: "", Fields: []};
		return {Action: f.getAttribute("action"), Fields: [...f.querySelectorAll("input, select")].map(i => ({Name: i.name, Type: i.type,
			Value: i.tagName === "SELECT" ? [...i.options].map(o => o.value).filter(Boolean).join(",") : i.getAttribute("value") || ""}))};
	})()`, &form)
	return form.Action, form.Fields
}

// formFieldValue returns the value of the form's field named name (case
// insensitively), and whether there is one.
func formFieldValue(fields []pageFormField, name string) (string, bool) {
	for _, f := range fields {
		if strings.EqualFold(f.Name, name) {
			return f.Value, true
		}
	}
	return "", false
}

// TestPageUploadExample fills the upload form tool with the AWS
// documentation's browser upload example and checks the form HTML and the
// decoded policy against the published ones.
func TestPageUploadExample(t *testing.T) {
	p := openPage(t, pageOptions{})
	p.openTool("upload")
	p.click("example-credentials")
	p.waitText("upload-result-html", "the form HTML", func(s string) bool { return strings.Contains(s, "X-Amz-Signature") })

	action, fields := p.generatedForm()
	assert.Equal(t, "https://sigv4examplebucket.s3.amazonaws.com/", action, "form action (the document uses http://)")
	want := []pageFormField{
		{"key", "hidden", "user/user1/${filename}"},
		{"acl", "hidden", "public-read"},
		{"success_action_redirect", "hidden", "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"},
		{"x-amz-meta-uuid", "hidden", "14365123651274"},
		{"X-Amz-Credential", "hidden", "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"},
		{"X-Amz-Algorithm", "hidden", "AWS4-HMAC-SHA256"},
		{"X-Amz-Date", "hidden", "20151229T000000Z"},
	}
	for _, w := range want {
		got, ok := formFieldValue(fields, w.Name)
		if assert.True(t, ok, "the form has the documented field %s; it has %v", w.Name, fields) {
			assert.Equal(t, w.Value, got, "value of the form field %s", w.Name)
		}
	}
	// The documented form's Content-Type is image/jpeg under the policy's
	// image/ prefix: the page's example offers it and image/png.
	assert.Contains(t, fields, pageFormField{"Content-Type", "select-one", "image/jpeg,image/png"}, "the form's Content-Type select")
	for _, name := range []string{"Policy", "X-Amz-Signature"} {
		_, ok := formFieldValue(fields, name)
		assert.True(t, ok, "the form has the documented field %s", name)
	}
	require.NotEmpty(t, fields, "form inputs")
	assert.Equal(t, "key", fields[0].Name, "key is the first field")
	last := fields[len(fields)-1]
	assert.Equal(t, pageFormField{"file", "file", ""}, pageFormField{last.Name, last.Type, ""}, "the file input is last")

	// The signature is HMAC-SHA256 of the Policy field with the documented
	// signing key of that day, region and service: recomputed here.
	policy, _ := formFieldValue(fields, "Policy")
	signature, _ := formFieldValue(fields, "X-Amz-Signature")
	key, err := hex.DecodeString(docPostSigningKey)
	require.NoError(t, err, "signing key hex")
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(policy))
	assert.Equal(t, hex.EncodeToString(mac.Sum(nil)), signature, "X-Amz-Signature = HMAC(documented signing key, Policy)")

	// The decoded policy shown is JSON, the same document as the form's
	// Policy field, with the documented conditions.
	shown := p.text("upload-result-policy")
	var doc struct {
		Expiration string `json:"expiration"`
		Conditions []any  `json:"conditions"`
	}
	require.NoError(t, json.Unmarshal([]byte(shown), &doc), "the decoded policy shown is JSON: %s", shown)
	raw, err := base64.StdEncoding.DecodeString(policy)
	require.NoError(t, err, "the Policy field is standard base64")
	var fromForm any
	require.NoError(t, json.Unmarshal(raw, &fromForm), "the Policy field decodes to JSON")
	var fromPage any
	require.NoError(t, json.Unmarshal([]byte(shown), &fromPage), "policy shown")
	assert.Equal(t, fromForm, fromPage, "the policy shown is the form's Policy field decoded")
	assert.Equal(t, "2015-12-30T12:00:00.000Z", doc.Expiration, "policy expiration (documented)")
	conditions := make([]string, len(doc.Conditions))
	for i, c := range doc.Conditions {
		b, _ := json.Marshal(c)
		conditions[i] = string(b)
	}
	for _, c := range []string{
		`{"bucket":"sigv4examplebucket"}`,
		`["starts-with","$key","user/user1/"]`,
		`{"acl":"public-read"}`,
		`{"success_action_redirect":"http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"}`,
		`["starts-with","$Content-Type","image/"]`,
		`{"x-amz-meta-uuid":"14365123651274"}`,
		`{"x-amz-credential":"AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"}`,
		`{"x-amz-algorithm":"AWS4-HMAC-SHA256"}`,
		`{"x-amz-date":"20151229T000000Z"}`,
	} {
		assert.Contains(t, conditions, c, "documented policy condition")
	}
	p.assertNoConsoleErrors()
	p.assertSecretsStayed(nil, exampleSecret)
}

// TestPageUploadToMinIO does what a person testing a form for a static site
// does: keys of the real bucket typed in, the form built, a file sent
// through it with the live test, then a presigned link made in the page to
// read the file back from the page. The bytes are compared through Go.
func TestPageUploadToMinIO(t *testing.T) {
	m := minioServer(t)
	bucket := "page-upload-" + randomHex(4)
	pageMakeBucket(t, m, bucket)
	p := openPage(t, pageOptions{connect: []string{m.Endpoint}})

	p.fillCredentials("minio", m.Endpoint, m.Region, m.AccessKeyID, m.SecretAccessKey)
	p.openTool("upload")
	p.typeInto("upload-bucket", bucket)
	p.choose("upload-addressing", "path")
	p.click("upload-key-mode-prefix")
	p.typeInto("upload-key", "uploads/")
	p.typeInto("upload-max-size", "64")
	p.choose("upload-max-unit", "1024")
	p.typeInto("upload-content-type", "")
	p.choose("upload-success", "201")
	p.typeInto("upload-expires", "1")
	p.choose("upload-expires-unit", "3600")

	t.Run("a minimum and a maximum size give a content-length-range", func(t *testing.T) {
		p := *p
		p.t = t
		p.choose("upload-min-unit", "1")
		p.typeInto("upload-min-size", "1")
		p.waitText("upload-result-policy", `["content-length-range",1,65536]`, func(s string) bool {
			return strings.Contains(strings.Join(strings.Fields(s), ""), `["content-length-range",1,65536]`)
		})
	})
	// Whatever the subtest found, go on with no minimum.
	p.typeInto("upload-min-size", "0")
	p.waitText("upload-result-action", "the bucket's path-style URL", func(s string) bool {
		return strings.TrimSuffix(s, "/") == m.Endpoint+"/"+bucket
	})
	p.waitText("upload-result-policy", "a content-length-range of 0..65536", func(s string) bool {
		return strings.Contains(strings.Join(strings.Fields(s), ""), `["content-length-range",0,65536]`)
	})

	const name = "hello page.txt"
	content := bytes.Repeat([]byte("Uploaded from the page's live test, through the generated form.\n"), 700)
	content = content[:40<<10] // 40 KiB: several progress events
	file := pageTempFile(t, name, content)

	t.Run("a file within the limits is stored", func(t *testing.T) {
		p := *p
		p.t = t
		require.NoError(t, chromedp.Do(p.step(), chromedp.SetUploadFiles(chromedp.ID("upload-test-file"), []string{file})), "choosing the file")
		p.waitFor("the Upload button to be enabled", func() (bool, string) {
			return p.eval(`String(document.getElementById("upload-test-send").disabled)`) == "false", "disabled; status " + p.text("upload-test-status")
		})
		start := time.Now()
		p.click("upload-test-send")
		p.waitFor("the upload to finish", func() (bool, string) {
			state := p.attr("upload-test-status", "data-state")
			return state == "ok" || state == "error", "state " + state + ": " + p.text("upload-test-status")
		})
		t.Logf("upload took %v; status %q", time.Since(start), p.text("upload-test-status"))
		require.Equal(t, "ok", p.attr("upload-test-status", "data-state"), "live test status: %s; response: %s", p.text("upload-test-status"), p.text("upload-test-response"))
		assert.Equal(t, "100%", p.text("upload-test-percent"), "progress text")
		assert.Equal(t, "100", p.eval(`String(document.getElementById("upload-test-progress").value)`), "progress bar value")
		assert.Contains(t, p.text("upload-test-response"), "<Key>uploads/"+name+"</Key>", "MinIO's answer shown")

		// Read it back from Go, with a URL presigned by the Go signer.
		u, err := sigv4.ObjectURL(sigv4.ObjectInput{Endpoint: m.Endpoint, Bucket: bucket, Key: "uploads/" + name, Addressing: sigv4.AddressingPath})
		require.NoError(t, err, "ObjectURL")
		pre, err := sigv4.Presign(sigv4.PresignInput{Context: pageMinIOContext(m), URL: u, Expires: time.Minute})
		require.NoError(t, err, "Presign GET")
		resp, err := http.Get(pre.URL)
		require.NoError(t, err, "GET %s", pre.URL)
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err, "reading the object")
		require.Equal(t, http.StatusOK, resp.StatusCode, "GET the uploaded object: %s", got)
		assert.True(t, bytes.Equal(content, got), "the stored object equals the file sent (%d bytes sent, %d read)", len(content), len(got))
	})

	t.Run("a file one byte over the maximum is refused by MinIO", func(t *testing.T) {
		p := *p
		p.t = t
		big := pageTempFile(t, "too big.txt", bytes.Repeat([]byte("x"), 64<<10+1))
		require.NoError(t, chromedp.Do(p.step(), chromedp.SetUploadFiles(chromedp.ID("upload-test-file"), []string{big})), "choosing the file")
		p.waitFor("the Upload button to be enabled", func() (bool, string) {
			return p.eval(`String(document.getElementById("upload-test-send").disabled)`) == "false", "disabled"
		})
		p.click("upload-test-send")
		p.waitFor("the upload to finish", func() (bool, string) {
			state := p.attr("upload-test-status", "data-state")
			return state == "ok" || state == "error", "state " + state + ": " + p.text("upload-test-status")
		})
		assert.Equal(t, "error", p.attr("upload-test-status", "data-state"), "live test status: %s", p.text("upload-test-status"))
		assert.Contains(t, p.text("upload-test-response"), "EntityTooLarge", "MinIO's answer shown")
	})

	t.Run("a link presigned in the page reads the file back from the page", func(t *testing.T) {
		p := *p
		p.t = t
		p.openTool("presign")
		p.choose("presign-method", "GET")
		p.click("presign-target-parts")
		p.typeInto("presign-bucket", bucket)
		p.typeInto("presign-key", "uploads/"+name)
		p.choose("presign-addressing", "path")
		require.NoError(t, chromedp.Do(p.step(), chromedp.Click(chromedp.CSS(`#presign-form .chip[data-seconds="900"]`))), "clicking the 15 min quick pick")
		url := p.waitText("presign-result-url", "a presigned URL of the MinIO object", func(s string) bool {
			return strings.HasPrefix(s, m.Endpoint+"/"+bucket+"/uploads/hello%20page.txt?") && strings.Contains(s, "X-Amz-Expires=900&")
		})
		body := p.evalAsync(`fetch(` + jsString(url) + `).then(r => r.ok ? r.text() : "HTTP " + r.status + ": " + r.text())`)
		assert.Equal(t, string(content), body, "the object read by the page through its presigned URL")
	})

	t.Run("the other tools with the same keys", func(t *testing.T) {
		p := *p
		p.t = t
		p.openTool("request")
		p.choose("request-template", "s3-list-objects")
		p.waitText("request-result-headers", "an Authorization header", func(s string) bool {
			return strings.Contains(s, "Authorization: AWS4-HMAC-SHA256 Credential="+m.AccessKeyID+"/")
		})
		p.openTool("explainer")
		p.waitText("explainer-signature", "the signature of the request", func(s string) bool { return len(strings.TrimSpace(s)) == 64 })
		p.click("explainer-signing-key-toggle")
		p.waitText("explainer-signing-key", "the signing key", func(s string) bool { return strings.HasPrefix(s, "kSigning = ") && !strings.Contains(s, "•") })
	})

	t.Log("requests of the tab:\n" + strings.Join(pageRequests(p.ctx), "\n"))
	p.openTool("upload")
	assert.NotContains(t, p.text("upload-result-html"), m.SecretAccessKey, "the generated form HTML holds the secret key")
	assert.NotContains(t, p.text("panel-explainer"), m.SecretAccessKey, "the explainer holds the secret key")
	// Chromium logs the refused upload's 400 as a failed load.
	p.assertNoConsoleErrors("status of 400 (Bad Request) (" + m.Endpoint + "/" + bucket + ":")
	p.assertSecretsStayed([]string{m.Endpoint}, m.SecretAccessKey)
}
