//go:build !js

package e2e

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"sigv4kit/sigv4"
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

	t.Run("Content-Type prefix condition", func(t *testing.T) {
		form := postPolicyFor(t, m, ctx, bucket, sigv4.PostPolicyInput{
			KeyPrefix:  "images/",
			Conditions: []sigv4.Condition{{Op: sigv4.OpStartsWith, Field: "Content-Type", Value: "image/"}},
		})
		png := withField(t, form.Fields, "Content-Type", "image/png")
		a := postForm(t, form.URL, png, formFile{Name: "ok.png", Content: []byte("png")})
		require.Equal(t, http.StatusNoContent, a.Status, "POST with Content-Type image/png: %s", a)
		h := headObject(t, m, bucket, "images/ok.png")
		require.Equal(t, http.StatusOK, h.Status, "HEAD: %s", h)
		assert.Equal(t, "image/png", h.Header.Get("Content-Type"), "stored Content-Type")

		text := withField(t, form.Fields, "Content-Type", "text/plain")
		a = postForm(t, form.URL, text, formFile{Name: "no.txt", Content: []byte("text")})
		assert.Equal(t, minioRefusal{http.StatusForbidden, "AccessDenied"}, minioRefusal{a.Status, a.Code}, "POST with Content-Type text/plain: %s", a)
		assert.Equal(t, http.StatusNotFound, headObject(t, m, bucket, "images/no.txt").Status, "HEAD of the refused upload")
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
