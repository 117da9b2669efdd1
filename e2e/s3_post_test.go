//go:build !js

package e2e

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// postPolicyFor signs an upload form for bucket with ctx, valid for ten
// minutes.
func postPolicyFor(t testing.TB, m *MinIO, ctx sigv4.Context, bucket string, in sigv4.PostPolicyInput) sigv4.PostPolicyResult {
	t.Helper()
	in.Context = ctx
	in.URL = m.URL(bucket)
	if in.Expires == 0 && in.Expiration.IsZero() {
		in.Expires = 10 * time.Minute
	}
	res, err := sigv4.PostPolicy(in)
	require.NoError(t, err, "PostPolicy")
	require.Equal(t, "key", res.Fields[0].Name, "first form field")
	require.Equal(t, "X-Amz-Signature", res.Fields[len(res.Fields)-1].Name, "last form field")
	return res
}

// headObject returns MinIO's answer to a presigned HEAD of bucket/key.
func headObject(t testing.TB, m *MinIO, bucket, key string) s3Answer {
	t.Helper()
	p := presignFor(t, rootContext(m), http.MethodHead, objectURL(t, m, bucket, key))
	return send(t, http.MethodHead, p.URL, nil, nil)
}

// getObject returns MinIO's answer to a presigned GET of bucket/key.
func getObject(t testing.TB, m *MinIO, bucket, key string) s3Answer {
	t.Helper()
	p := presignFor(t, rootContext(m), http.MethodGet, objectURL(t, m, bucket, key))
	return send(t, http.MethodGet, p.URL, nil, nil)
}

// postResponse is the XML body of a POST upload with success_action_status
// 201.
type postResponse struct {
	XMLName  xml.Name `xml:"PostResponse"`
	Location string
	Bucket   string
	Key      string
	ETag     string
}

// TestS3PostPolicy uploads files with forms from PostPolicy through a real
// multipart POST and checks what MinIO stored.
func TestS3PostPolicy(t *testing.T) {
	m := minioServer(t)
	ctx := rootContext(m)
	bucket := uniqueBucket(t, m, "s3-post")

	t.Run("${filename} in the key is the uploaded file's name", func(t *testing.T) {
		form := postPolicyFor(t, m, ctx, bucket, sigv4.PostPolicyInput{Key: "uploads/${filename}"})
		name := "photo ü 1+2 & co (final).png"
		content := []byte("filename substitution")
		a := postForm(t, form.URL, form.Fields, formFile{Name: name, Content: content})
		require.Equal(t, http.StatusNoContent, a.Status, "POST: %s", a)
		got := getObject(t, m, bucket, "uploads/"+name)
		require.Equal(t, http.StatusOK, got.Status, "GET of the substituted key: %s", got)
		assert.Equal(t, content, got.Body, "content of the substituted key")
	})

	t.Run("KeyPrefix and content-length-range", func(t *testing.T) {
		const maxSize = 1024
		form := postPolicyFor(t, m, ctx, bucket, sigv4.PostPolicyInput{
			KeyPrefix:          "sized/ünï €/",
			ContentLengthRange: &sigv4.LengthRange{Min: 1, Max: maxSize},
		})
		require.Equal(t, "sized/ünï €/${filename}", form.Fields[0].Value, "key field")
		exact := bytes.Repeat([]byte("x"), maxSize)
		a := postForm(t, form.URL, form.Fields, formFile{Name: "exact.bin", Content: exact})
		require.Equal(t, http.StatusNoContent, a.Status, "POST of a file of exactly the maximum size: %s", a)
		h := headObject(t, m, bucket, "sized/ünï €/exact.bin")
		require.Equal(t, http.StatusOK, h.Status, "HEAD: %s", h)
		assert.Equal(t, strconv.Itoa(maxSize), h.Header.Get("Content-Length"), "stored size")

		a = postForm(t, form.URL, form.Fields, formFile{Name: "big.bin", Content: append(exact, 'y')})
		assert.Equal(t, minioRefusal{http.StatusBadRequest, "EntityTooLarge"}, minioRefusal{a.Status, a.Code}, "POST of one byte too many: %s", a)
		assert.Equal(t, http.StatusNotFound, headObject(t, m, bucket, "sized/ünï €/big.bin").Status, "HEAD of the refused upload")

		// The lower bound binds too: an empty file is under Min 1.
		a = postForm(t, form.URL, form.Fields, formFile{Name: "empty.bin", Content: []byte{}})
		assert.Equal(t, minioRefusal{http.StatusBadRequest, "EntityTooSmall"}, minioRefusal{a.Status, a.Code}, "POST of an empty file: %s", a)
	})

	t.Run("x-amz-meta-* fields are stored as metadata", func(t *testing.T) {
		form := postPolicyFor(t, m, ctx, bucket, sigv4.PostPolicyInput{
			Key: "meta/with metadata.txt",
			Fields: []sigv4.Field{
				{Name: "x-amz-meta-uploader", Value: "e2e test"},
				{Name: "x-amz-meta-ticket", Value: "A-42 & <b>"},
				{Name: "Cache-Control", Value: "max-age=60"},
			},
		})
		a := postForm(t, form.URL, form.Fields, formFile{Name: "ignored.txt", Content: []byte("meta")})
		require.Equal(t, http.StatusNoContent, a.Status, "POST: %s", a)
		h := headObject(t, m, bucket, "meta/with metadata.txt")
		require.Equal(t, http.StatusOK, h.Status, "HEAD: %s", h)
		assert.Equal(t, "e2e test", h.Header.Get("X-Amz-Meta-Uploader"), "x-amz-meta-uploader")
		assert.Equal(t, "A-42 & <b>", h.Header.Get("X-Amz-Meta-Ticket"), "x-amz-meta-ticket")
		assert.Equal(t, "max-age=60", h.Header.Get("Cache-Control"), "Cache-Control")
	})

	t.Run("success_action_status 201 answers a PostResponse", func(t *testing.T) {
		const key = "status/201 ü.txt"
		content := []byte("created")
		form := postPolicyFor(t, m, ctx, bucket, sigv4.PostPolicyInput{
			Key:    key,
			Fields: []sigv4.Field{{Name: "success_action_status", Value: "201"}},
		})
		a := postForm(t, form.URL, form.Fields, formFile{Name: "x.txt", Content: content})
		require.Equal(t, http.StatusCreated, a.Status, "POST: %s", a)
		var r postResponse
		require.NoError(t, xml.Unmarshal(a.Body, &r), "PostResponse XML: %s", a.Body)
		sum := md5.Sum(content)
		assert.Equal(t, bucket, r.Bucket, "PostResponse Bucket")
		assert.Equal(t, key, r.Key, "PostResponse Key")
		assert.Equal(t, `"`+hex.EncodeToString(sum[:])+`"`, r.ETag, "PostResponse ETag")
		assert.Equal(t, objectURL(t, m, bucket, key), r.Location, "PostResponse Location")
	})

	t.Run("success_action_redirect answers 303 to the page with bucket, key and etag", func(t *testing.T) {
		const key = "redirect/done ü+.txt"
		const page = "http://127.0.0.1:9/after-upload"
		content := []byte("redirected")
		form := postPolicyFor(t, m, ctx, bucket, sigv4.PostPolicyInput{
			Key:    key,
			Fields: []sigv4.Field{{Name: "success_action_redirect", Value: page}},
		})
		a := postForm(t, form.URL, form.Fields, formFile{Name: "x.txt", Content: content})
		require.Equal(t, http.StatusSeeOther, a.Status, "POST: %s", a)
		loc, err := url.Parse(a.Header.Get("Location"))
		require.NoError(t, err, "Location %q", a.Header.Get("Location"))
		assert.Equal(t, page, loc.Scheme+"://"+loc.Host+loc.Path, "redirect target")
		sum := md5.Sum(content)
		q := loc.Query()
		assert.Equal(t, bucket, q.Get("bucket"), "bucket in the redirect")
		assert.Equal(t, key, q.Get("key"), "key in the redirect")
		assert.Equal(t, `"`+hex.EncodeToString(sum[:])+`"`, q.Get("etag"), "etag in the redirect")
		assert.Equal(t, http.StatusOK, headObject(t, m, bucket, key).Status, "HEAD of the uploaded object")
	})
}

// TestS3PostContentTypes uploads through forms made with ContentTypes, with
// no JavaScript (a plain multipart POST of the generated fields, as a
// browser sends the form: the hidden field, or the option chosen in the
// select), and checks the type MinIO stored. The file part's own type is
// text/html throughout: S3 stores the form's Content-Type field, never the
// part's.
func TestS3PostContentTypes(t *testing.T) {
	m := minioServer(t)
	ctx := rootContext(m)
	bucket := uniqueBucket(t, m, "s3-post-types")
	html := []byte("<script>alert(document.domain)</script>")
	stored := func(t *testing.T, key string) string {
		t.Helper()
		h := headObject(t, m, bucket, key)
		require.Equal(t, http.StatusOK, h.Status, "HEAD %s: %s", key, h)
		return h.Header.Get("Content-Type")
	}

	t.Run("one type: the hidden field stores it whatever the file", func(t *testing.T) {
		form := postPolicyFor(t, m, ctx, bucket, sigv4.PostPolicyInput{KeyPrefix: "pdf/", ContentTypes: []string{"application/pdf"}})
		require.NotContains(t, form.HTML, "<select", "one type needs no choice")
		a := postForm(t, form.URL, form.Fields, formFile{Name: "script.html", ContentType: "text/html", Content: html})
		require.Equal(t, http.StatusNoContent, a.Status, "POST of the generated fields: %s", a)
		assert.Equal(t, "application/pdf", stored(t, "pdf/script.html"), "stored Content-Type")

		crafted := withField(t, form.Fields, "Content-Type", "text/html")
		a = postForm(t, form.URL, crafted, formFile{Name: "crafted.html", ContentType: "text/html", Content: html})
		assert.Equal(t, minioRefusal{http.StatusForbidden, "AccessDenied"}, minioRefusal{a.Status, a.Code}, "POST declaring text/html: %s", a)
	})

	t.Run("several types: the type chosen in the select is stored", func(t *testing.T) {
		types := []string{"image/png", "image/jpeg", "image/webp"}
		form := postPolicyFor(t, m, ctx, bucket, sigv4.PostPolicyInput{KeyPrefix: "img/", ContentTypes: types})
		require.Contains(t, form.HTML, `<select name="Content-Type" required>`, "the form offers a choice")
		for _, typ := range types {
			name := "photo." + typ[len("image/"):]
			a := postForm(t, form.URL, withField(t, form.Fields, "Content-Type", typ), formFile{Name: name, ContentType: "text/html", Content: []byte("image bytes")})
			require.Equal(t, http.StatusNoContent, a.Status, "POST choosing %s: %s", typ, a)
			assert.Equal(t, typ, stored(t, "img/"+name), "stored Content-Type of %s", name)
		}
		a := postForm(t, form.URL, form.Fields, formFile{Name: "first.png", Content: []byte("png")})
		require.Equal(t, http.StatusNoContent, a.Status, "POST of the fields as generated: %s", a)
		assert.Equal(t, "image/png", stored(t, "img/first.png"), "the fields hold the first type")

		// A browser never sends the select's empty placeholder (required);
		// a client that does is refused.
		a = postForm(t, form.URL, withField(t, form.Fields, "Content-Type", ""), formFile{Name: "none.png", Content: []byte("png")})
		assert.Equal(t, minioRefusal{http.StatusForbidden, "AccessDenied"}, minioRefusal{a.Status, a.Code}, "POST with an empty Content-Type: %s", a)
	})

	// What the tool states: the policy holds the types' common prefix, and
	// S3 checks the declared type against it, never the bytes.
	t.Run("S3 checks the declared type against the prefix, never the bytes", func(t *testing.T) {
		form := postPolicyFor(t, m, ctx, bucket, sigv4.PostPolicyInput{KeyPrefix: "decl/", ContentTypes: []string{"image/png", "image/jpeg"}})
		assert.Contains(t, form.Policy, `["starts-with","$Content-Type","image/"]`, "policy")
		a := postForm(t, form.URL, withField(t, form.Fields, "Content-Type", "text/html"), formFile{Name: "page.html", ContentType: "text/html", Content: html})
		assert.Equal(t, minioRefusal{http.StatusForbidden, "AccessDenied"}, minioRefusal{a.Status, a.Code}, "POST declaring text/html: %s", a)
		a = postForm(t, form.URL, withField(t, form.Fields, "Content-Type", "image/svg+xml"), formFile{Name: "x.svg", ContentType: "text/html", Content: html})
		require.Equal(t, http.StatusNoContent, a.Status, "POST declaring image/svg+xml, a type under the prefix the form does not offer: %s", a)
		assert.Equal(t, "image/svg+xml", stored(t, "decl/x.svg"), "stored Content-Type")
	})
}

// handMadeForm signs a form with exactly these fields and conditions,
// written by hand as the policy document, for forms PostPolicy refuses to
// make. The X-Amz-* fields and conditions are added as PostPolicy adds
// them; extra fields come after them.
func handMadeForm(t *testing.T, m *MinIO, ctx sigv4.Context, bucket string, fields []sigv4.Field, conds [][]any, extra ...sigv4.Field) []sigv4.Field {
	t.Helper()
	d := ctx.Time.UTC()
	credential := ctx.AccessKeyID + "/" + d.Format("20060102") + "/" + ctx.Region + "/s3/aws4_request"
	date := d.Format("20060102T150405Z")
	all := append([]any{map[string]string{"bucket": bucket}}, toAny(conds)...)
	all = append(all, map[string]string{"x-amz-credential": credential}, map[string]string{"x-amz-algorithm": "AWS4-HMAC-SHA256"}, map[string]string{"x-amz-date": date})
	doc, err := json.Marshal(map[string]any{"expiration": d.Add(10 * time.Minute).Format("2006-01-02T15:04:05.000Z"), "conditions": all})
	require.NoError(t, err, "policy JSON")
	b64 := base64.StdEncoding.EncodeToString(doc)
	sig, err := sigv4.SignPostPolicy(ctx, b64)
	require.NoError(t, err, "SignPostPolicy")
	out := append([]sigv4.Field(nil), fields...)
	out = append(out, sigv4.Field{Name: "X-Amz-Credential", Value: credential}, sigv4.Field{Name: "X-Amz-Algorithm", Value: "AWS4-HMAC-SHA256"}, sigv4.Field{Name: "X-Amz-Date", Value: date})
	out = append(out, extra...)
	return append(out, sigv4.Field{Name: "Policy", Value: b64}, sigv4.Field{Name: "X-Amz-Signature", Value: sig.Signature})
}

func toAny(conds [][]any) []any {
	out := make([]any, len(conds))
	for i, c := range conds {
		if len(c) == 2 { // {"name": "value"}
			out[i] = map[string]any{c[0].(string): c[1]}
		} else {
			out[i] = c
		}
	}
	return out
}

// TestS3PostFormerlyAcceptedConditions: the forms PostPolicy used to make
// from these inputs, made by hand and sent to MinIO, show why each input is
// now refused; PostPolicy's error names the input.
func TestS3PostFormerlyAcceptedConditions(t *testing.T) {
	m := minioServer(t)
	ctx := rootContext(m)
	bucket := uniqueBucket(t, m, "s3-post-old")
	png := []byte("\x89PNG\r\n\x1a\nnot really")
	tests := []struct {
		name string
		// the form as PostPolicy made it before
		fields []sigv4.Field
		conds  [][]any
		extra  []sigv4.Field
		file   formFile
		minio  func(t *testing.T, a s3Answer)
		// the input PostPolicy now refuses, and the inputs its error names
		input sigv4.PostPolicyInput
		named []string
	}{
		{
			name:   "starts-with on X-Amz-Date added a second X-Amz-Date",
			fields: []sigv4.Field{{Name: "key", Value: "old/date"}},
			conds:  [][]any{{"key", "old/date"}, {"starts-with", "$X-Amz-Date", ""}},
			extra:  []sigv4.Field{{Name: "X-Amz-Date", Value: ""}},
			minio: func(t *testing.T, a s3Answer) {
				assert.Equal(t, minioRefusal{http.StatusForbidden, "AccessDenied"}, minioRefusal{a.Status, a.Code}, "MinIO (multiple values): %s", a)
			},
			input: sigv4.PostPolicyInput{Key: "old/date", Conditions: []sigv4.Condition{{Op: sigv4.OpStartsWith, Field: "X-Amz-Date"}}},
			named: []string{"conditions[0]"},
		},
		{
			name:   "starts-with on policy added a second Policy",
			fields: []sigv4.Field{{Name: "key", Value: "old/policy"}},
			conds:  [][]any{{"key", "old/policy"}, {"starts-with", "$policy", ""}},
			extra:  []sigv4.Field{{Name: "policy", Value: ""}},
			minio: func(t *testing.T, a s3Answer) {
				assert.Equal(t, minioRefusal{http.StatusForbidden, "SignatureDoesNotMatch"}, minioRefusal{a.Status, a.Code}, "MinIO (it reads the first Policy): %s", a)
			},
			input: sigv4.PostPolicyInput{Key: "old/policy", Conditions: []sigv4.Condition{{Op: sigv4.OpStartsWith, Field: "policy"}}},
			named: []string{"conditions[0]"},
		},
		{
			name:   "a field and a contradicting condition dropped the field's own condition",
			fields: []sigv4.Field{{Name: "key", Value: "old/acl"}, {Name: "acl", Value: "private"}},
			conds:  [][]any{{"key", "old/acl"}, {"eq", "$acl", "public-read"}},
			minio: func(t *testing.T, a s3Answer) {
				assert.Equal(t, minioRefusal{http.StatusForbidden, "AccessDenied"}, minioRefusal{a.Status, a.Code}, "MinIO: %s", a)
			},
			input: sigv4.PostPolicyInput{Key: "old/acl", Fields: []sigv4.Field{{Name: "acl", Value: "private"}}, Conditions: []sigv4.Condition{{Op: sigv4.OpEq, Field: "acl", Value: "public-read"}}},
			named: []string{"fields.acl", "conditions[0]"},
		},
		{
			name:   "a Content-Type prefix was the form's Content-Type",
			fields: []sigv4.Field{{Name: "key", Value: "old/photo.png"}, {Name: "Content-Type", Value: "image/"}},
			conds:  [][]any{{"key", "old/photo.png"}, {"starts-with", "$Content-Type", "image/"}},
			file:   formFile{Name: "photo.png", ContentType: "image/png", Content: png},
			minio: func(t *testing.T, a s3Answer) {
				require.Equal(t, http.StatusNoContent, a.Status, "MinIO stores it: %s", a)
				h := headObject(t, m, bucket, "old/photo.png")
				assert.Equal(t, "image/", h.Header.Get("Content-Type"), "stored Content-Type, not a MIME type")
			},
			input: sigv4.PostPolicyInput{Key: "old/photo.png", Conditions: []sigv4.Condition{{Op: sigv4.OpStartsWith, Field: "Content-Type", Value: "image/"}}},
			named: []string{"conditions[0]"},
		},
		{
			name:   "a redirect prefix javascript: was a redirect target",
			fields: []sigv4.Field{{Name: "key", Value: "old/redirect"}, {Name: "success_action_redirect", Value: "javascript:alert(1)//"}},
			conds:  [][]any{{"key", "old/redirect"}, {"starts-with", "$success_action_redirect", "javascript:alert(1)//"}},
			minio: func(t *testing.T, a s3Answer) {
				require.Equal(t, http.StatusSeeOther, a.Status, "MinIO stores the file and redirects: %s", a)
				assert.True(t, strings.HasPrefix(a.Header.Get("Location"), "javascript:alert(1)//"), "MinIO sends the browser to Location %q", a.Header.Get("Location"))
			},
			input: sigv4.PostPolicyInput{Key: "old/redirect", Conditions: []sigv4.Condition{{Op: sigv4.OpStartsWith, Field: "success_action_redirect", Value: "javascript:alert(1)//"}}},
			named: []string{"conditions[0]"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			form := handMadeForm(t, m, ctx, bucket, tc.fields, tc.conds, tc.extra...)
			file := tc.file
			if file.Name == "" {
				file = formFile{Name: "x.txt", Content: []byte("x")}
			}
			tc.minio(t, postForm(t, m.URL(bucket), form, file))

			in := tc.input
			in.Context, in.URL, in.Expires = ctx, m.URL(bucket), 10*time.Minute
			_, err := sigv4.PostPolicy(in)
			var ve *sigv4.ValidationError
			require.True(t, errors.As(err, &ve), "PostPolicy refuses the input: %v", err)
			var named []string
			for _, fe := range ve.Errors {
				named = append(named, fe.Field)
			}
			assert.Equal(t, tc.named, named, "inputs PostPolicy's error names")
		})
	}
}
