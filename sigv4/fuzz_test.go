package sigv4

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzURIEncode: the encoder's output holds only unreserved bytes and %XX
// escapes, decodes back to its input, and agrees with net/url wherever
// net/url's rules and AWS's coincide.
func FuzzURIEncode(f *testing.F) {
	for _, s := range []string{"", "a b+c", "ü/€/😀", "%2F", "!*'()", "~-._", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := URIEncode(s, false)
		for i := 0; i < len(enc); i++ {
			c := enc[i]
			if c == '%' {
				if i+2 >= len(enc) || !isUpperHex(enc[i+1]) || !isUpperHex(enc[i+2]) {
					t.Fatalf("bad escape in %q", enc)
				}
				i += 2
				continue
			}
			if !unreserved(c) {
				t.Fatalf("unencoded %q in %q", c, enc)
			}
		}
		if got := percentDecode(enc, false); got != s {
			t.Fatalf("decode(encode(%q)) = %q", s, got)
		}
		// net/url's QueryEscape differs only in writing a space as '+'.
		if want := strings.ReplaceAll(url.QueryEscape(s), "+", "%20"); strings.ContainsAny(s, "!'()*") == false && want != enc {
			t.Fatalf("URIEncode(%q) = %q, net/url gives %q", s, enc, want)
		}
		withSlash := URIEncode(s, true)
		if strings.ReplaceAll(withSlash, "/", "%2F") != enc {
			t.Fatalf("keepSlash changed more than '/': %q vs %q", withSlash, enc)
		}
	})
}

func isUpperHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' }

// FuzzVerify feeds arbitrary URLs and headers to the request parser behind
// Verify: it must never panic, and a URL that verifies must have been
// signed with this secret (it is the presigned URL itself or an equivalent).
func FuzzVerify(f *testing.F) {
	res, _ := Presign(PresignInput{Context: exampleCtx, URL: "https://examplebucket.s3.amazonaws.com/test.txt", Expires: time.Hour})
	f.Add(res.URL, "GET", "")
	f.Add("https://h/?X-Amz-Credential=a/b/c/d/aws4_request&X-Amz-Signature=00", "PUT", "AWS4-HMAC-SHA256 Credential=a/20130524/r/s/aws4_request, SignedHeaders=host, Signature=00")
	f.Add("http://[::1]:1/%zz?&&=&X-Amz-Expires=-1", "", "AWS4-HMAC-SHA256 ,,,===")
	f.Fuzz(func(t *testing.T, u, method, auth string) {
		in := VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: method, URL: u}, Now: exampleTime}
		if auth != "" {
			in.Headers = []Header{{"Authorization", auth}, {"X-Amz-Date", "20130524T000000Z"}}
		}
		v, err := Verify(in)
		if err == nil && v.Valid && auth == "" && !equivalentURL(res.URL, u) {
			t.Fatalf("forged URL verified: %q", u)
		}
	})
}

// FuzzParsePolicy: any document either parses into conditions that pass
// validation or yields a ValidationError; a parsed policy re-serialized by
// PostPolicy's writer parses back to the same conditions.
func FuzzParsePolicy(f *testing.F) {
	f.Add(`{"expiration":"2015-12-30T12:00:00.000Z","conditions":[{"bucket":"b"},["starts-with","$key","u/"],["content-length-range",1,10]]}`)
	f.Add(`{"expiration":"x","conditions":[[],{},["eq","$a"],null]}`)
	f.Add(`{"conditions":[["content-length-range","1e3",2e3]]}`)
	f.Fuzz(func(t *testing.T, doc string) {
		pol, err := ParsePolicy(doc)
		if err != nil {
			return
		}
		again, err := ParsePolicy(string(appendPolicy(nil, pol.Expiration, pol.Conditions)))
		if err != nil {
			t.Fatalf("re-serialized policy does not parse: %v", err)
		}
		if len(again.Conditions) != len(pol.Conditions) {
			t.Fatalf("conditions changed: %v vs %v", pol.Conditions, again.Conditions)
		}
		for i := range pol.Conditions {
			a, b := pol.Conditions[i], again.Conditions[i]
			if utf8.ValidString(a.Value) && utf8.ValidString(a.Field) && a != b {
				t.Fatalf("condition %d changed: %+v vs %+v", i, a, b)
			}
		}
	})
}
