//go:build !js

package e2e

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"mime"
	"net/http"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// TestS3PresignedContentType shows that a Content-Type signed into a
// presigned PUT binds the upload to that type.
func TestS3PresignedContentType(t *testing.T) {
	m := minioServer(t)
	bucket := uniqueBucket(t, m, "s3-ctype")
	u := objectURL(t, m, bucket, "typed image.png")
	put := presignFor(t, rootContext(m), http.MethodPut, u, sigv4.Header{Name: "Content-Type", Value: "image/png"})
	require.Equal(t, []sigv4.Header{{Name: "Content-Type", Value: "image/png"}}, put.Headers, "headers the presigned PUT must carry")
	require.Contains(t, put.URL, "X-Amz-SignedHeaders=content-type%3Bhost&", "signed headers of the presigned PUT")
	body := []byte("\x89PNG\r\n\x1a\n not really")

	tests := []struct {
		name    string
		headers []sigv4.Header
		want    minioRefusal
	}{
		{"with the signed Content-Type: accepted", put.Headers, minioRefusal{http.StatusOK, ""}},
		// MinIO checks that every signed header is present before it
		// computes the signature, and answers this with the code
		// AccessDenied but the status 400 ("There were headers present in
		// the request which were not signed", its ErrUnsignedHeaders).
		{"without Content-Type: refused", nil, minioRefusal{http.StatusBadRequest, "AccessDenied"}},
		{"with another Content-Type: refused", []sigv4.Header{{Name: "Content-Type", Value: "text/plain"}}, minioRefusal{http.StatusForbidden, "SignatureDoesNotMatch"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := send(t, http.MethodPut, put.URL, tt.headers, body)
			assert.Equal(t, tt.want, minioRefusal{a.Status, a.Code}, "presigned PUT: %s", a)
		})
	}

	head := presignFor(t, rootContext(m), http.MethodHead, u)
	a := send(t, http.MethodHead, head.URL, nil, nil)
	require.Equal(t, http.StatusOK, a.Status, "HEAD of the uploaded object: %s", a)
	assert.Equal(t, "image/png", a.Header.Get("Content-Type"), "stored Content-Type")
}

// listBucketResult is the part of a ListObjectsV2 answer the tests read.
type listBucketResult struct {
	XMLName  xml.Name `xml:"ListBucketResult"`
	Prefix   string
	KeyCount int
	Contents []struct{ Key string }
}

func (r listBucketResult) keys() []string {
	var keys []string
	for _, c := range r.Contents {
		keys = append(keys, c.Key)
	}
	return keys
}

// listObjects lists bucket with a header-signed ListObjectsV2 whose prefix
// travels URI-encoded in the query, as the signer signs it.
func listObjects(t *testing.T, m *MinIO, ctx sigv4.Context, bucket, prefix string) listBucketResult {
	t.Helper()
	res := signFor(t, ctx, http.MethodGet, m.URL(bucket)+"?list-type=2&prefix="+sigv4.URIEncode(prefix, false), nil, nil, false)
	a := send(t, res.Method, res.URL, res.Headers, nil)
	require.Equal(t, http.StatusOK, a.Status, "ListObjectsV2 prefix %q: %s", prefix, a)
	var r listBucketResult
	require.NoError(t, xml.Unmarshal(a.Body, &r), "ListObjectsV2 XML")
	assert.Equal(t, prefix, r.Prefix, "Prefix echoed by ListObjectsV2")
	return r
}

// TestS3HeaderSigned shows that requests signed by Sign (Authorization
// header) are accepted: a PUT with the body's SHA-256, a GET with
// UNSIGNED-PAYLOAD, a signed Range and metadata, and bucket listings whose
// prefix holds spaces, '+', '%' and non-ASCII.
func TestS3HeaderSigned(t *testing.T) {
	m := minioServer(t)
	ctx := rootContext(m)
	bucket := uniqueBucket(t, m, "s3-sign")

	keys := []string{
		"list me/a b.txt",
		"list me/ünïcødé 日本/файл.txt",
		"list me/ünïcødé 日本/two",
		"list me/+plus%25 & =?#.txt",
		"other/x.txt",
	}
	for _, key := range keys {
		body := []byte("body of " + key)
		res := signFor(t, ctx, http.MethodPut, objectURL(t, m, bucket, key),
			[]sigv4.Header{{Name: "X-Amz-Meta-Origin", Value: "sign  test\t ü"}}, body, false)
		sum := sha256.Sum256(body)
		require.Equal(t, hex.EncodeToString(sum[:]), res.PayloadHash, "payload hash of Sign PUT %q", key)
		a := send(t, res.Method, res.URL, res.Headers, body)
		require.Equal(t, http.StatusOK, a.Status, "header-signed PUT %q: %s", key, a)
		md := md5.Sum(body)
		assert.Equal(t, `"`+hex.EncodeToString(md[:])+`"`, a.Header.Get("ETag"), "ETag of PUT %q", key)
	}

	t.Run("GET with UNSIGNED-PAYLOAD", func(t *testing.T) {
		for _, key := range keys {
			res := signFor(t, ctx, http.MethodGet, objectURL(t, m, bucket, key), nil, nil, true)
			require.Equal(t, sigv4.UnsignedPayload, res.PayloadHash, "payload hash")
			a := send(t, res.Method, res.URL, res.Headers, nil)
			require.Equal(t, http.StatusOK, a.Status, "header-signed GET %q: %s", key, a)
			assert.Equal(t, "body of "+key, string(a.Body), "content of %q", key)
			// The value was signed trimmed with inner spaces collapsed, as
			// S3 canonicalizes it; MinIO stores it as sent and returns
			// non-ASCII metadata as an RFC 2047 encoded word.
			meta, err := new(mime.WordDecoder).DecodeHeader(a.Header.Get("X-Amz-Meta-Origin"))
			require.NoError(t, err, "decoding X-Amz-Meta-Origin")
			assert.Equal(t, "sign  test\t ü", meta, "metadata of %q", key)
		}
	})

	t.Run("GET with a signed Range header", func(t *testing.T) {
		res := signFor(t, ctx, http.MethodGet, objectURL(t, m, bucket, keys[0]), []sigv4.Header{{Name: "Range", Value: "bytes=0-3"}}, nil, true)
		require.Contains(t, res.Debug.SignedHeaders, "range", "signed headers")
		a := send(t, res.Method, res.URL, res.Headers, nil)
		require.Equal(t, http.StatusPartialContent, a.Status, "ranged GET: %s", a)
		assert.Equal(t, "body", string(a.Body), "ranged content")
	})

	lists := []struct {
		name, prefix string
		want         []string
	}{
		{"prefix with a space", "list me/", keys[:4]},
		{"prefix with non-ASCII", "list me/ünïcødé 日本/", keys[1:3]},
		{"prefix with + % & = ? #", "list me/+plus%25 & =?#", keys[3:4]},
		{"prefix matching nothing", "list me/nothing", nil},
	}
	for _, tt := range lists {
		t.Run("ListObjectsV2 "+tt.name, func(t *testing.T) {
			r := listObjects(t, m, ctx, bucket, tt.prefix)
			// S3 lists keys in the order of their UTF-8 bytes.
			assert.Equal(t, slices.Sorted(slices.Values(tt.want)), r.keys(), "keys listed under %q", tt.prefix)
			assert.Equal(t, len(tt.want), r.KeyCount, "KeyCount under %q", tt.prefix)
		})
	}

	// S3 keeps "/leading" as a key of its own; MinIO drops the leading
	// slash: the signature over "/bucket//leading" is accepted, and the
	// object is listed (and readable) as "leading".
	t.Run("MinIO stores a key with a leading slash without it", func(t *testing.T) {
		res := signFor(t, ctx, http.MethodPut, objectURL(t, m, bucket, "/leading"), nil, []byte("x"), false)
		require.Contains(t, res.URL, "//leading", "signed URL")
		a := send(t, res.Method, res.URL, res.Headers, []byte("x"))
		require.Equal(t, http.StatusOK, a.Status, "PUT /leading: %s", a)
		r := listObjects(t, m, ctx, bucket, "")
		assert.True(t, slices.Contains(r.keys(), "leading"), "listing %q holds \"leading\"", r.keys())
		assert.False(t, slices.Contains(r.keys(), "/leading"), "listing %q holds \"/leading\"", r.keys())
	})
}
