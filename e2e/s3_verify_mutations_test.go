//go:build !js

package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// verifyMutationSeed fixes the mutations; SIGV4_VERIFY_SEED replaces it to
// explore others (the seed is printed either way).
const verifyMutationSeed = 10

// mutation is one request sent to MinIO and given to sigv4.Verify.
type mutation struct {
	kind    string // the family of the edit; the exceptions below name it
	what    string // the edit itself, for messages
	method  string
	url     string
	headers []sigv4.Header // as sent, names in the case sent, Host excluded
	body    []byte
}

// laxer lists what MinIO accepts and AWS refuses: requests AWS documents as
// invalid, and checks MinIO skips. verify follows AWS and refuses them. A
// mutation of one of these kinds that MinIO accepts and verify refuses is
// counted here, not as a disagreement.
var laxer = map[string]struct{ minio, aws string }{
	"empty-security-token-added": {
		minio: "an empty X-Amz-Security-Token is left out of the canonical query it rebuilds (it sets the parameter only when non-empty)",
		aws:   `the canonical query string holds every query parameter but X-Amz-Signature ("Authenticating Requests: Using Query Parameters", https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html), so a parameter added after signing breaks the signature`,
	},
	"xml-body-extended": {
		minio: "x-amz-content-sha256 is checked only when a handler reads the body to its end; PutObjectTagging's XML decoder stops at the closing tag, so bytes after it are never hashed",
		aws:   `"x-amz-content-sha256 ... provides a hash of the request payload"; S3 answers XAmzContentSHA256Mismatch when the body does not match it (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html)`,
	},
	"signed-headers-reordered": {
		minio: "doesSignatureMatch rebuilds the SignedHeaders line of an Authorization header from a map, sorted (getSignedHeaders), so any order passes",
		aws:   `"SignedHeaders: the list of headers that you included in CanonicalHeaders ... header names must use lowercase characters and must appear in alphabetical order" (IAM User Guide, Create a signed AWS API request: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html; S3: "an alphabetically sorted, semicolon-separated list of lowercase request header names", https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html)`,
	},
	"signed-headers-repeated": {
		minio: "the SignedHeaders entries become keys of an http.Header map, so a repeated name disappears",
		aws:   "SignedHeaders lists the headers of CanonicalHeaders, each canonical header once, sorted (same pages as above)",
	},
	"signed-headers-upper-case": {
		minio: "each entry is looked up with http.CanonicalHeaderKey and lowercased again when the line is rebuilt",
		aws:   `"header names must use lowercase characters" (same pages as above)`,
	},
	"signing-parameter-repeated": {
		minio: "url.Values.Get reads the first value of each X-Amz-* parameter and the canonical query is rebuilt with that value alone, so a second X-Amz-Date, X-Amz-Signature… after the first is ignored",
		aws:   `"Authenticating Requests: Using Query Parameters" gives each X-Amz-* parameter exactly once with one value (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html); the signature covers every parameter but X-Amz-Signature, so a second value is either signed over or ambiguous`,
	},
	"unsigned-amz-header-added": {
		minio: "unsigned x-amz-meta-* headers are refused on presigned URLs only (checkMetaHeaders); a header-signed request may carry them, and they are stored",
		aws:   `"Any x-amz-* headers that you plan to include in your request must also be added" to CanonicalHeaders (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html); S3 answers AccessDenied "There were headers present in the request which were not signed"`,
	},
}

// TestVerifyAgreesWithMinIO sends seeded random mutations of presigned URLs
// and header-signed requests to MinIO and compares its verdict with
// sigv4.Verify's, given the right secret and the expected access key ID.
// Nothing MinIO refuses may verify; what MinIO accepts must verify, except
// the kinds in laxer, where verify follows AWS's documentation.
func TestVerifyAgreesWithMinIO(t *testing.T) {
	m := minioServer(t)
	ctx := rootContext(m)
	bucket := uniqueBucket(t, m, "verify-mut")
	getURL := objectURL(t, m, bucket, "mut/get ü+.txt")
	putURL := objectURL(t, m, bucket, "mut/put.txt")
	content := []byte("original content")
	r := signFor(t, ctx, http.MethodPut, getURL, nil, content, false)
	require.Equal(t, http.StatusOK, send(t, r.Method, r.URL, r.Headers, content).Status, "PUT the object to read")

	seed := uint64(verifyMutationSeed)
	if s := os.Getenv("SIGV4_VERIFY_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		require.NoError(t, err, "SIGV4_VERIFY_SEED")
		seed = n
	}
	rng := rand.New(rand.NewPCG(seed, 1))

	// The requests mutated: each is accepted by MinIO as it is (checked).
	textPlain := sigv4.Header{Name: "Content-Type", Value: "text/plain"}
	get := presignFor(t, ctx, http.MethodGet, getURL+"?response-content-type=text%2Fplain")
	put := presignFor(t, ctx, http.MethodPut, putURL, textPlain)
	body := []byte("a body of some bytes")
	bases := []mutation{
		{kind: "none", what: "presigned GET", method: http.MethodGet, url: get.URL},
		{kind: "none", what: "presigned PUT with a signed Content-Type", method: http.MethodPut, url: put.URL, headers: []sigv4.Header{textPlain}, body: body},
		header(signFor(t, ctx, http.MethodGet, getURL, []sigv4.Header{{Name: "Range", Value: "bytes=0-3"}}, nil, true), "header-signed GET with Range, UNSIGNED-PAYLOAD", nil),
		header(signFor(t, ctx, http.MethodPut, putURL+"?tagging", []sigv4.Header{{Name: "Content-Type", Value: "text/plain"}}, []byte("<Tagging><TagSet></TagSet></Tagging>"), false), "header-signed PUT ?tagging, body hashed", []byte("<Tagging><TagSet></TagSet></Tagging>")),
		header(signFor(t, ctx, http.MethodPut, putURL, []sigv4.Header{textPlain}, body, false), "header-signed PUT, body hashed", body),
		header(signFor(t, ctx, http.MethodPut, putURL, nil, body, true), "header-signed PUT, UNSIGNED-PAYLOAD", body),
	}

	var muts []mutation
	for _, b := range bases {
		muts = append(muts, b)
		muts = append(muts, mutate(rng, m, b)...)
	}

	var total, accepted, refused, valid, invalid, disagree int
	excepted := map[string]int{}
	start := time.Now()
	for _, mu := range muts {
		status := sendRaw(t, m, mu)
		minioOK := status >= 200 && status < 300
		sent := mu.body
		if sent == nil {
			sent = []byte{} // the body sent: empty, and known to be
		}
		v, err := sigv4.Verify(sigv4.VerifyInput{
			Credentials: sigv4.Credentials{AccessKeyID: m.AccessKeyID, SecretAccessKey: m.SecretAccessKey},
			Request:     sigv4.Request{Method: mu.method, URL: mu.url, Headers: mu.headers, Body: sent},
			Now:         time.Now().UTC(),
		})
		ok := err == nil && v.Valid
		verdict := v.Reason
		if err != nil {
			verdict = err.Error()
		}
		total++
		if minioOK {
			accepted++
		} else {
			refused++
		}
		if ok {
			valid++
		} else {
			invalid++
		}
		switch {
		case mu.kind == "none":
			assert.True(t, minioOK && ok, "%s: the unmutated request: MinIO %d, verify %s", mu.what, status, verdict)
		case ok && !minioOK:
			disagree++
			t.Errorf("MinIO refused (%d), verify valid: %s %s: %s %s %q", status, mu.kind, mu.what, mu.method, mu.url, mu.headers)
		case !ok && minioOK:
			if _, listed := laxer[mu.kind]; listed {
				excepted[mu.kind]++
				continue
			}
			disagree++
			t.Errorf("MinIO accepted (%d), verify refused (%s): %s %s: %s %s %q", status, verdict, mu.kind, mu.what, mu.method, mu.url, mu.headers)
		}
	}
	kinds := slices.Sorted(func(yield func(string) bool) {
		for k := range excepted {
			if !yield(k) {
				return
			}
		}
	})
	var ex []string
	for _, k := range kinds {
		ex = append(ex, fmt.Sprintf("%s %d", k, excepted[k]))
		t.Logf("documented exception %s (%d): MinIO: %s. AWS: %s", k, excepted[k], laxer[k].minio, laxer[k].aws)
	}
	line := fmt.Sprintf("verify vs MinIO (seed %d): %d mutations in %.1fs; MinIO accepted %d, refused %d; verify valid %d, invalid %d; disagreements %d; MinIO laxer than AWS (verify follows AWS): %s",
		seed, total, time.Since(start).Seconds(), accepted, refused, valid, invalid, disagree, strings.Join(ex, ", "))
	t.Log(line)
	reportCount(line)
	assert.Zero(t, disagree, "disagreements between verify and MinIO")
	if seed == verifyMutationSeed {
		// The table must not outlive what MinIO does: each case occurs.
		for k := range laxer {
			assert.Positive(t, excepted[k], "documented exception %s seen with seed %d", k, seed)
		}
	}
	assert.GreaterOrEqual(t, total, 500, "mutations sent")
}

// header makes a base mutation of a header-signed request.
func header(r sigv4.SignResult, what string, body []byte) mutation {
	return mutation{kind: "none", what: what, method: r.Method, url: r.URL, headers: r.Headers, body: body}
}

// mutate returns the seeded edits of b: every byte of the URL past the
// scheme, bytes of each header value, each header name's case, the
// SignedHeaders list, the body, the method, the access key, parameters
// added, removed, repeated and recased, headers added and removed.
func mutate(rng *rand.Rand, m *MinIO, b mutation) []mutation {
	var out []mutation
	add := func(kind, what string, f func(mu *mutation)) {
		mu := b
		mu.kind, mu.what = kind, b.what+": "+what
		mu.headers = slices.Clone(b.headers)
		mu.body = slices.Clone(b.body)
		f(&mu)
		out = append(out, mu)
	}
	const alphabet = "aZf0F9%/-_.~&=?+#; "
	scheme := strings.Index(b.url, "://") + 3
	for i := scheme; i < len(b.url); i++ {
		c := alphabet[rng.IntN(len(alphabet))]
		if c == b.url[i] {
			continue
		}
		add("url-byte", fmt.Sprintf("URL byte %d to %q", i, c), func(mu *mutation) { mu.url = b.url[:i] + string(c) + b.url[i+1:] })
	}
	for hi, h := range b.headers {
		for range 6 {
			j := rng.IntN(len(h.Value))
			c := alphabet[rng.IntN(len(alphabet))]
			if c == h.Value[j] {
				continue
			}
			add("header-value", fmt.Sprintf("%s byte %d to %q", h.Name, j, c), func(mu *mutation) { mu.headers[hi].Value = h.Value[:j] + string(c) + h.Value[j+1:] })
		}
		name := recase(rng, h.Name)
		add("header-name-case", "header name "+name, func(mu *mutation) { mu.headers[hi].Name = name })
		add("header-removed", "without "+h.Name, func(mu *mutation) { mu.headers = slices.Delete(mu.headers, hi, hi+1) })
	}
	for _, h := range []sigv4.Header{{Name: "X-Amz-Meta-Added", Value: "1"}, {Name: "User-Agent", Value: "mutant/1"}} {
		kind := "header-added"
		if strings.HasPrefix(h.Name, "X-Amz-") {
			kind = "unsigned-amz-header-added"
		}
		add(kind, "with "+h.Name, func(mu *mutation) { mu.headers = append(mu.headers, h) })
	}
	if len(b.body) > 0 {
		j := rng.IntN(len(b.body))
		add("body", fmt.Sprintf("body byte %d flipped", j), func(mu *mutation) { mu.body[j] ^= byte(1 + rng.IntN(255)) })
		add("body", "body truncated", func(mu *mutation) { mu.body = mu.body[:len(mu.body)-1] })
		kind := "body"
		if bytes.HasPrefix(b.body, []byte("<")) {
			kind = "xml-body-extended"
		}
		add(kind, "body extended", func(mu *mutation) { mu.body = append(mu.body, 'x') })
		add("body", "body empty", func(mu *mutation) { mu.body = []byte{} })
	}
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodHead, http.MethodDelete, http.MethodPost} {
		if method != b.method {
			add("method", "method "+method, func(mu *mutation) { mu.method = method })
		}
	}
	key := m.AccessKeyID
	for _, other := range []string{strings.ToUpper(key), key[:len(key)-1] + "Z", "AKIAIOSFODNN7EXAMPLE"} {
		add("access-key", "access key "+other, func(mu *mutation) {
			mu.url = strings.Replace(mu.url, "X-Amz-Credential="+key, "X-Amz-Credential="+other, 1)
			for i := range mu.headers {
				mu.headers[i].Value = strings.Replace(mu.headers[i].Value, "Credential="+key, "Credential="+other, 1)
			}
		})
	}
	mutateSignedHeaders(rng, b, add)
	mutateQuery(rng, b, add)
	return out
}

// mutateSignedHeaders edits the signed-headers list: reordered, an entry
// repeated, recased, removed, and user-agent or content-length added.
func mutateSignedHeaders(rng *rand.Rand, b mutation, add func(kind, what string, f func(mu *mutation))) {
	list, set := signedHeadersOf(b)
	if list == "" {
		return
	}
	names := strings.Split(list, ";")
	edit := func(kind, what string, to []string, extra ...sigv4.Header) {
		add(kind, "SignedHeaders "+what, func(mu *mutation) {
			set(mu, strings.Join(to, ";"))
			mu.headers = append(mu.headers, extra...)
		})
	}
	if len(names) > 1 {
		i := rng.IntN(len(names) - 1)
		to := slices.Clone(names)
		to[i], to[i+1] = to[i+1], to[i]
		edit("signed-headers-reordered", "two entries swapped", to)
	}
	i := rng.IntN(len(names))
	edit("signed-headers-repeated", names[i]+" twice", slices.Insert(slices.Clone(names), i, names[i]))
	to := slices.Clone(names)
	to[i] = recase(rng, to[i])
	if to[i] == names[i] {
		to[i] = strings.ToUpper(to[i])
	}
	edit("signed-headers-upper-case", to[i], to)
	edit("signed-headers-removed", "without "+names[i], slices.Delete(slices.Clone(names), i, i+1))
	ua := slices.Clone(names)
	ua = append(ua, "user-agent")
	slices.Sort(ua)
	edit("signed-headers-added", "user-agent added and sent", ua, sigv4.Header{Name: "User-Agent", Value: "mutant/1"})
	edit("signed-headers-added", "user-agent added, not sent", ua)
}

// signedHeadersOf returns the signed-headers list of b and a function that
// replaces it in a mutation.
func signedHeadersOf(b mutation) (string, func(mu *mutation, list string)) {
	for _, h := range b.headers {
		if strings.EqualFold(h.Name, "Authorization") {
			_, rest, _ := strings.Cut(h.Value, "SignedHeaders=")
			list, _, _ := strings.Cut(rest, ",")
			return list, func(mu *mutation, to string) {
				for i := range mu.headers {
					if strings.EqualFold(mu.headers[i].Name, "Authorization") {
						mu.headers[i].Value = strings.Replace(mu.headers[i].Value, "SignedHeaders="+list+",", "SignedHeaders="+to+",", 1)
					}
				}
			}
		}
	}
	_, q, _ := strings.Cut(b.url, "?")
	for p := range strings.SplitSeq(q, "&") {
		if v, ok := strings.CutPrefix(p, "X-Amz-SignedHeaders="); ok {
			list := strings.ReplaceAll(v, "%3B", ";")
			return list, func(mu *mutation, to string) {
				mu.url = strings.Replace(mu.url, "X-Amz-SignedHeaders="+v, "X-Amz-SignedHeaders="+strings.ReplaceAll(to, ";", "%3B"), 1)
			}
		}
	}
	return "", nil
}

// mutateQuery adds, removes, repeats and recases query parameters, the
// signing parameters among them, at random places.
func mutateQuery(rng *rand.Rand, b mutation, add func(kind, what string, f func(mu *mutation))) {
	base, q, _ := strings.Cut(b.url, "?")
	params := strings.Split(q, "&")
	if q == "" {
		params = nil
	}
	with := func(kind, what string, ps []string) {
		add(kind, what, func(mu *mutation) { mu.url = base + "?" + strings.Join(ps, "&") })
	}
	names := []string{"X-Amz-Date", "X-Amz-Expires", "X-Amz-Signature", "X-Amz-Credential", "X-Amz-SignedHeaders", "X-Amz-Algorithm", "X-Amz-Security-Token", "X-Amz-Content-Sha256", "versionId", "response-content-type", "tagging"}
	for range 8 {
		name := names[rng.IntN(len(names))]
		if rng.IntN(2) == 0 {
			name = recase(rng, name)
		}
		value := []string{"junk", "999999", "", "20300101T000000Z", "UNSIGNED-PAYLOAD"}[rng.IntN(5)]
		at := rng.IntN(len(params) + 1)
		kind := "parameter-added"
		if name == "X-Amz-Security-Token" && value == "" {
			kind = "empty-security-token-added"
		}
		if slices.ContainsFunc(params, func(p string) bool { n, _, _ := strings.Cut(p, "="); return n == name }) && strings.HasPrefix(name, "X-Amz-") {
			kind = "signing-parameter-repeated"
		}
		with(kind, "parameter "+name+"="+value+" added at "+strconv.Itoa(at), slices.Insert(slices.Clone(params), at, name+"="+value))
	}
	for i, p := range params {
		with("parameter-removed", "without "+p, slices.Delete(slices.Clone(params), i, i+1))
		kind := "parameter-repeated"
		if strings.HasPrefix(p, "X-Amz-") {
			kind = "signing-parameter-repeated"
		}
		with(kind, p+" twice", slices.Insert(slices.Clone(params), rng.IntN(len(params)+1), p))
		n, v, _ := strings.Cut(p, "=")
		if rc := recase(rng, n); rc != n {
			with("parameter-name-case", n+" as "+rc, slices.Replace(slices.Clone(params), i, i+1, rc+"="+v))
		}
	}
	if len(params) > 1 {
		ps := slices.Clone(params)
		rng.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		with("parameters-reordered", "parameters shuffled", ps)
	}
}

// recase changes the case of some letters of s.
func recase(rng *rand.Rand, s string) string {
	b := []byte(s)
	for i, c := range b {
		if rng.IntN(3) > 0 {
			continue
		}
		switch {
		case 'a' <= c && c <= 'z':
			b[i] = c - 'a' + 'A'
		case 'A' <= c && c <= 'Z':
			b[i] = c - 'A' + 'a'
		}
	}
	return string(b)
}

// sendRaw writes mu to MinIO byte for byte, on a connection of its own: the
// request line with the URL's path and query as they are, a Host header
// with the URL's authority, the headers with their names in the case given
// and nothing else but Content-Length and Connection: close. It returns the
// status (400 when MinIO closes the connection without one).
func sendRaw(t *testing.T, m *MinIO, mu mutation) int {
	t.Helper()
	_, rest, _ := strings.Cut(mu.url, "://")
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority = rest[:i]
	}
	var req strings.Builder
	fmt.Fprintf(&req, "%s %s HTTP/1.1\r\nHost: %s\r\n", mu.method, requestTarget(mu.url), authority)
	for _, h := range mu.headers {
		fmt.Fprintf(&req, "%s: %s\r\n", h.Name, h.Value)
	}
	fmt.Fprintf(&req, "Content-Length: %d\r\nConnection: close\r\n\r\n", len(mu.body))
	addr := strings.TrimPrefix(m.Endpoint, "http://")
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	require.NoError(t, err, "dial MinIO")
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(10*time.Second)))
	_, err = conn.Write(append([]byte(req.String()), mu.body...))
	require.NoError(t, err, "write %s", mu.what)
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: mu.method})
	if err != nil {
		return http.StatusBadRequest
	}
	resp.Body.Close()
	return resp.StatusCode
}

// reportCount appends a line of counts to $SIGV4_E2E_COUNTS, which
// ./build.sh test prints in its summary (go test ./... hides the output of
// passing packages).
func reportCount(line string) {
	if path := os.Getenv("SIGV4_E2E_COUNTS"); path != "" {
		if f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644); err == nil {
			fmt.Fprintln(f, line)
			f.Close()
		}
	}
}
