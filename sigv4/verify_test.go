package sigv4

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	exampleTime = time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)
	exampleCtx  = Context{
		Credentials: Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
		Region:      "us-east-1", Service: "s3", Time: exampleTime, Debug: true,
	}
	// noBody is a request without a body, as opposed to nil: not given.
	noBody = []byte{}
)

func TestVerifyPresignedURL(t *testing.T) {
	in := PresignInput{Context: exampleCtx, URL: "https://examplebucket.s3.amazonaws.com/a b+c/ü.txt?versionId=3",
		Expires: time.Hour, Headers: []Header{{"Content-Type", "text/plain"}}, Method: "PUT"}
	res, err := Presign(in)
	require.NoError(t, err, "Presign")
	headers := []Header{{"Content-Type", "text/plain"}}

	tests := []struct {
		name   string
		in     VerifyInput
		reason string
	}{
		{"fresh URL is valid", VerifyInput{Request: Request{Method: "PUT", URL: res.URL, Headers: headers}, Now: exampleTime.Add(time.Minute)}, ReasonValid},
		{"any body is valid under UNSIGNED-PAYLOAD", VerifyInput{Request: Request{Method: "PUT", URL: res.URL, Headers: headers, Body: []byte("x")}, Now: exampleTime}, ReasonValid},
		{"past expiry is expired", VerifyInput{Request: Request{Method: "PUT", URL: res.URL, Headers: headers}, Now: exampleTime.Add(time.Hour + time.Second)}, ReasonExpired},
		{"before signing time is not yet valid", VerifyInput{Request: Request{Method: "PUT", URL: res.URL, Headers: headers}, Now: exampleTime.Add(-time.Second)}, ReasonNotYetValid},
		{"other method mismatches", VerifyInput{Request: Request{Method: "GET", URL: res.URL, Headers: headers}, Now: exampleTime}, ReasonSignatureMismatch},
		{"other header value mismatches", VerifyInput{Request: Request{Method: "PUT", URL: res.URL, Headers: []Header{{"Content-Type", "image/png"}}}, Now: exampleTime}, ReasonSignatureMismatch},
		{"header name in another case is the same header", VerifyInput{Request: Request{Method: "PUT", URL: res.URL, Headers: []Header{{"CONTENT-TYPE", "text/plain"}}}, Now: exampleTime}, ReasonValid},
		{"missing signed header is named", VerifyInput{Request: Request{Method: "PUT", URL: res.URL}, Now: exampleTime}, ReasonMissingHeader},
		{"unsigned x-amz-meta header is refused", VerifyInput{Request: Request{Method: "PUT", URL: res.URL, Headers: append(headers, Header{"X-Amz-Meta-Evil", "1"})}, Now: exampleTime}, ReasonUnsignedHeader},
		{"unsigned ordinary header is ignored", VerifyInput{Request: Request{Method: "PUT", URL: res.URL, Headers: append(headers, Header{"User-Agent", "x"})}, Now: exampleTime}, ReasonValid},
		{"other access key id is refused", VerifyInput{Credentials: Credentials{AccessKeyID: "AKIDOTHER"}, Request: Request{Method: "PUT", URL: res.URL, Headers: headers}, Now: exampleTime}, ReasonWrongAccessKey},
		{"access key id in another case is another key", VerifyInput{Credentials: Credentials{AccessKeyID: strings.ToLower(exampleCtx.AccessKeyID)}, Request: Request{Method: "PUT", URL: res.URL, Headers: headers}, Now: exampleTime}, ReasonWrongAccessKey},
		{"lower-case signing parameter added is signed over", VerifyInput{Request: Request{Method: "PUT", URL: res.URL + "&x-amz-date=junk", Headers: headers}, Now: exampleTime}, ReasonSignatureMismatch},
		{"upper-case signing parameter added is signed over", VerifyInput{Request: Request{Method: "PUT", URL: res.URL + "&X-AMZ-EXPIRES=999999", Headers: headers}, Now: exampleTime}, ReasonSignatureMismatch},
		{"X-Amz-Content-Sha256 added is signed over", VerifyInput{Request: Request{Method: "PUT", URL: res.URL + "&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD", Headers: headers}, Now: exampleTime}, ReasonSignatureMismatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.in.AccessKeyID == "" {
				tc.in.AccessKeyID = exampleCtx.AccessKeyID
			}
			tc.in.SecretAccessKey = exampleCtx.SecretAccessKey
			got, err := Verify(tc.in)
			require.NoError(t, err, "Verify")
			assert.Equal(t, tc.reason, got.Reason, "Verify reason")
			assert.Equal(t, tc.reason == ReasonValid, got.Valid, "Verify valid")
			assert.Equal(t, exampleCtx.AccessKeyID, got.AccessKeyID, "the request's access key id")
		})
	}
}

// Requests S3 refuses as malformed are errors naming the field, never a
// verdict: each edit below is made to a valid presigned URL.
func TestVerifyRefusesMalformedPresignedURL(t *testing.T) {
	res, err := Presign(PresignInput{Context: exampleCtx, URL: "https://examplebucket.s3.amazonaws.com/test.txt", Expires: time.Hour})
	require.NoError(t, err)
	sig := res.Debug.Signature
	tests := []struct {
		name   string
		url    string
		reason error
	}{
		{"upper-case signature", strings.Replace(res.URL, sig, strings.ToUpper(sig), 1), ErrMalformed},
		{"short signature", strings.Replace(res.URL, sig, sig[:63], 1), ErrMalformed},
		{"X-Amz-Expires with a leading zero", strings.Replace(res.URL, "X-Amz-Expires=3600", "X-Amz-Expires=03600", 1), ErrMalformed},
		{"X-Amz-Expires with a sign", strings.Replace(res.URL, "X-Amz-Expires=3600", "X-Amz-Expires=%2B3600", 1), ErrMalformed},
		{"X-Amz-Expires of zero", strings.Replace(res.URL, "X-Amz-Expires=3600", "X-Amz-Expires=0", 1), ErrOutOfRange},
		{"X-Amz-Expires above 7 days", strings.Replace(res.URL, "X-Amz-Expires=3600", "X-Amz-Expires=604801", 1), ErrOutOfRange},
		{"X-Amz-Date repeated after the signature", res.URL + "&X-Amz-Date=junk", ErrMalformed},
		{"X-Amz-Signature repeated", res.URL + "&X-Amz-Signature=" + sig, ErrMalformed},
		{"X-Amz-Date in lower case only", strings.Replace(res.URL, "X-Amz-Date=", "x-amz-date=", 1), ErrMissing},
		{"signed headers without host", strings.Replace(res.URL, "X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=range", 1), ErrMalformed},
		{"signed headers in upper case", strings.Replace(res.URL, "X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=Host", 1), ErrMalformed},
		{"signed headers repeated", strings.Replace(res.URL, "X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=host%3Bhost", 1), ErrMalformed},
		{"credential date other than the signing day", strings.Replace(res.URL, "%2F20130524%2F", "%2F20130525%2F", 1), ErrMalformed},
		{"algorithm in lower case", strings.Replace(res.URL, "AWS4-HMAC-SHA256", "aws4-hmac-sha256", 1), ErrUnsupported},
		{"streaming payload stated", res.URL + "&X-Amz-Content-Sha256=STREAMING-AWS4-HMAC-SHA256-PAYLOAD", ErrUnsupported},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NotEqual(t, res.URL, tc.url, "the edit applies")
			_, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{URL: tc.url}, Now: exampleTime})
			var ve *ValidationError
			require.ErrorAs(t, err, &ve, "Verify")
			assert.Equal(t, FieldURL, ve.Errors[0].Field, "field")
			assert.ErrorIs(t, err, tc.reason, "reason")
		})
	}
}

// Providers that allow longer links than AWS's 7 days need maxExpires
// raised, as for Presign.
func TestVerifyMaxExpires(t *testing.T) {
	const month = 30 * 24 * time.Hour
	res, err := Presign(PresignInput{Context: exampleCtx, URL: "https://storage.yandexcloud.net/b/k", Expires: month, MaxExpires: month})
	require.NoError(t, err)
	in := VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{URL: res.URL}, Now: exampleTime}
	_, err = Verify(in)
	assertFieldError(t, err, FieldURL, ErrOutOfRange, "a 30-day URL with the default limit")
	in.MaxExpires = month
	v, err := Verify(in)
	require.NoError(t, err, "a 30-day URL with maxExpires raised")
	assert.Equal(t, ReasonValid, v.Reason)
}

func TestVerifyRequiresAccessKeyID(t *testing.T) {
	res, err := Presign(PresignInput{Context: exampleCtx, URL: "https://examplebucket.s3.amazonaws.com/test.txt"})
	require.NoError(t, err)
	_, err = Verify(VerifyInput{Credentials: Credentials{SecretAccessKey: exampleCtx.SecretAccessKey}, Request: Request{URL: res.URL}, Now: exampleTime})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve, "Verify without an access key id")
	assert.Equal(t, FieldAccessKeyID, ve.Errors[0].Field)
	assert.ErrorIs(t, err, ErrMissing)
}

func TestVerifyHeaderSigned(t *testing.T) {
	body := []byte("hi")
	res, err := Sign(SignInput{Context: exampleCtx, Request: Request{Method: "PUT", URL: "https://examplebucket.s3.amazonaws.com/x", Body: body, Headers: []Header{{"Content-Type", "text/plain"}}}})
	require.NoError(t, err)
	unsigned, err := Sign(SignInput{Context: exampleCtx, Request: Request{Method: "PUT", URL: "https://examplebucket.s3.amazonaws.com/x"}, UnsignedPayload: true})
	require.NoError(t, err)
	auth := res.Authorization
	withAuth := func(a string) []Header {
		hs := append([]Header(nil), res.Headers...)
		hs[len(hs)-1].Value = a
		return hs
	}
	tests := []struct {
		name    string
		headers []Header
		body    []byte
		now     time.Time
		reason  string
		header  string
	}{
		{"same request verifies", res.Headers, body, exampleTime, ReasonValid, ""},
		{"within skew verifies", res.Headers, body, exampleTime.Add(14 * time.Minute), ReasonValid, ""},
		{"beyond skew is expired", res.Headers, body, exampleTime.Add(16 * time.Minute), ReasonExpired, ""},
		{"too far ahead is not yet valid", res.Headers, body, exampleTime.Add(-16 * time.Minute), ReasonNotYetValid, ""},
		{"other body than the signed hash", res.Headers, []byte("hI"), exampleTime, ReasonPayloadMismatch, ""},
		{"empty body than the signed hash", res.Headers, noBody, exampleTime, ReasonPayloadMismatch, ""},
		{"body not given is not checked", res.Headers, nil, exampleTime, ReasonPayloadNotChecked, ""},
		{"UNSIGNED-PAYLOAD takes any body", unsigned.Headers, []byte("anything"), exampleTime, ReasonValid, ""},
		{"UNSIGNED-PAYLOAD needs no body", unsigned.Headers, nil, exampleTime, ReasonValid, ""},
		{"changed signed header", withHeader(res.Headers, "Content-Type", "text/html"), body, exampleTime, ReasonSignatureMismatch, ""},
		{"header names in another case", upperNames(res.Headers), body, exampleTime, ReasonValid, ""},
		{"no space after the commas", withAuth(strings.ReplaceAll(auth, ", ", ",")), body, exampleTime, ReasonValid, ""},
		{"user-agent added to the list and sent", append(withAuth(strings.Replace(auth, ";x-amz-content-sha256", ";user-agent;x-amz-content-sha256", 1)), Header{"User-Agent", "curl/8"}), body, exampleTime, ReasonSignatureMismatch, ""},
		{"user-agent added to the list, not sent", withAuth(strings.Replace(auth, ";x-amz-content-sha256", ";user-agent;x-amz-content-sha256", 1)), body, exampleTime, ReasonMissingHeader, "user-agent"},
		{"unsigned x-amz header sent", append(append([]Header(nil), res.Headers...), Header{"X-Amz-Acl", "public-read"}), body, exampleTime, ReasonUnsignedHeader, "X-Amz-Acl"},
		{"other access key in Authorization", withAuth(strings.Replace(auth, "AKIAIOSFODNN7EXAMPLE", "AKIDATTACKER", 1)), body, exampleTime, ReasonWrongAccessKey, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: "PUT", URL: res.URL, Headers: tc.headers, Body: tc.body}, Now: tc.now})
			require.NoError(t, err, "Verify")
			assert.Equal(t, tc.reason, v.Reason, "Verify reason")
			assert.Equal(t, tc.reason == ReasonValid, v.Valid, "Verify valid")
			assert.Equal(t, tc.header, v.Header, "header named")
		})
	}
	v, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: "PUT", URL: res.URL, Headers: withAuth(strings.Replace(auth, "AKIAIOSFODNN7EXAMPLE", "AKIDATTACKER", 1)), Body: body}, Now: exampleTime})
	require.NoError(t, err)
	assert.Equal(t, "AKIDATTACKER", v.AccessKeyID, "the result names the request's key")
}

// The Authorization header and its SignedHeaders list are compared as
// given, in the shape AWS documents, never rebuilt.
func TestVerifyRefusesMalformedAuthorization(t *testing.T) {
	res, err := Sign(SignInput{Context: exampleCtx, Request: Request{Method: "GET", URL: "https://examplebucket.s3.amazonaws.com/x", Headers: []Header{{"Range", "bytes=0-9"}}}})
	require.NoError(t, err)
	auth := res.Authorization
	require.Contains(t, auth, "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,", "the list the edits change")
	tests := []struct {
		name   string
		auth   string
		field  string
		reason error
	}{
		{"reordered signed headers", strings.Replace(auth, "host;range", "range;host", 1), "headers.Authorization", ErrMalformed},
		{"upper-case signed header", strings.Replace(auth, ";range;", ";Range;", 1), "headers.Authorization", ErrMalformed},
		{"signed header listed twice", strings.Replace(auth, ";range;", ";range;range;", 1), "headers.Authorization", ErrMalformed},
		{"empty signed header", strings.Replace(auth, ";range;", ";;range;", 1), "headers.Authorization", ErrMalformed},
		{"host not signed", strings.Replace(auth, "host;", "", 1), "headers.Authorization", ErrMalformed},
		{"upper-case signature", auth[:len(auth)-64] + strings.ToUpper(auth[len(auth)-64:]), "headers.Authorization", ErrMalformed},
		{"components reordered", strings.Replace(strings.Replace(auth, "Credential=", "X=", 1), "SignedHeaders=", "Credential=", 1), "headers.Authorization", ErrMalformed},
		{"two spaces after a comma", strings.Replace(auth, ", ", ",  ", 1), "headers.Authorization", ErrMalformed},
		{"tab after a comma", strings.Replace(auth, ", ", ",\t", 1), "headers.Authorization", ErrMalformed},
		{"no space after the algorithm", strings.Replace(auth, " Credential", "Credential", 1), "headers.Authorization", ErrUnsupported},
		{"fourth component", auth + ", Extra=1", "headers.Authorization", ErrMalformed},
		{"algorithm in lower case", strings.Replace(auth, Algorithm, strings.ToLower(Algorithm), 1), "headers.Authorization", ErrUnsupported},
	}
	t.Run("a query signature beside the header", func(t *testing.T) {
		_, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{URL: res.URL + "?X-Amz-Signature=" + strings.Repeat("0", 64), Headers: res.Headers, Body: noBody}, Now: exampleTime})
		assertFieldError(t, err, FieldURL, ErrUnsupported, "two signatures")
	})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NotEqual(t, auth, tc.auth, "the edit applies")
			hs := withHeader(res.Headers, "Authorization", tc.auth)
			_, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{URL: res.URL, Headers: hs, Body: noBody}, Now: exampleTime})
			var ve *ValidationError
			require.ErrorAs(t, err, &ve, "Verify")
			assert.Equal(t, tc.field, ve.Errors[0].Field, "field")
			assert.ErrorIs(t, err, tc.reason, "reason")
		})
	}
}

// The payload contract: what a body must be given for, and what is refused.
func TestVerifyPayload(t *testing.T) {
	ses := exampleCtx
	ses.Service = "ses"
	body := []byte("Action=SendEmail")
	signed, err := Sign(SignInput{Context: ses, Request: Request{Method: "POST", URL: "https://email.us-east-1.amazonaws.com/", Body: body}})
	require.NoError(t, err)
	v, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: "POST", URL: signed.URL, Headers: signed.Headers, Body: body}, Now: exampleTime})
	require.NoError(t, err)
	assert.Equal(t, ReasonValid, v.Reason, "SES request with its body")
	v, err = Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: "POST", URL: signed.URL, Headers: signed.Headers, Body: []byte("Action=SendEmaiL")}, Now: exampleTime})
	require.NoError(t, err)
	assert.Equal(t, ReasonSignatureMismatch, v.Reason, "SES request with another body: its hash is only in the signature")

	_, err = Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: "POST", URL: signed.URL, Headers: signed.Headers}, Now: exampleTime})
	assertFieldError(t, err, FieldBody, ErrMissing, "SES request without its body")

	s3, err := Sign(SignInput{Context: exampleCtx, Request: Request{Method: "PUT", URL: "https://b.s3.amazonaws.com/k", Body: body}})
	require.NoError(t, err)
	for _, tc := range []struct {
		name, value string
		reason      error
	}{
		{"streaming payload", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", ErrUnsupported},
		{"streaming payload with a trailer", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", ErrUnsupported},
		{"upper-case hash", strings.ToUpper(s3.PayloadHash), ErrMalformed},
		{"short hash", s3.PayloadHash[:10], ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hs := withHeader(s3.Headers, "X-Amz-Content-Sha256", tc.value)
			_, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: "PUT", URL: s3.URL, Headers: hs, Body: body}, Now: exampleTime})
			assertFieldError(t, err, "headers.X-Amz-Content-Sha256", tc.reason, tc.name)
		})
	}
	var hs []Header
	for _, h := range s3.Headers {
		if !strings.EqualFold(h.Name, "X-Amz-Content-Sha256") {
			hs = append(hs, h)
		}
	}
	hs = withHeader(hs, "Authorization", strings.Replace(s3.Authorization, ";x-amz-content-sha256", "", 1))
	_, err = Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: "PUT", URL: s3.URL, Headers: hs, Body: body}, Now: exampleTime})
	assertFieldError(t, err, "headers.X-Amz-Content-Sha256", ErrMissing, "S3 request without x-amz-content-sha256")
}

func assertFieldError(t *testing.T, err error, field string, reason error, what string) {
	t.Helper()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve, what)
	assert.Equal(t, field, ve.Errors[0].Field, "field of %s", what)
	assert.ErrorIs(t, err, reason, "reason of %s", what)
}

// Every single-character change to a presigned URL must break it: this is
// what makes the URL safe to hand out.
func TestVerifyRefusesEveryTamper(t *testing.T) {
	res, err := Presign(PresignInput{Context: exampleCtx, URL: "https://examplebucket.s3.amazonaws.com/test.txt", Expires: 86400 * time.Second})
	require.NoError(t, err)
	ok, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{URL: res.URL}, Now: exampleTime})
	require.NoError(t, err)
	require.True(t, ok.Valid, "untouched URL verifies")

	alphabet := "aZ09%/-_.~&=?"
	tampered, accepted := 0, 0
	for i := 0; i < len(res.URL); i++ {
		for _, c := range []byte(alphabet) {
			if res.URL[i] == c {
				continue
			}
			u := res.URL[:i] + string(c) + res.URL[i+1:]
			v, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{URL: u}, Now: exampleTime})
			tampered++
			if err == nil && v.Valid && !equivalentURL(res.URL, u) {
				accepted++
				t.Errorf("tampered URL accepted: %q", u)
			}
		}
	}
	t.Logf("%d single-character tampers, %d accepted", tampered, accepted)
}

// Seeded random edits of a header-signed request (each byte of each header
// value, the case of each header name, the body, the method): only the
// edits that leave the request the same to a server may verify.
func TestVerifyHeaderMutations(t *testing.T) {
	body := []byte("hello, world")
	res, err := Sign(SignInput{Context: exampleCtx, Request: Request{Method: "PUT", URL: "https://examplebucket.s3.amazonaws.com/k?tagging", Body: body, Headers: []Header{{"Content-Type", "text/plain"}}}})
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(10, 1))
	const alphabet = "aZ09 ,;=/-+"
	total, valid := 0, 0
	check := func(what string, method string, hs []Header, b []byte, same bool) {
		t.Helper()
		total++
		v, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: method, URL: res.URL, Headers: hs, Body: b}, Now: exampleTime})
		got := err == nil && v.Valid
		if got {
			valid++
		}
		if got != same {
			t.Errorf("%s: valid=%v, want %v (reason %q, err %v)", what, got, same, v.Reason, err)
		}
	}
	for i, h := range res.Headers {
		for j := 0; j < len(h.Value); j++ {
			c := alphabet[rng.IntN(len(alphabet))]
			if c == h.Value[j] {
				continue
			}
			hs := append([]Header(nil), res.Headers...)
			hs[i].Value = h.Value[:j] + string(c) + h.Value[j+1:]
			check("header "+h.Name+" byte "+strconv.Itoa(j), "PUT", hs, body, false)
		}
		hs := append([]Header(nil), res.Headers...)
		hs[i].Name = randomCase(rng, h.Name)
		check("header name case "+hs[i].Name, "PUT", hs, body, true)
	}
	for j := range body {
		b := append([]byte(nil), body...)
		b[j] ^= byte(1 + rng.IntN(255))
		check("body byte "+strconv.Itoa(j), "PUT", res.Headers, b, false)
	}
	for _, m := range []string{"GET", "POST", "put", "HEAD", "DELETE"} {
		check("method "+m, m, res.Headers, body, false)
	}
	t.Logf("%d header-signed mutations, %d valid", total, valid)
}

func randomCase(rng *rand.Rand, s string) string {
	b := []byte(s)
	for i, c := range b {
		if rng.IntN(2) == 0 {
			b[i] = strings.ToUpper(string(c))[0]
		} else {
			b[i] = strings.ToLower(string(c))[0]
		}
	}
	return string(b)
}

func withHeader(hs []Header, name, value string) []Header {
	out := append([]Header(nil), hs...)
	for i := range out {
		if strings.EqualFold(out[i].Name, name) {
			out[i].Value = value
		}
	}
	return out
}

func upperNames(hs []Header) []Header {
	out := append([]Header(nil), hs...)
	for i := range out {
		out[i].Name = strings.ToUpper(out[i].Name)
	}
	return out
}

// equivalentURL: a change of case in the scheme or host, or an escape
// replaced by the same byte, does not change the request.
func equivalentURL(a, b string) bool {
	ua, _ := parseURL(a)
	ub, _ := parseURL(b)
	return ua.host == ub.host && percentDecode(ua.path, false) == percentDecode(ub.path, false) &&
		percentDecode(ua.query, true) == percentDecode(ub.query, true)
}

func TestVerifyRejectsUnsignedURL(t *testing.T) {
	_, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{URL: "https://b.s3.amazonaws.com/k"}, Now: exampleTime})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, FieldURL, ve.Errors[0].Field)
	assert.True(t, errors.Is(err, ErrMissing))
}
