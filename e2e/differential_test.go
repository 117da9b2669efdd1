//go:build !js

package e2e

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// The corpus of TestGoAndJSAgree: its seed and how many inputs of each kind.
const (
	differentialSeed = 104
	perOperation     = 300 // presign, sign, postPolicy; verify gets one per signed output
	batches          = 20  // presignBatch calls, of 1 to 12 inputs each
)

// TestGoAndJSAgree feeds one seeded corpus to the Go API and to the JS API
// (the bundled web/dist/sigv4.js and sigv4.wasm in Node) and requires the
// same outcome for every input: every output field, or errors with the same
// fields and codes in the same order. The Go side builds its inputs as a Go
// caller would (sigv4 structs, never the bridge's code) and writes each
// result in the JS API's documented shape; the inputs are hostile object
// keys, paths, queries, headers and bodies, for S3 and other services, with
// and without a region, by url and by endpoint + bucket + key.
func TestGoAndJSAgree(t *testing.T) {
	root, node := nodeAndDist(t, "Go and JS are not compared")

	cases, kinds := differentialCorpus()
	corpus := make([]map[string]any, len(cases))
	for i, c := range cases {
		corpus[i] = map[string]any{"op": c.op, "input": c.js}
	}
	file := filepath.Join(t.TempDir(), "corpus.json")
	b, err := json.Marshal(corpus)
	require.NoError(t, err, "json.Marshal(corpus)")
	require.NoError(t, os.WriteFile(file, b, 0o644))

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join(root, "e2e", "testdata", "differential.mjs"), file)
	cmd.Env = environWithout("NODE_OPTIONS", "NODE_TEST_CONTEXT")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "node differential.mjs: %s", stderr.String())
	var jsOutcomes []any
	require.NoError(t, json.Unmarshal(out, &jsOutcomes), "the JS outcomes")
	require.Len(t, jsOutcomes, len(cases), "one JS outcome per input")

	disagreements := 0
	for i, c := range cases {
		want := roundTrip(t, c.goOutcome)
		if !assert.Equal(t, want, jsOutcomes[i], "input %d (%s: %s), Go first, JS second", i, c.op, c.name) {
			disagreements++
		}
	}
	line := fmt.Sprintf("Go and JS APIs on one corpus (seed %d): %d inputs (%s), %d disagreements", differentialSeed, kinds.total(), kinds, disagreements)
	t.Log(line)
	reportCount(line)
}

// diffCase is one input: the JS API's input and the Go API's outcome for the
// same request.
type diffCase struct {
	op, name  string
	js        any
	goOutcome any
}

type corpusKinds map[string]int

func (k corpusKinds) total() int {
	return k["presign"] + k["sign"] + k["postPolicy"] + k["verify"] + k["presignBatch items"]
}

func (k corpusKinds) String() string {
	var parts []string
	for _, op := range []string{"presign", "sign", "postPolicy", "verify", "presignBatch", "presignBatch items", "errors", "with credentialsExpireAt"} {
		parts = append(parts, fmt.Sprintf("%s %d", op, k[op]))
	}
	return strings.Join(parts, ", ")
}

// spec is one request of the corpus, from which the JS input and the Go
// input are built separately.
type spec struct {
	accessKeyID, secret, token, region, service string
	date                                        time.Time
	debug                                       bool
	// credsEnd is credentialsExpireAt (zero: not given), credsEndAs how the
	// JS caller writes it: an ISO string, epoch milliseconds or a Date.
	credsEnd                               time.Time
	credsEndAs                             string
	url, endpoint, bucket, key, addressing string
	method                                 string
	expires, maxExpires                    int64 // seconds; 0 means not given
	query, headers                         [][2]string
	body                                   []byte
	bodyGiven, bodyBytes, unsigned         bool
	// postPolicy
	formKey, keyPrefix, submitLabel string
	fields                          [][2]string
	conditions                      []sigv4.Condition
	lengthRange                     *sigv4.LengthRange
}

var (
	// Pieces of hostile keys, paths, query names and values, header values.
	hostilePieces = []string{"a", "Z", "0", "-", "_", ".", "~", " ", "  ", "+", "%", "%20", "%2F", "%zz", "/", "//", "..", "./",
		"&", "=", "?", "#", ";", ",", ":", "@", "!", "*", "'", "\"", "<", ">", "`", "{", "}", "[", "]", "|", "^", "\\",
		"$(x)", "ü", "ж", "文", "😀", "\t", "\n", "\x00", "\x7f"}
	s3Endpoints = []string{"https://s3.amazonaws.com", "https://s3.eu-west-1.amazonaws.com", "https://storage.yandexcloud.net",
		"http://127.0.0.1:9000", "https://example.com", "s3.ap-south-1.amazonaws.com", "https://EXAMPLE.com:443", "ftp://x"}
	otherHosts = []string{"https://email.us-east-1.amazonaws.com", "https://postbox.cloud.yandex.net", "https://sts.amazonaws.com",
		"https://api.example.com:8443", "http://[::1]:8080"}
	buckets    = []string{"examplebucket", "my.bucket", "my-bucket-01", "Bad_Bucket", "ab", "", "b!d"}
	services   = []string{"", "s3", "s3", "ses", "sts", "execute-api", "s3-object-lambda", "bad/service"}
	regions    = []string{"", "", "us-east-1", "ru-central1", "eu-west-1", "bad region"}
	methods    = []string{"", "GET", "PUT", "HEAD", "DELETE", "POST", "patch", "G E T"}
	headerKeys = []string{"Content-Type", "x-amz-meta-a", "X-Amz-Meta-A", "x-amz-acl", "Host", "X-Amz-Date", "Authorization",
		"x-amz-content-sha256", "Range", "x-custom", "bad name", ""}
	queryNames = []string{"versionId", "response-content-disposition", "X-Amz-Date", "x-amz-signature", "a b", "ü", "", "list-type"}
)

// cleanPieces are the hostile pieces every API accepts in keys, paths,
// queries and header values: all but control characters.
var cleanPieces = slices.DeleteFunc(slices.Clone(hostilePieces), func(p string) bool { return strings.ContainsAny(p, "\t\n\x00\x7f") })

func hostile(r *rand.Rand, max int) string {
	return drawPieces(r, max, hostilePieces)
}

func clean(r *rand.Rand, max int) string {
	return drawPieces(r, max, cleanPieces)
}

func drawPieces(r *rand.Rand, max int, pieces []string) string {
	var b strings.Builder
	for n := r.IntN(max + 1); n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func pairs(r *rand.Rand, names []string, max int) [][2]string {
	var out [][2]string
	for n := r.IntN(max + 1); n > 0; n-- {
		name := pick(r, names)
		if r.IntN(4) == 0 {
			name = hostile(r, 2)
		}
		out = append(out, [2]string{name, hostile(r, 4)})
	}
	return out
}

// newSpec draws a request: half of them hostile anywhere, half of them
// valid in every field but with hostile keys, paths, queries, header values
// and bodies, so that signatures are compared and not only errors. One in
// four has temporary credentials with an expiry: already passed, or before,
// at or after the requested expiry.
func newSpec(r *rand.Rand, op string) spec {
	var s spec
	if r.IntN(2) == 0 {
		s = validSpec(r, op)
	} else {
		s = hostileSpec(r, op)
	}
	if r.IntN(4) == 0 {
		if s.token == "" {
			s.token = "FQoGZXIvYXdzE" + clean(r, 2)
		}
		offset := pick(r, []int64{-3600, 0, 1, 900, 3600, 86400, 8 * 86400})
		s.credsEnd = s.date.Add(time.Duration(offset) * time.Second)
		s.credsEndAs = pick(r, []string{"iso", "iso+03:00", "ms", "Date"})
	}
	return s
}

func hostileSpec(r *rand.Rand, op string) spec {
	s := spec{
		accessKeyID: "AKIAIOSFODNN7EXAMPLE",
		secret:      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
		region:      pick(r, regions),
		service:     pick(r, services),
		date:        time.Unix(946684800+r.Int64N(30*365*86400), 0).UTC(),
		debug:       r.IntN(3) > 0,
		method:      pick(r, methods),
	}
	if r.IntN(10) == 0 {
		s.token = "FQoGZXIvYXdzE" + hostile(r, 2)
	}
	if r.IntN(20) == 0 {
		s.accessKeyID = ""
	}
	other := s.service != "" && !strings.HasPrefix(s.service, "s3")
	switch {
	case op == "postPolicy" && r.IntN(2) == 0:
		s.endpoint, s.bucket = pick(r, s3Endpoints), pick(r, buckets)
		if r.IntN(4) == 0 {
			s.addressing = pick(r, []string{"path", "virtual", "sideways"})
		}
	case op == "postPolicy":
		s.url = pick(r, s3Endpoints) + "/" + pick(r, buckets)
	case other || r.IntN(3) == 0:
		host := pick(r, otherHosts)
		if !other {
			host = pick(r, s3Endpoints)
		}
		s.url = host + "/" + hostile(r, 6)
		if r.IntN(3) == 0 {
			s.url += "?" + hostile(r, 4)
		}
		if r.IntN(15) == 0 {
			s.bucket = pick(r, buckets) // with a url: an error in both APIs
		}
	default:
		s.endpoint, s.bucket, s.key = pick(r, s3Endpoints), pick(r, buckets), hostile(r, 8)
		if r.IntN(4) == 0 {
			s.addressing = pick(r, []string{"path", "virtual", "sideways"})
		}
	}
	switch op {
	case "presign":
		if r.IntN(4) > 0 {
			s.expires = pick(r, []int64{1, 60, 3600, 86400, 604800, 604801, 2592000, -5})
		}
		if r.IntN(6) == 0 {
			s.maxExpires = 2592000
		}
		s.query = pairs(r, queryNames, 3)
		s.headers = pairs(r, headerKeys, 3)
	case "sign":
		s.headers = pairs(r, headerKeys, 4)
		if r.IntN(3) > 0 {
			s.bodyGiven = true
			s.bodyBytes = r.IntN(4) == 0
			s.body = []byte(hostile(r, 6))
			if s.bodyBytes {
				s.body = make([]byte, r.IntN(40))
				for i := range s.body {
					s.body[i] = byte(r.IntN(256))
				}
			}
		}
		s.unsigned = r.IntN(8) == 0
	case "postPolicy":
		s.method = ""
		s.formKey = "uploads/" + hostile(r, 4)
		if r.IntN(4) == 0 {
			s.formKey, s.keyPrefix = "", "user/"+hostile(r, 2)
		}
		s.expires = pick(r, []int64{1, 3600, 86400, -5})
		for n := r.IntN(3); n > 0; n-- {
			s.fields = append(s.fields, [2]string{pick(r, []string{"acl", "Content-Type", "success_action_status", "x-amz-meta-note", "policy"}),
				pick(r, []string{"private", "image/png", "201", "299", hostile(r, 3)})})
		}
		for n := r.IntN(3); n > 0; n-- {
			s.conditions = append(s.conditions, sigv4.Condition{
				Op:    pick(r, []string{sigv4.OpEq, sigv4.OpStartsWith}),
				Field: pick(r, []string{"Content-Type", "x-amz-meta-tag", "acl", "bucket", "success_action_redirect"}),
				Value: pick(r, []string{"image/", "", "private", "https://example.com/done", "javascript:x", hostile(r, 3)}),
			})
		}
		if r.IntN(3) == 0 {
			s.lengthRange = &sigv4.LengthRange{Min: r.Int64N(10), Max: pick(r, []int64{0, 5, 1 << 20, 6 << 30})}
		}
		if r.IntN(4) == 0 {
			s.submitLabel = hostile(r, 3)
		}
	}
	return s
}

func validSpec(r *rand.Rand, op string) spec {
	s := spec{
		accessKeyID: "AKIAIOSFODNN7EXAMPLE",
		secret:      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
		service:     pick(r, []string{"s3", "s3", "ses", "sts", "execute-api"}),
		date:        time.Unix(946684800+r.Int64N(30*365*86400), 0).UTC(),
		debug:       r.IntN(3) > 0,
		method:      pick(r, methods[:6]),
	}
	if r.IntN(8) == 0 {
		s.token = "FQoGZXIvYXdzE" + clean(r, 2)
	}
	inferable := []string{"https://s3.amazonaws.com", "https://s3.eu-west-1.amazonaws.com", "https://storage.yandexcloud.net"}
	endpoint := pick(r, inferable)
	if r.IntN(3) == 0 {
		endpoint, s.region = pick(r, []string{"http://127.0.0.1:9000", "https://minio.example.com", "https://s3.amazonaws.com"}), "us-east-1"
	}
	switch {
	case op == "postPolicy":
		s.service, s.method = pick(r, []string{"", "s3"}), ""
		if r.IntN(2) == 0 {
			s.endpoint, s.bucket = endpoint, pick(r, buckets[:3])
		} else {
			s.url = endpoint + "/" + pick(r, buckets[:3])
		}
		s.formKey = "uploads/" + clean(r, 4)
		s.expires = pick(r, []int64{1, 3600, 86400})
		if r.IntN(2) == 0 {
			s.fields = [][2]string{{"Content-Type", "image/png"}, {"x-amz-meta-note", clean(r, 3)}}[:1+r.IntN(2)]
		}
		if r.IntN(2) == 0 {
			s.conditions = []sigv4.Condition{{Op: sigv4.OpStartsWith, Field: "x-amz-meta-tag", Value: clean(r, 2)}}
		}
		if r.IntN(2) == 0 {
			s.lengthRange = &sigv4.LengthRange{Min: 1, Max: 1 << 20}
		}
		return s
	case strings.HasPrefix(s.service, "s3") && r.IntN(2) == 0:
		s.endpoint, s.bucket, s.key = endpoint, pick(r, buckets[:3]), clean(r, 8)
	case strings.HasPrefix(s.service, "s3"):
		s.url = endpoint + "/" + pick(r, buckets[:3]) + "/" + clean(r, 8)
	default:
		s.region = pick(r, []string{"", "us-east-1", "ru-central1"})
		host := pick(r, []string{"https://email.us-east-1.amazonaws.com", "https://postbox.cloud.yandex.net"})
		if s.region != "" {
			host = pick(r, otherHosts)
		}
		s.url = host + "/" + clean(r, 6)
	}
	if r.IntN(3) == 0 {
		s.url += "?" + clean(r, 4)
		if s.endpoint != "" {
			s.url = ""
			s.query = [][2]string{{pick(r, queryNames[:2]), clean(r, 3)}}
		}
	}
	validHeaders := [][2]string{{"Content-Type", "text/plain"}, {"x-amz-meta-a", clean(r, 4)}, {"X-Amz-Meta-A", clean(r, 2)}, {"x-custom", clean(r, 3)}}
	s.headers = validHeaders[:r.IntN(len(validHeaders)+1)]
	switch op {
	case "presign":
		s.expires = pick(r, []int64{0, 1, 60, 3600, 604800})
		if s.query == nil {
			s.query = [][2]string{{pick(r, queryNames[:2]), clean(r, 3)}}[:r.IntN(2)]
		}
	case "sign":
		s.query = nil
		if r.IntN(2) == 0 {
			s.bodyGiven, s.body = true, []byte(clean(r, 6))
		}
	}
	return s
}

// ---- The JS API's input, as a JavaScript caller writes it ------------------

// jsPairs writes name/value pairs as a JavaScript caller may: an object
// (in order; when no name repeats) or an array of [name, value] pairs.
func jsPairs(ps [][2]string, asObject bool) any {
	seen := map[string]bool{}
	for _, p := range ps {
		asObject = asObject && !seen[p[0]]
		seen[p[0]] = true
	}
	if asObject {
		return orderedObject(ps)
	}
	out := make([][2]string, len(ps))
	copy(out, ps)
	return out
}

// orderedObject is a JSON object whose members keep their order.
type orderedObject [][2]string

func (o orderedObject) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, p := range o {
		if i > 0 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(p[0])
		v, _ := json.Marshal(p[1])
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}

func (s spec) jsInput(op string) map[string]any {
	m := map[string]any{"accessKeyId": s.accessKeyID, "secretAccessKey": s.secret, "date": s.date.Format(time.RFC3339)}
	set := func(k, v string) {
		if v != "" {
			m[k] = v
		}
	}
	set("sessionToken", s.token)
	if !s.credsEnd.IsZero() {
		switch s.credsEndAs {
		case "iso":
			m["credentialsExpireAt"] = s.credsEnd.Format(time.RFC3339)
		case "iso+03:00":
			m["credentialsExpireAt"] = s.credsEnd.In(time.FixedZone("", 3*3600)).Format(time.RFC3339)
		case "ms":
			m["credentialsExpireAt"] = s.credsEnd.UnixMilli()
		case "Date": // differential.mjs makes it a Date
			m["credentialsExpireAt"] = map[string]int64{"$date": s.credsEnd.UnixMilli()}
		}
	}
	set("region", s.region)
	set("service", s.service)
	set("url", s.url)
	set("endpoint", s.endpoint)
	set("bucket", s.bucket)
	set("key", s.key)
	set("addressing", s.addressing)
	set("method", s.method)
	if s.debug {
		m["debug"] = true
	}
	if s.expires != 0 {
		m["expires"] = s.expires
	}
	if s.maxExpires != 0 {
		m["maxExpires"] = s.maxExpires
	}
	if len(s.query) > 0 {
		m["query"] = jsPairs(s.query, len(s.query)%2 == 0)
	}
	if len(s.headers) > 0 {
		m["headers"] = jsPairs(s.headers, len(s.headers)%2 == 1)
	}
	if s.bodyGiven {
		if s.bodyBytes {
			m["body"] = map[string]string{"$bytes": base64.StdEncoding.EncodeToString(s.body)}
		} else {
			m["body"] = string(s.body)
		}
	}
	if s.unsigned {
		m["unsignedPayload"] = true
	}
	if op == "postPolicy" {
		set("key", s.formKey)
		set("keyPrefix", s.keyPrefix)
		set("submitLabel", s.submitLabel)
		if len(s.fields) > 0 {
			m["fields"] = jsPairs(s.fields, true)
		}
		var conds []any
		for _, c := range s.conditions {
			if c.Op == sigv4.OpEq && len(conds)%2 == 0 {
				conds = append(conds, map[string]string{c.Field: c.Value})
			} else {
				conds = append(conds, []string{c.Op, "$" + c.Field, c.Value})
			}
		}
		if conds != nil {
			m["conditions"] = conds
		}
		if s.lengthRange != nil {
			m["contentLengthRange"] = []int64{s.lengthRange.Min, s.lengthRange.Max}
		}
	}
	return m
}

// ---- The Go API, as a Go caller calls it --------------------------------

func (s spec) goContext() sigv4.Context {
	return sigv4.Context{
		Credentials: sigv4.Credentials{AccessKeyID: s.accessKeyID, SecretAccessKey: s.secret, SessionToken: s.token},
		Region:      s.region, Service: s.service, Time: s.date, Debug: s.debug, CredentialsExpireAt: s.credsEnd,
	}
}

func (s spec) goObject() sigv4.ObjectInput {
	return sigv4.ObjectInput{Endpoint: s.endpoint, Bucket: s.bucket, Key: s.key, Addressing: sigv4.Addressing(s.addressing)}
}

func goHeaders(ps [][2]string) []sigv4.Header {
	var out []sigv4.Header
	for _, p := range ps {
		out = append(out, sigv4.Header{Name: p[0], Value: p[1]})
	}
	return out
}

func (s spec) goPresign() (sigv4.PresignResult, error) {
	in := sigv4.PresignInput{Context: s.goContext(), Method: s.method, URL: s.url, Object: s.goObject(),
		Expires: time.Duration(s.expires) * time.Second, MaxExpires: time.Duration(s.maxExpires) * time.Second, Headers: goHeaders(s.headers)}
	for _, q := range s.query {
		in.Query = append(in.Query, sigv4.QueryParam{Name: q[0], Value: q[1]})
	}
	return sigv4.Presign(in)
}

func (s spec) goSign() (sigv4.SignResult, error) {
	return sigv4.Sign(sigv4.SignInput{Context: s.goContext(), Request: sigv4.Request{Method: s.method, URL: s.url, Headers: goHeaders(s.headers), Body: s.body},
		Object: s.goObject(), UnsignedPayload: s.unsigned})
}

func (s spec) goPostPolicy() (sigv4.PostPolicyResult, error) {
	in := sigv4.PostPolicyInput{Context: s.goContext(), URL: s.url, Endpoint: s.endpoint, Addressing: sigv4.Addressing(s.addressing),
		Bucket: s.bucket, Key: s.formKey, KeyPrefix: s.keyPrefix, Expires: time.Duration(s.expires) * time.Second,
		Conditions: s.conditions, ContentLengthRange: s.lengthRange, SubmitLabel: s.submitLabel}
	for _, f := range s.fields {
		in.Fields = append(in.Fields, sigv4.Field{Name: f[0], Value: f[1]})
	}
	return sigv4.PostPolicy(in)
}

// ---- Go results in the JS API's documented shape ---------------------------

func jsTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// jsHeaderObject is the JS API's headers object: repeated names joined with
// ", ", as HTTP joins repeated headers.
func jsHeaderObject(hs []sigv4.Header) map[string]string {
	m := map[string]string{}
	for _, h := range hs {
		if v, ok := m[h.Name]; ok {
			m[h.Name] = v + ", " + h.Value
		} else {
			m[h.Name] = h.Value
		}
	}
	return m
}

func jsDebug(d sigv4.Debug) map[string]any {
	m := map[string]any{"canonicalRequest": d.CanonicalRequest, "stringToSign": d.StringToSign, "credentialScope": d.CredentialScope,
		"signedHeaders": d.SignedHeaders, "signature": d.Signature}
	if d.SigningKey != "" {
		m["signingKey"] = d.SigningKey
	}
	return m
}

func jsWarnings(ws []sigv4.Warning) []any {
	out := []any{}
	for _, w := range ws {
		out = append(out, map[string]string{"field": w.Field, "code": w.Code, "message": w.Message})
	}
	return out
}

func errOutcome(err error) map[string]any {
	var ve *sigv4.ValidationError
	if !errors.As(err, &ve) {
		return map[string]any{"ok": false, "errors": []any{map[string]string{"field": "", "code": "internal"}}}
	}
	var list [][2]string
	for _, e := range ve.Errors {
		list = append(list, [2]string{e.Field, e.Code()})
	}
	// In the order differential.mjs sorts them: the bridge reports what it
	// cannot read (a negative number of seconds) before the core's problems.
	slices.SortFunc(list, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
	var out []any
	for _, e := range list {
		out = append(out, map[string]string{"field": e[0], "code": e[1]})
	}
	return map[string]any{"ok": false, "errors": out}
}

func okOutcome(v map[string]any) map[string]any { return map[string]any{"ok": true, "value": v} }

func presignOutcome(s spec, res sigv4.PresignResult, err error) map[string]any {
	if err != nil {
		return errOutcome(err)
	}
	v := map[string]any{"url": res.URL, "method": res.Method, "headers": jsHeaderObject(res.Headers),
		"expiresAt": jsTime(res.ExpiresAt), "signedAt": jsTime(res.SignedAt), "validUntil": jsTime(res.ValidUntil), "warnings": jsWarnings(res.Warnings)}
	if s.debug {
		v["debug"] = jsDebug(res.Debug)
	}
	return okOutcome(v)
}

func signOutcome(s spec, res sigv4.SignResult, err error) map[string]any {
	if err != nil {
		return errOutcome(err)
	}
	v := map[string]any{"method": res.Method, "url": res.URL, "headers": jsHeaderObject(res.Headers),
		"snippets": jsSnippets(res.Snippets(s.body))}
	switch {
	case s.bodyBytes:
		v["body"] = map[string]string{"$bytes": base64.StdEncoding.EncodeToString(s.body)}
	case len(s.body) > 0:
		v["body"] = string(s.body)
	default:
		v["body"] = nil
	}
	if s.debug {
		v["debug"] = jsDebug(res.Debug)
	}
	return okOutcome(v)
}

// jsSnippets is sigv4.Snippets as the JS API returns it: a snippet that
// cannot be written is null.
func jsSnippets(sn sigv4.Snippets) map[string]any {
	orNull := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	issues := []any{}
	for _, i := range sn.CurlAWSSigV4Issues {
		issues = append(issues, i)
	}
	return map[string]any{"curl": orNull(sn.Curl), "curlAwsSigv4": orNull(sn.CurlAWSSigV4), "curlAwsSigv4Issues": issues,
		"fetch": orNull(sn.Fetch), "bodyFile": orNull(sn.BodyFile), "browserUrl": sn.BrowserURL}
}

func postPolicyOutcome(s spec, res sigv4.PostPolicyResult, err error) map[string]any {
	if err != nil {
		return errOutcome(err)
	}
	fields := map[string]string{}
	for _, f := range res.Fields {
		fields[f.Name] = f.Value
	}
	v := map[string]any{"url": res.URL, "method": "POST", "fields": fields, "policy": res.Policy,
		"policyBase64": res.PolicyBase64, "signedAt": jsTime(res.SignedAt), "expiration": jsTime(res.Expiration),
		"validUntil": jsTime(res.ValidUntil), "warnings": jsWarnings(res.Warnings), "html": res.HTML}
	if s.debug {
		v["debug"] = jsDebug(res.Debug)
	}
	return okOutcome(v)
}

func verifyOutcome(res sigv4.VerifyResult, err error) map[string]any {
	if err != nil {
		return errOutcome(err)
	}
	v := map[string]any{"valid": res.Valid, "expired": res.Expired, "notYetValid": res.NotYetValid, "presigned": res.Presigned,
		"reason": res.Reason, "accessKeyId": res.AccessKeyID, "region": res.Region, "service": res.Service,
		"signedAt": jsTime(res.SignedAt), "expiresAt": jsTime(res.ExpiresAt), "provided": res.Provided, "debug": jsDebug(res.Debug)}
	if res.Header != "" {
		v["header"] = res.Header
	}
	return okOutcome(v)
}

// ---- The corpus ----------------------------------------------------------

// verifyCase checks a signed request, as received or tampered with, in both
// APIs. secret is the one verify is given (sometimes not the signer's).
func verifyCase(r *rand.Rand, url, method string, headers []sigv4.Header, body []byte, signedAt time.Time) diffCase {
	secret := "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	if r.IntN(8) == 0 {
		secret = "another secret"
	}
	switch r.IntN(4) {
	case 0: // one byte of the URL changed
		i := r.IntN(len(url))
		url = url[:i] + string(rune('0'+r.IntN(75))) + url[i+1:]
	case 1: // one header value changed
		if len(headers) > 0 {
			headers = append([]sigv4.Header(nil), headers...)
			i := r.IntN(len(headers))
			headers[i].Value += hostile(r, 1)
		}
	}
	now := signedAt.Add(time.Duration(r.Int64N(3*86400)-3600) * time.Second)
	jsHeaders := make([][2]string, len(headers))
	for i, h := range headers {
		jsHeaders[i] = [2]string{h.Name, h.Value}
	}
	js := map[string]any{"accessKeyId": "AKIAIOSFODNN7EXAMPLE", "secretAccessKey": secret, "url": url, "now": now.Format(time.RFC3339)}
	if method != "" {
		js["method"] = method
	}
	if len(headers) > 0 {
		js["headers"] = jsHeaders
	}
	if body != nil { // nil is "not given" in both APIs; empty is an empty body
		js["body"] = map[string]string{"$bytes": base64.StdEncoding.EncodeToString(body)}
	}
	res, err := sigv4.Verify(sigv4.VerifyInput{
		Credentials: sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: secret},
		Request:     sigv4.Request{Method: method, URL: url, Headers: headers, Body: body}, Now: now,
	})
	return diffCase{op: "verify", name: "verify " + url, js: js, goOutcome: verifyOutcome(res, err)}
}

// differentialCorpus builds every input from one seed.
func differentialCorpus() ([]diffCase, corpusKinds) {
	r := rand.New(rand.NewPCG(differentialSeed, 10))
	var cases []diffCase
	kinds := corpusKinds{}
	add := func(c diffCase) {
		cases = append(cases, c)
		kinds[c.op]++
		if m, ok := c.goOutcome.(map[string]any); ok && m["ok"] == false {
			kinds["errors"]++
		}
		countCredentialsExpireAt(kinds, c.js)
	}
	for i := 0; i < perOperation; i++ {
		s := newSpec(r, "presign")
		res, err := s.goPresign()
		add(diffCase{op: "presign", name: jsonText(s.jsInput("presign")), js: s.jsInput("presign"), goOutcome: presignOutcome(s, res, err)})
		if err == nil {
			add(verifyCase(r, res.URL, res.Method, res.Headers, nil, res.SignedAt))
		}
	}
	for i := 0; i < perOperation; i++ {
		s := newSpec(r, "sign")
		res, err := s.goSign()
		add(diffCase{op: "sign", name: jsonText(s.jsInput("sign")), js: s.jsInput("sign"), goOutcome: signOutcome(s, res, err)})
		if err == nil && !s.unsigned {
			add(verifyCase(r, res.URL, res.Method, res.Headers, s.body, s.date))
		}
	}
	for i := 0; i < perOperation; i++ {
		s := newSpec(r, "postPolicy")
		res, err := s.goPostPolicy()
		add(diffCase{op: "postPolicy", name: jsonText(s.jsInput("postPolicy")), js: s.jsInput("postPolicy"), goOutcome: postPolicyOutcome(s, res, err)})
	}
	for i := 0; i < batches; i++ {
		var items []any
		var outcomes []any
		for n := 1 + r.IntN(12); n > 0; n-- {
			s := newSpec(r, "presign")
			res, err := s.goPresign()
			items = append(items, s.jsInput("presign"))
			countCredentialsExpireAt(kinds, items[len(items)-1])
			outcomes = append(outcomes, presignOutcome(s, res, err))
			kinds["presignBatch items"]++
		}
		cases = append(cases, diffCase{op: "presignBatch", name: fmt.Sprintf("batch %d", i), js: items,
			goOutcome: map[string]any{"ok": true, "value": outcomes}})
		kinds["presignBatch"]++
	}
	return cases, kinds
}

func countCredentialsExpireAt(kinds corpusKinds, js any) {
	if m, ok := js.(map[string]any); ok && m["credentialsExpireAt"] != nil {
		kinds["with credentialsExpireAt"]++
	}
}

// roundTrip gives a Go value the shape encoding/json decodes the JS output
// into, so that the two compare with assert.Equal.
func roundTrip(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err, "json.Marshal")
	var out any
	require.NoError(t, json.Unmarshal(b, &out), "json.Unmarshal")
	return out
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
