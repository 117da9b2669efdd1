//go:build !js

package e2e

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// TestGoURLIsWhatWasSigned sends what the Go API returns (the URL of Sign
// and of Presign, for a service other than S3, whose path is signed as it
// arrives) with Go's own HTTP client to a local listener, and derives the
// canonical URI from the raw request target the listener received, by
// AWS's rule for those services (every byte but A-Z a-z 0-9 - _ . ~ /
// percent-encoded, so the received escapes are encoded again). It must be
// the canonical URI that was signed: a URL that a client rewrites before
// sending (a raw space, non-ASCII) would be refused by the service.
func TestGoURLIsWhatWasSigned(t *testing.T) {
	received := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		received <- r.RequestURI
	}))
	defer srv.Close()

	r := rand.New(rand.NewPCG(10, 4))
	paths := []string{"/a b/ü", "/{x}|^`\"<>", "/ж文😀", "/%20 %2F", "/a+b;c,d:e@f!g*h'i(j)"}
	for i := 0; i < 60; i++ {
		paths = append(paths, "/"+clean(r, 8))
	}
	ctx := sigv4.Context{
		Credentials: sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
		Region:      "us-east-1", Service: "ses", Time: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), Debug: true,
	}
	checked := 0
	for _, p := range paths {
		if strings.Contains(p, "#") || strings.Contains(p, "?") || strings.Contains(p, "/.") || strings.Contains(p, "//") {
			continue // a fragment, a query, or a path the service normalizes: not what this test is about
		}
		s, err := sigv4.Sign(sigv4.SignInput{Context: ctx, Request: sigv4.Request{URL: srv.URL + p}})
		require.NoError(t, err, "Sign %q", p)
		pr, err := sigv4.Presign(sigv4.PresignInput{Context: ctx, URL: srv.URL + p})
		require.NoError(t, err, "Presign %q", p)
		for _, tc := range []struct {
			api, url, canonical string
			headers             []sigv4.Header
		}{
			{"Sign", s.URL, s.Debug.CanonicalRequest, s.Headers},
			{"Presign", pr.URL, pr.Debug.CanonicalRequest, pr.Headers},
		} {
			req, err := http.NewRequest("GET", tc.url, nil)
			require.NoError(t, err, "%s(%q): http.NewRequest of the returned URL", tc.api, p)
			for _, h := range tc.headers {
				req.Header.Set(h.Name, h.Value)
			}
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err, "%s(%q): sending the returned URL", tc.api, p)
			resp.Body.Close()
			target := <-received
			rawPath, _, _ := strings.Cut(target, "?")
			assert.Equal(t, strings.SplitN(tc.canonical, "\n", 3)[1], awsEncodeAgain(rawPath),
				"%s(%q): the canonical URI signed, and the one the server derives from %q", tc.api, p, target)
			assert.True(t, strings.HasPrefix(tc.url, srv.URL+rawPath), "%s(%q): the URL returned, %q, is sent as it is (%q)", tc.api, p, tc.url, target)
			checked++
		}
	}
	t.Logf("Go API URLs sent by net/http to a listener: %d (Sign and Presign), each signed as the server derives it", checked)
}

// awsEncodeAgain is the canonical URI of a received path for services other
// than S3: each byte URI-encoded except unreserved characters and '/'.
func awsEncodeAgain(rawPath string) string {
	var b strings.Builder
	for i := 0; i < len(rawPath); i++ {
		c := rawPath[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~/", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
