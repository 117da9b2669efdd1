//go:build !js

package e2e

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// keyTable holds object keys chosen to break URI encoders, each for a reason.
var keyTable = []string{
	"plain.txt",
	"space in key.txt",
	" leading space",
	"trailing space ",
	"two  spaces   three",
	"plus+sign",
	"a+b=c",
	"+",
	"space and + plus",
	"literal %20 escape",
	"100%",
	"%2F is not a slash",
	"%%41",
	"%zz bad escape",
	"%E2%82%AC escaped euro",
	"amp&er&sand",
	"key=value",
	"question?mark",
	"hash#fragment",
	"tilde~home",
	"sub-delims !*'()",
	"dollar$at@colon:semi;comma,",
	"brackets[0]",
	"braces{x}",
	`backslash\path\file`,
	`double"quote"`,
	"single'quote'",
	"back`tick",
	"pipe|caret^",
	"angle<br>",
	"X-Amz-Signature=0000",
	"?X-Amz-Credential=x&X-Amz-Date=y",
	"café crème brûlée",
	"naïve façade Ωmega",
	"Привет, мир",
	"ёжик в тумане",
	"日本語のキー",
	"中文/子目录/文件.txt",
	"한국어 키",
	"emoji 😀🎉",
	"flag 🇫🇷 family 👨‍👩‍👧",
	"combining e\u0301 vs \u00e9",
	"NBSP\u00a0here",
	"\u00a0",
	"zero\u200bwidth",
	"RTL \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
	"fullwidth ＡＢＣ＋％",
	"BOM\ufeffkey",
	"a/b/c/d/e/f/g/h/i/j/deep.txt",
	"nested prefix/with space/and+plus/file",
	"a//b",
	"./x",
	"../y",
	"x/./y",
	"x/../y",
	"trailing/",
	"/leading",
	"dot.",
	"..dots..",
	"...",
	"a/.hidden",
	"x..y/z..w",
	"~",
	"-_.~",
}

// Keys of exactly 1024 UTF-8 bytes, S3's limit. A file-system name holds at
// most 255 bytes and MinIO stores each key segment as a name, so these are
// split into segments.
var (
	longASCIIKey    = rep("a", 250) + "/" + rep("b", 250) + "/" + rep("c", 250) + "/" + rep("d", 250) + "/" + rep("e", 20)
	longCJKKey      = rep("長", 80) + "/" + rep("鍵", 80) + "/" + rep("名", 80) + "/" + rep("前", 80) + "/" + rep("x", 60)
	longHostileKey  = rep("+ %", 80) + "/" + rep("&=?", 80) + "/" + rep("é#", 80) + "/" + rep("😀", 60) + "/" + rep("~", 60)
	tooLongKey      = longASCIIKey + "!" // 1025 bytes
	longSegmentKey  = rep("s", 256) + "/256-byte segment"
	longSingleKey   = rep("k", 1024)
	longest255Key   = rep("z", 255) + "/255-byte segment"
	longKeys        = []string{longASCIIKey, longCJKKey, longHostileKey, tooLongKey, longSegmentKey, longSingleKey, longest255Key}
	longKeysOf1024B = []string{longASCIIKey, longCJKKey, longHostileKey, longSingleKey}
)

func rep(s string, n int) string { return strings.Repeat(s, n) }

// generatedKeys puts every troublesome character at the start, middle and
// end of a key segment, and mixes non-ASCII with the URL delimiters.
func generatedKeys() []string {
	chars := []string{
		" ", "+", "%", "&", "=", "?", "#", "~", "!", "*", "'", "(", ")",
		"$", "@", ":", ";", ",", "[", "]", "{", "}", `\`, `"`, "`", "^",
		"|", "<", ">", "\u00a0", "é", "Ж", "日", "😀",
	}
	var keys []string
	for i, c := range chars {
		keys = append(keys, "gen/"+strconv.Itoa(i)+"/"+c+"start mid"+c+"dle end"+c)
	}
	for _, esc := range []string{"%20", "%2B", "%2F", "%25", "%41", "%e2%82%ac", "%", "%%", "%G0", "%2"} {
		keys = append(keys, "pct/a"+esc+"b")
	}
	for _, u := range []string{"é", "Ж", "日", "😀", "\u00a0"} {
		for _, d := range []string{" ", "+", "%", "&", "?", "#"} {
			keys = append(keys, "mix/"+u+d+u+"/"+d+u+d)
		}
	}
	return keys
}

// hostileKeys is every key the round-trip test uses.
func hostileKeys() []string {
	keys := append(append(append([]string(nil), keyTable...), longKeys...), generatedKeys()...)
	seen := map[string]bool{}
	for _, k := range keys {
		if seen[k] {
			panic(fmt.Sprintf("hostileKeys: %q twice", k))
		}
		seen[k] = true
	}
	return keys
}

// minioRefusal is MinIO's answer to an object request it refuses: the
// status and the S3 error code.
type minioRefusal struct {
	Status int
	Code   string
}

// minioRefusesKey lists the keys this MinIO refuses for its own reasons, with
// its answer to the presigned PUT (the signature is accepted; the name is
// not). Each refusal is asserted; no key is dropped. MinIO stores each key
// segment as a file or folder name in its drive, so it refuses:
//   - an empty segment ("a//b") and a segment over 255 bytes, the file-name
//     limit: 400 XMinioInvalidObjectName ("Object name contains unsupported
//     characters");
//   - "." and ".." segments: 400 XMinioInvalidResourceName ("Resource name
//     contains bad components such as ".." or ".");
//   - a key over 1024 bytes: 400 KeyTooLongError, as S3 does.
//
// It accepts "trailing/" (with content) and "/leading", but stores the
// latter as "leading": TestS3HeaderSigned shows it in a listing.
var minioRefusesKey = map[string]minioRefusal{
	"a//b":         {http.StatusBadRequest, "XMinioInvalidObjectName"},
	"./x":          {http.StatusBadRequest, "XMinioInvalidResourceName"},
	"../y":         {http.StatusBadRequest, "XMinioInvalidResourceName"},
	"x/./y":        {http.StatusBadRequest, "XMinioInvalidResourceName"},
	"x/../y":       {http.StatusBadRequest, "XMinioInvalidResourceName"},
	longSegmentKey: {http.StatusBadRequest, "XMinioInvalidObjectName"},
	longSingleKey:  {http.StatusBadRequest, "XMinioInvalidObjectName"},
	tooLongKey:     {http.StatusBadRequest, "KeyTooLongError"},
}

// TestS3PresignedObjectKeys presigns PUT, GET, HEAD and DELETE for each
// hostile key and uses the URLs with a plain HTTP client: the content
// round-trips byte for byte, and the object is gone after the DELETE.
func TestS3PresignedObjectKeys(t *testing.T) {
	m := minioServer(t)
	bucket := uniqueBucket(t, m, "s3-keys")
	keys := hostileKeys()
	require.GreaterOrEqual(t, len(keys), 100, "number of hostile keys")
	for _, k := range longKeysOf1024B {
		require.Len(t, k, 1024, "bytes of the long key %s", shortKey(k))
	}

	var roundTripped, refused atomic.Int32
	t.Run("keys", func(t *testing.T) {
		for i, key := range keys {
			t.Run(fmt.Sprintf("%03d %s", i, shortKey(key)), func(t *testing.T) {
				t.Parallel()
				if keyRoundTrip(t, m, bucket, key) {
					roundTripped.Add(1)
				} else {
					refused.Add(1)
				}
			})
		}
	})
	t.Logf("object keys: %d tested, %d round-tripped, %d refused by MinIO as documented", len(keys), roundTripped.Load(), refused.Load())
}

// keyRoundTrip runs PUT, GET, HEAD, DELETE, GET on one key through presigned
// URLs and reports whether MinIO stored it (false: a documented refusal).
func keyRoundTrip(t *testing.T, m *MinIO, bucket, key string) bool {
	ctx := rootContext(m)
	var u string
	if len(key) > 1024 {
		// sigv4.ObjectURL refuses a key S3 would refuse; build the URL by
		// hand to see MinIO refuse it too.
		u = m.URL(bucket, sigv4.URIEncode(key, true))
	} else {
		u = objectURL(t, m, bucket, key)
	}
	content := []byte("content of " + key + "\x00\xff\r\n")

	put := presignFor(t, ctx, http.MethodPut, u)
	require.True(t, strings.HasPrefix(put.URL, u+"?"), "presigned URL %s keeps the object URL %s", put.URL, u)
	require.NotContains(t, put.URL, "+", "presigned URL")
	a := send(t, http.MethodPut, put.URL, put.Headers, content)
	if want, ok := minioRefusesKey[key]; ok {
		assert.Equal(t, want, minioRefusal{a.Status, a.Code}, "presigned PUT of a key MinIO refuses: %s", a)
		return false
	}
	require.Equal(t, http.StatusOK, a.Status, "presigned PUT: %s", a)

	get := presignFor(t, ctx, http.MethodGet, u)
	a = send(t, http.MethodGet, get.URL, get.Headers, nil)
	require.Equal(t, http.StatusOK, a.Status, "presigned GET: %s", a)
	assert.Equal(t, content, a.Body, "content read back by presigned GET")

	head := presignFor(t, ctx, http.MethodHead, u)
	a = send(t, http.MethodHead, head.URL, head.Headers, nil)
	assert.Equal(t, http.StatusOK, a.Status, "presigned HEAD: %s", a)
	assert.Equal(t, strconv.Itoa(len(content)), a.Header.Get("Content-Length"), "Content-Length of presigned HEAD")

	del := presignFor(t, ctx, http.MethodDelete, u)
	a = send(t, http.MethodDelete, del.URL, del.Headers, nil)
	assert.Equal(t, http.StatusNoContent, a.Status, "presigned DELETE: %s", a)

	a = send(t, http.MethodGet, get.URL, get.Headers, nil)
	assert.Equal(t, minioRefusal{http.StatusNotFound, "NoSuchKey"}, minioRefusal{a.Status, a.Code}, "presigned GET after DELETE: %s", a)
	return true
}

// shortKey is a key for a subtest name: quoted, at most 40 runes.
func shortKey(key string) string {
	if utf8.RuneCountInString(key) > 40 {
		r := []rune(key)
		key = string(r[:40]) + "…" + strconv.Itoa(len(key)) + "B"
	}
	return strconv.QuoteToGraphic(key)
}

// TestS3PresignRawURLs presigns URLs typed the way people paste them (raw
// spaces and non-ASCII, a literal '+', lowercase or invalid escapes): the
// signer reads the path as a browser does and returns a canonical URL that
// MinIO accepts for the key a browser would name.
func TestS3PresignRawURLs(t *testing.T) {
	m := minioServer(t)
	ctx := rootContext(m)
	bucket := uniqueBucket(t, m, "s3-raw")
	tests := []struct {
		name, path, key string
	}{
		{"raw space and non-ASCII", "raw space ü 日本.txt", "raw space ü 日本.txt"},
		{"literal plus stays a plus", "plus+literal", "plus+literal"},
		{"lowercase escape is decoded", "lower%c3%bccase", "lowerücase"},
		{"escaped space is decoded once", "pre%20encoded%2520", "pre encoded%20"},
		{"escaped plus and raw plus", "mixed%2Bplus+", "mixed+plus+"},
		{"invalid escape is a literal percent", "bad%zzescape%", "bad%zzescape%"},
		{"raw reserved characters", "sub!$&'()*,;=:@[]", "sub!$&'()*,;=:@[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := []byte("raw URL " + tt.path)
			put := presignFor(t, ctx, http.MethodPut, m.Endpoint+"/"+bucket+"/"+tt.path)
			require.True(t, strings.HasPrefix(put.URL, objectURL(t, m, bucket, tt.key)+"?"), "presigned URL %s names the key %q in canonical form", put.URL, tt.key)
			a := send(t, http.MethodPut, put.URL, nil, content)
			require.Equal(t, http.StatusOK, a.Status, "presigned PUT: %s", a)
			get := presignFor(t, ctx, http.MethodGet, objectURL(t, m, bucket, tt.key))
			a = send(t, http.MethodGet, get.URL, nil, nil)
			require.Equal(t, http.StatusOK, a.Status, "presigned GET of %q: %s", tt.key, a)
			assert.Equal(t, content, a.Body, "content of %q", tt.key)
		})
	}
}

// TestS3PresignedQueryParameters signs response-* overrides into a presigned
// GET: their values (with spaces, quotes, ';', '=' and '&') are encoded the
// way MinIO decodes them, and MinIO answers with the headers they ask for.
func TestS3PresignedQueryParameters(t *testing.T) {
	m := minioServer(t)
	ctx := rootContext(m)
	bucket := uniqueBucket(t, m, "s3-query")
	u := objectURL(t, m, bucket, "report.csv")
	put := presignFor(t, ctx, http.MethodPut, u)
	a := send(t, http.MethodPut, put.URL, nil, []byte("a,b\n"))
	require.Equal(t, http.StatusOK, a.Status, "presigned PUT: %s", a)

	disposition := `attachment; filename="q3 report+final & co=1.csv"`
	res, err := sigv4.Presign(sigv4.PresignInput{Context: ctx, URL: u, Query: []sigv4.QueryParam{
		{Name: "response-content-disposition", Value: disposition},
		{Name: "response-content-type", Value: "text/csv; charset=utf-8"},
		{Name: "response-cache-control", Value: "no-store"},
	}})
	require.NoError(t, err, "Presign with query parameters")
	require.NotContains(t, res.URL, "+", "presigned URL")
	a = send(t, http.MethodGet, res.URL, nil, nil)
	require.Equal(t, http.StatusOK, a.Status, "presigned GET with response-* parameters: %s", a)
	assert.Equal(t, disposition, a.Header.Get("Content-Disposition"), "Content-Disposition")
	assert.Equal(t, "text/csv; charset=utf-8", a.Header.Get("Content-Type"), "Content-Type")
	assert.Equal(t, "no-store", a.Header.Get("Cache-Control"), "Cache-Control")
}
