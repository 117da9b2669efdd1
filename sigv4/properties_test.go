package sigv4

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Keys chosen to break encoders, shared with the MinIO tests' spirit.
var hostileKeys = []string{"a b", "a+b", "100%", "a&b=c?d#e", "~tilde", "!*'()", "$@:;,", "[x]{y}", `back\slash "q"`,
	"café/naïve", "Привет", "日本語", "😀", "nb\u00a0sp", "a//b/../c/./d", strings.Repeat("k", 1000)}

func TestPresignProperties(t *testing.T) {
	for _, key := range hostileKeys {
		t.Run(key[:min(len(key), 20)], func(t *testing.T) {
			u, err := ObjectURL(ObjectInput{Endpoint: "https://s3.eu-west-1.amazonaws.com", Bucket: "examplebucket", Key: key})
			require.NoError(t, err)
			in := PresignInput{Context: exampleCtx, URL: u, Expires: time.Hour, Method: "PUT",
				Query:   []QueryParam{{"response-content-disposition", `attachment; filename="` + key + `"`}},
				Headers: []Header{{"Content-Type", "text/plain"}, {"x-amz-meta-name", "v"}}}
			before := clonePresignInput(in)
			res, err := Presign(in)
			require.NoError(t, err)
			assert.True(t, reflect.DeepEqual(before, in), "input unchanged")
			again, _ := Presign(in)
			assert.Equal(t, res, again, "same input, same output")
			assert.NotContains(t, res.URL, "+", "no '+' in a presigned URL")
			assert.NotContains(t, res.URL, " ")
			assert.True(t, strings.HasSuffix(res.URL, "&X-Amz-Signature="+res.Debug.Signature), "signature last")
			for _, h := range in.Headers {
				assert.Contains(t, strings.Split(res.Debug.SignedHeaders, ";"), strings.ToLower(h.Name), "every given header is signed")
			}
			v, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: "PUT", URL: res.URL, Headers: res.Headers}, Now: exampleTime})
			require.NoError(t, err)
			assert.Equal(t, ReasonValid, v.Reason, "verify(presign(x))")
		})
	}
}

func clonePresignInput(in PresignInput) PresignInput {
	out := in
	out.Query = append([]QueryParam(nil), in.Query...)
	out.Headers = append([]Header(nil), in.Headers...)
	return out
}

func TestObjectURLAddressing(t *testing.T) {
	tests := []struct {
		name string
		in   ObjectInput
		want string
	}{
		{"aws defaults to virtual", ObjectInput{Endpoint: "https://s3.amazonaws.com", Bucket: "examplebucket", Key: "test.txt"}, "https://examplebucket.s3.amazonaws.com/test.txt"},
		{"others default to path", ObjectInput{Endpoint: "https://storage.yandexcloud.net", Bucket: "bkt", Key: "a b/c+d"}, "https://storage.yandexcloud.net/bkt/a%20b/c%2Bd"},
		{"bare host means https", ObjectInput{Endpoint: "storage.yandexcloud.net", Bucket: "bkt", Key: "k"}, "https://storage.yandexcloud.net/bkt/k"},
		{"default port dropped", ObjectInput{Endpoint: "http://127.0.0.1:80", Bucket: "bkt", Key: "k"}, "http://127.0.0.1/bkt/k"},
		{"other port kept", ObjectInput{Endpoint: "http://127.0.0.1:9000/", Bucket: "bkt", Key: "k"}, "http://127.0.0.1:9000/bkt/k"},
		{"virtual forced", ObjectInput{Endpoint: "https://storage.yandexcloud.net", Bucket: "bkt", Key: "k", Addressing: AddressingVirtual}, "https://bkt.storage.yandexcloud.net/k"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ObjectURL(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	_, err := ObjectURL(ObjectInput{Endpoint: "http://127.0.0.1:9000", Bucket: "bkt", Addressing: AddressingVirtual})
	requireFieldError(t, err, FieldAddressing, ErrUnsupported)
	_, err = ObjectURL(ObjectInput{Endpoint: "https://s3.amazonaws.com", Bucket: "Bad_Bucket", Addressing: AddressingVirtual})
	requireFieldError(t, err, FieldBucket, ErrUnsupported)
}

func TestInferRegion(t *testing.T) {
	for host, want := range map[string]string{
		"s3.amazonaws.com": "us-east-1", "s3.eu-west-1.amazonaws.com": "eu-west-1", "bkt.s3.eu-west-1.amazonaws.com": "eu-west-1",
		"s3-us-west-2.amazonaws.com": "us-west-2", "email.us-east-1.amazonaws.com": "us-east-1", "storage.yandexcloud.net": "ru-central1",
		"bkt.storage.yandexcloud.net": "ru-central1", "postbox.cloud.yandex.net": "ru-central1", "acct.r2.cloudflarestorage.com": "auto",
		"storage.googleapis.com": "auto", "nyc3.digitaloceanspaces.com": "nyc3", "s3.dualstack.ap-south-1.amazonaws.com:443": "ap-south-1",
	} {
		got, ok := InferRegion(host)
		assert.True(t, ok, host)
		assert.Equal(t, want, got, host)
	}
	for _, host := range []string{"example.com", "ec2.amazonaws.com", "s3.x-1.amazonaws.com", "a.b-c-.amazonaws.com", "-.amazonaws.com"} {
		_, ok := InferRegion(host)
		assert.False(t, ok, host)
	}
	got, _ := InferRegion("bucket.s3.us-gov-west-1.amazonaws.com")
	assert.Equal(t, "us-gov-west-1", got)
}

func TestPresignErrorsAreAllReported(t *testing.T) {
	_, err := Presign(PresignInput{URL: "ftp://x", Expires: 8 * 24 * time.Hour, Method: "G E T"})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	fields := map[string]bool{}
	for _, e := range ve.Errors {
		fields[e.Field] = true
		assert.NotContains(t, e.Error(), "ftp://x", "values are never echoed")
	}
	for _, f := range []string{FieldAccessKeyID, FieldSecretAccessKey, FieldRegion, FieldDate, FieldURL, FieldExpires, FieldMethod} {
		assert.True(t, fields[f], "error for %s", f)
	}
}

func TestHeaderValuesRejectInjection(t *testing.T) {
	for _, v := range []string{"a\r\nX-Evil: 1", "a\nb", "a\x00b", "a\rb"} {
		_, err := Sign(SignInput{Context: exampleCtx, Request: Request{URL: "https://h.s3.amazonaws.com/", Headers: []Header{{"X-A", v}}}})
		requireFieldError(t, err, "headers.X-A", ErrMalformed)
	}
	res, err := Sign(SignInput{Context: exampleCtx, Request: Request{URL: "https://h.s3.amazonaws.com/", Headers: []Header{{"X-A", "a\r\n  b"}}}})
	require.NoError(t, err, "a folded line is allowed")
	assert.Contains(t, res.Debug.CanonicalRequest, "x-a:a b\n")
}

func TestSigningKeyInsteadOfSecret(t *testing.T) {
	key := DeriveSigningKey(exampleCtx.SecretAccessKey, exampleTime, "us-east-1", "s3")
	ctx := exampleCtx
	ctx.SecretAccessKey, ctx.SigningKey = "", &key
	res, err := Presign(PresignInput{Context: ctx, URL: "https://examplebucket.s3.amazonaws.com/test.txt", Expires: 86400 * time.Second})
	require.NoError(t, err)
	assert.Equal(t, "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", res.Debug.Signature)
	parsed, err := ParseSigningKey(key.String())
	require.NoError(t, err)
	assert.Equal(t, key, parsed)
}

// The key cache must not confuse secrets, scopes or days: a wrong hit would
// sign with someone else's key.
func TestKeyCacheDistinguishesEveryPart(t *testing.T) {
	base := exampleCtx
	sig := func(c Context) string {
		res, err := Presign(PresignInput{Context: c, URL: "https://examplebucket.s3.amazonaws.com/test.txt", Expires: time.Hour})
		require.NoError(t, err)
		return res.Debug.Signature
	}
	seen := map[string]bool{}
	variants := []func(*Context){
		func(c *Context) {},
		func(c *Context) { c.SecretAccessKey += "x" },
		func(c *Context) { c.Region = "eu-west-1" },
		func(c *Context) { c.Service = "s3-object-lambda" },
		func(c *Context) { c.Time = c.Time.Add(24 * time.Hour) },
	}
	for round := 0; round < 2; round++ {
		for i, v := range variants {
			c := base
			v(&c)
			s := sig(c)
			if round == 0 {
				assert.False(t, seen[s], "variant %d signs like another", i)
				seen[s] = true
			} else {
				assert.True(t, seen[s], "variant %d changed between rounds", i)
			}
			// Against the uncached derivation.
			k := DeriveSigningKey(c.SecretAccessKey, c.Time, c.Region, c.service())
			c.SecretAccessKey, c.SigningKey = "", &k
			assert.Equal(t, s, sig(c), "variant %d matches an uncached key", i)
		}
	}
}

// Debug is opt-in: without it the signed outputs are the same and Debug is
// empty; with it every value is filled.
func TestDebugIsOptIn(t *testing.T) {
	quiet := exampleCtx
	quiet.Debug = false
	url := "https://examplebucket.s3.amazonaws.com/test.txt"
	with, err := Presign(PresignInput{Context: exampleCtx, URL: url, Expires: time.Hour})
	require.NoError(t, err)
	without, err := Presign(PresignInput{Context: quiet, URL: url, Expires: time.Hour})
	require.NoError(t, err)
	assert.Equal(t, with.URL, without.URL)
	assert.Equal(t, Debug{}, without.Debug)
	assert.NotEmpty(t, with.Debug.CanonicalRequest)
	assert.NotEmpty(t, with.Debug.StringToSign)
	assert.True(t, strings.HasSuffix(with.URL, with.Debug.Signature))

	req := Request{URL: url, Headers: []Header{{"Range", "bytes=0-9"}}}
	sWith, err := Sign(SignInput{Context: exampleCtx, Request: req})
	require.NoError(t, err)
	sWithout, err := Sign(SignInput{Context: quiet, Request: req})
	require.NoError(t, err)
	assert.Equal(t, sWith.Authorization, sWithout.Authorization)
	assert.Equal(t, sWith.Headers, sWithout.Headers)
	assert.Equal(t, Debug{}, sWithout.Debug)
	assert.Equal(t, sWith.Debug.Signature, sWith.Authorization[len(sWith.Authorization)-64:])

	quiet.ShowSigningKey = true
	keyed, err := Presign(PresignInput{Context: quiet, URL: url, Expires: time.Hour})
	require.NoError(t, err)
	assert.NotEmpty(t, keyed.Debug.CanonicalRequest, "ShowSigningKey implies Debug")
	assert.Len(t, keyed.Debug.SigningKey, 64)
}

// Sign's URL is the one the request must go to: the caller's when it is
// canonical already, otherwise rewritten as signed (host lowercased, default
// port dropped, path and query encoded and sorted as in the signature).
func TestSignURL(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"https://examplebucket.s3.amazonaws.com/test.txt", "https://examplebucket.s3.amazonaws.com/test.txt"},
		{"https://examplebucket.s3.amazonaws.com/a%20b?a=1&b=2", "https://examplebucket.s3.amazonaws.com/a%20b?a=1&b=2"},
		{"https://EXAMPLEBUCKET.s3.amazonaws.com:443/a b?z=1&a=x y", "https://examplebucket.s3.amazonaws.com/a%20b?a=x%20y&z=1"},
		{"https://examplebucket.s3.amazonaws.com/k#frag", "https://examplebucket.s3.amazonaws.com/k"},
	} {
		res, err := Sign(SignInput{Context: exampleCtx, Request: Request{URL: tt.in}})
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, res.URL, tt.in)
		v, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{URL: res.URL, Headers: res.Headers, Body: noBody}, Now: exampleTime})
		require.NoError(t, err, tt.in)
		assert.Equal(t, ReasonValid, v.Reason, "verify(sign(%s))", tt.in)
	}
}

// A presign without query parameters of its own skips sorting: the X-Amz-*
// parameters must then be added in canonical order, with a session token too.
func TestPresignAuthParamsInCanonicalOrder(t *testing.T) {
	for _, token := range []string{"", "session/token+="} {
		ctx := exampleCtx
		ctx.SessionToken = token
		res, err := Presign(PresignInput{Context: ctx, URL: "https://examplebucket.s3.amazonaws.com/test.txt", Headers: []Header{{"Content-Type", "a/b"}}})
		require.NoError(t, err)
		query := strings.Split(res.Debug.CanonicalRequest, "\n")[2]
		params := strings.Split(query, "&")
		assert.True(t, slices.IsSorted(params), "%q", query)
		want := 5
		if token != "" {
			want = 6
		}
		assert.Len(t, params, want, "%q", query)
	}
}

// Signing from many goroutines at once, with keys that evict one another
// from the cache, gives the same signatures as signing one at a time (run
// with -race, this also checks the cache's locking).
func TestConcurrentSigningMatchesSerial(t *testing.T) {
	const workers, perWorker = 8, 200
	input := func(i int) PresignInput {
		ctx := exampleCtx
		ctx.Debug = false
		ctx.SecretAccessKey = fmt.Sprintf("secret-%d", i%(keyCacheSize+3))
		ctx.Time = exampleTime.Add(time.Duration(i%3) * 24 * time.Hour)
		return PresignInput{Context: ctx, URL: "https://examplebucket.s3.amazonaws.com/test.txt", Expires: time.Hour}
	}
	want := make([]string, workers*perWorker)
	for i := range want {
		res, err := Presign(input(i))
		require.NoError(t, err)
		want[i] = res.URL
	}
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for j := 0; j < perWorker; j++ {
				i := (w*perWorker + j*7) % len(want)
				if res, err := Presign(input(i)); err != nil || res.URL != want[i] {
					errs <- fmt.Sprintf("input %d: %v %s", i, err, res.URL)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
