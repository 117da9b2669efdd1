//go:build !js

package e2e

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// This file holds the plain HTTP side of the S3 tests (s3_*_test.go): a
// client that sends a signed URL exactly as the signer wrote it, MinIO's
// answers, and bucket creation through sigv4.Sign.

// s3Answer is what MinIO answered to one request.
type s3Answer struct {
	Status int
	Header http.Header
	Body   []byte
	// Code and Message come from the S3 error document in the body; both
	// are empty when the body is not one.
	Code, Message string
}

// String gives the status and the error code, for assertion messages.
func (a s3Answer) String() string {
	s := fmt.Sprintf("%d %s", a.Status, http.StatusText(a.Status))
	if a.Code != "" {
		s += " " + a.Code + ": " + a.Message
	}
	return s
}

// s3ErrorDoc is the XML body of an S3 error answer (the harness's s3Error
// without the message MinIO puts in it).
type s3ErrorDoc struct {
	XMLName xml.Name `xml:"Error"`
	Code    string
	Message string
}

// s3Client never follows redirects: success_action_redirect is checked on
// the 303 itself. Keep-alive stays on; the tests send thousands of requests.
var s3Client = &http.Client{
	Timeout:       30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// send makes one request with the URL exactly as given, signed headers
// included, and returns MinIO's answer.
//
// The request line must carry the URL's path byte for byte: the signature
// covers the path as the signer encoded it, and S3 decodes what it receives.
// http.NewRequest parses the URL with net/url, and the request line is
// URL.RequestURI(), built from EscapedPath: RawPath when net/url judges it a
// valid encoding of the decoded path, otherwise net/url's own re-encoding,
// which leaves ! $ & ' ( ) * + , ; = : @ raw where AWS writes %XX. To take
// net/url's judgement out of the test, the path is put in URL.Opaque (sent
// as given: RequestURI returns Opaque + "?" + RawQuery, and RawQuery is never
// re-encoded), and the result is checked against the URL given.
func send(t testing.TB, method, rawURL string, headers []sigv4.Header, body []byte) s3Answer {
	t.Helper()
	var r io.Reader = http.NoBody
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, rawURL, r)
	require.NoError(t, err, "http.NewRequest %s %s", method, rawURL)
	target := requestTarget(rawURL)
	path, _, _ := strings.Cut(target, "?")
	req.URL.Opaque = path
	require.Equal(t, target, req.URL.RequestURI(), "request line of %s %s", method, rawURL)
	for _, h := range headers {
		if strings.EqualFold(h.Name, "host") {
			req.Host = h.Value
			continue
		}
		req.Header.Set(h.Name, h.Value)
	}
	resp, err := s3Client.Do(req)
	require.NoError(t, err, "%s %s", method, rawURL)
	defer resp.Body.Close()
	a := s3Answer{Status: resp.StatusCode, Header: resp.Header}
	a.Body, err = io.ReadAll(resp.Body)
	require.NoError(t, err, "reading the answer to %s %s", method, rawURL)
	var doc s3ErrorDoc
	if resp.StatusCode >= 300 && xml.Unmarshal(a.Body, &doc) == nil {
		a.Code, a.Message = doc.Code, doc.Message
	}
	return a
}

// requestTarget returns what follows scheme://host in an absolute URL: the
// path and query of the request line, without the fragment.
func requestTarget(rawURL string) string {
	_, rest, _ := strings.Cut(rawURL, "://")
	i := strings.IndexAny(rest, "/?#")
	if i < 0 {
		return "/"
	}
	rest, _, _ = strings.Cut(rest[i:], "#")
	if strings.HasPrefix(rest, "?") {
		rest = "/" + rest
	}
	return rest
}

// rootContext is a signing context with MinIO's root credentials, signing
// now.
func rootContext(m *MinIO) sigv4.Context {
	return sigv4.Context{
		Credentials: sigv4.Credentials{AccessKeyID: m.AccessKeyID, SecretAccessKey: m.SecretAccessKey},
		Region:      m.Region,
		Service:     "s3", // Sign requires it
		Time:        time.Now().UTC(),
		Debug:       true, // some checks read the canonical request
	}
}

// objectURL is the path-style URL of bucket/key as sigv4.ObjectURL writes
// it.
func objectURL(t testing.TB, m *MinIO, bucket, key string) string {
	t.Helper()
	u, err := sigv4.ObjectURL(sigv4.ObjectInput{Endpoint: m.Endpoint, Bucket: bucket, Key: key, Addressing: sigv4.AddressingPath})
	require.NoError(t, err, "ObjectURL(%q, %q)", bucket, key)
	return u
}

// presignFor presigns method on rawURL with the context's credentials.
func presignFor(t testing.TB, ctx sigv4.Context, method, rawURL string, headers ...sigv4.Header) sigv4.PresignResult {
	t.Helper()
	res, err := sigv4.Presign(sigv4.PresignInput{Context: ctx, Method: method, URL: rawURL, Expires: 10 * time.Minute, Headers: headers})
	require.NoError(t, err, "Presign %s %s", method, rawURL)
	return res
}

// signFor header-signs a request with the context's credentials; body nil
// with unsigned set signs UNSIGNED-PAYLOAD.
func signFor(t testing.TB, ctx sigv4.Context, method, rawURL string, headers []sigv4.Header, body []byte, unsigned bool) sigv4.SignResult {
	t.Helper()
	res, err := sigv4.Sign(sigv4.SignInput{
		Context:         ctx,
		Request:         sigv4.Request{Method: method, URL: rawURL, Headers: headers, Body: body},
		UnsignedPayload: unsigned,
	})
	require.NoError(t, err, "Sign %s %s", method, rawURL)
	return res
}

// makeBucket creates a bucket with a header-signed PUT (root credentials),
// the way an S3 client does, and fails the test unless MinIO answers 200.
// Unlike (*MinIO).MakeBucket, it goes through the signer under test.
func makeBucket(t testing.TB, m *MinIO, name string) {
	t.Helper()
	res := signFor(t, rootContext(m), http.MethodPut, m.URL(name), nil, nil, false)
	a := send(t, res.Method, res.URL, res.Headers, nil)
	require.Equal(t, http.StatusOK, a.Status, "CreateBucket %s: %s", name, a)
}

// uniqueBucket returns a fresh bucket name with the given prefix, created
// through makeBucket.
func uniqueBucket(t testing.TB, m *MinIO, prefix string) string {
	t.Helper()
	name := prefix + "-" + randomHex(4)
	makeBucket(t, m, name)
	return name
}

// formFile is the file part of a POST upload form.
type formFile struct {
	Name        string // the filename of the part, which ${filename} stands for
	ContentType string // the part's Content-Type; "" means application/octet-stream
	Content     []byte
}

// postForm sends a multipart/form-data POST to action: the fields in the
// given order, then the file, last, as S3 requires (fields after the file
// are ignored).
func postForm(t testing.TB, action string, fields []sigv4.Field, file formFile) s3Answer {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for _, f := range fields {
		require.NoError(t, w.WriteField(f.Name, f.Value), "multipart field %s", f.Name)
	}
	ct := file.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, quoteEscaper.Replace(file.Name)))
	h.Set("Content-Type", ct)
	part, err := w.CreatePart(h)
	require.NoError(t, err, "multipart file part")
	_, err = part.Write(file.Content)
	require.NoError(t, err, "multipart file content")
	require.NoError(t, w.Close(), "multipart close")
	return send(t, http.MethodPost, action, []sigv4.Header{{Name: "Content-Type", Value: w.FormDataContentType()}}, body.Bytes())
}

// quoteEscaper escapes a filename for a Content-Disposition parameter the way
// mime/multipart.CreateFormFile does.
var quoteEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// withField returns fields with the value of the field named name (case
// insensitively) replaced, as a form user filling a starts-with field does.
func withField(t testing.TB, fields []sigv4.Field, name, value string) []sigv4.Field {
	t.Helper()
	out := append([]sigv4.Field(nil), fields...)
	for i := range out {
		if strings.EqualFold(out[i].Name, name) {
			out[i].Value = value
			return out
		}
	}
	t.Fatalf("withField: the form has no field %s", name)
	return nil
}
