//go:build !js

package e2e

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// snippetSeed fixes the hostile corpus; a failure names its case.
const snippetSeed = 10

// snippetCase is one request whose snippets are run.
type snippetCase struct {
	name      string
	s3        bool
	presigned bool
	method    string
	url       string
	headers   []sigv4.Header
	body      []byte
	upload    []byte // the file a presigned PUT sends
	env       []sigv4.Header
	// minio is what MinIO answers to an S3 case: 0 for any 2xx.
	minio minioRefusal
}

// hostileBodies are bodies that broke the earlier snippets, each for a
// reason; hostileBody mixes them with random bytes.
var hostileBodies = []string{
	"@/etc/passwd", "@body.bin", "<input", "<<EOF\nx\nEOF", "nul\x00inside", "\x00", "ends with NUL\x00",
	"line one\nline two\n", "\r\ncrlf\r\n", "'single' \"double\"", "$(touch pwned)", "`touch pwned`", "${HOME} $HOME",
	"Привет, мир\nёжик", "-d x --data y", "\\ back\\slash \\n", `{"json": ["a", 1, null], "x": "$y"}`, "\t tab",
	"end with backslash\\", "\u202e bidi \u2066", "\x1b[31mred\x1b[0m", "%41%20+", "a=b&c=d", "",
}

func hostileBody(r *rand.Rand) []byte {
	switch r.IntN(4) {
	case 0: // arbitrary bytes
		b := make([]byte, 1+r.IntN(300))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return b
	case 1: // two hostile pieces joined
		return []byte(hostileBodies[r.IntN(len(hostileBodies))] + hostileBodies[r.IntN(len(hostileBodies))])
	default:
		return []byte(hostileBodies[r.IntN(len(hostileBodies))])
	}
}

var hostileValues = []string{
	"", "plain", "two  spaces", " padded ", "'q' \"dq\"", "$(id)", "`id`", "Кириллица", "ü é", "a,b", "x;y", "[0]{1}",
}

// hostileHeaders returns headers to sign: metadata with hostile values,
// empty values and a repeated name.
func hostileHeaders(r *rand.Rand, s3 bool) []sigv4.Header {
	var hs []sigv4.Header
	prefix := "X-Test-"
	if s3 {
		prefix = "X-Amz-Meta-"
	}
	for i := range r.IntN(4) {
		hs = append(hs, sigv4.Header{Name: fmt.Sprintf("%s%c", prefix, 'A'+i), Value: hostileValues[r.IntN(len(hostileValues))]})
	}
	if r.IntN(3) == 0 {
		hs = append(hs, sigv4.Header{Name: prefix + "Empty", Value: ""})
	}
	if r.IntN(3) == 0 {
		hs = append(hs, sigv4.Header{Name: prefix + "Rep", Value: "one"}, sigv4.Header{Name: prefix + "Rep", Value: " two "})
	}
	if r.IntN(3) == 0 {
		hs = append(hs, sigv4.Header{Name: "Content-Type", Value: []string{"application/json", "text/plain; charset=utf-8", "image/png"}[r.IntN(3)]})
	}
	return hs
}

var keyPieces = []string{
	"a", "b c", "[0]", "{x,y}", "[1-3]", "Кот", "日本", "+", "%", "&=", "'", "\"", "$(id)", "`", "!", "~", "😀", "#", "?",
}

// hostileKey is an object key; with dots set it holds a "." or ".."
// segment.
func hostileKey(r *rand.Rand, dots bool) string {
	var segs []string
	for range 1 + r.IntN(3) {
		seg := ""
		for range 1 + r.IntN(3) {
			seg += keyPieces[r.IntN(len(keyPieces))]
		}
		segs = append(segs, seg)
	}
	if dots {
		segs = append(segs[:1], append([]string{[]string{".", ".."}[r.IntN(2)]}, segs[1:]...)...)
		segs = append(segs, "end")
	}
	return strings.Join(segs, "/")
}

var otherPaths = []string{
	"/v2/x[1-3]", "/v2/[0]", "/v2/{a,b}/c", "/a/./b/../c", "/v2/email/outbound-emails", "/p%20q/ü", "/~user/a+b", "/",
}

var otherQueries = []string{
	"", "?b=2&a=1", "?a=[0]&b={1,2}", "?Action=SendEmail&Version=2010-12-01", "?flag", "?x=%2F&y=a%20b", "?z=1&z=0",
}

// snippetCorpus builds the seeded cases: S3 objects signed in headers and
// presigned (through the proxy in front of MinIO), other services'
// requests, and IAM-token requests.
func snippetCorpus(r *rand.Rand, s3Base, otherBase string) []snippetCase {
	var cases []snippetCase
	for i := range 24 {
		dots := i%8 == 7
		key := hostileKey(r, dots)
		if i%8 == 3 {
			key += "/" // curl --upload-file would append the file's name
		}
		u, err := sigv4.ObjectURL(sigv4.ObjectInput{Endpoint: s3Base, Bucket: "snippets", Key: key, Addressing: sigv4.AddressingPath})
		if err != nil {
			panic(err)
		}
		want := minioRefusal{}
		headers := hostileHeaders(r, true)
		body := hostileBody(r)
		presigned := i%2 == 1
		var pre []sigv4.Header
		if presigned && r.IntN(2) == 0 {
			pre = []sigv4.Header{{Name: "Content-Type", Value: "text/plain"}}
		}
		for _, m := range []string{"PUT", "GET", "HEAD", "DELETE"} {
			c := snippetCase{name: fmt.Sprintf("s3 %02d %s", i, m), s3: true, method: m, url: u, minio: want, presigned: presigned}
			if dots {
				// The signature is accepted, the name is not (see
				// minioRefusesKey); an answer to HEAD has no body to
				// carry the code.
				c.minio = minioRefusal{http.StatusBadRequest, "XMinioInvalidResourceName"}
				if m == "HEAD" {
					c.minio.Code = ""
				}
			}
			switch {
			case presigned && m == "PUT":
				c.headers, c.upload = pre, body
			case m == "PUT":
				c.headers, c.body = headers, body
			case !presigned && m == "GET" && r.IntN(2) == 0:
				c.url += "?response-content-type=" + sigv4.URIEncode("text/x-"+[]string{"a b", "[0]", "ü"}[r.IntN(3)], false)
			}
			cases = append(cases, c)
		}
	}
	methods := []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
	for i := range 40 {
		m := methods[r.IntN(len(methods))]
		c := snippetCase{
			name:    fmt.Sprintf("other %02d %s", i, m),
			method:  m,
			url:     sigv4.WireURL(otherBase + otherPaths[r.IntN(len(otherPaths))] + otherQueries[r.IntN(len(otherQueries))]),
			headers: hostileHeaders(r, false),
		}
		if m != "GET" && m != "HEAD" {
			c.body = hostileBody(r)
		}
		if i%5 == 4 {
			c.env = []sigv4.Header{{Name: "X-YaCloud-SubjectToken", Value: "IAM_TOKEN"}}
		}
		cases = append(cases, c)
	}
	// Each difference of curl --aws-sigv4 alone, and the inputs it signs as
	// AWS does although they looked likely not to (query order, escapes and
	// a name without '=', runs of spaces in a header value), so that each
	// finding rests on a request of its own.
	alone := []struct {
		target string
		header []sigv4.Header
	}{
		{"/v2/list?b=2&a=1", nil},
		{"/v2/list?flag", nil},
		{"/v2/list?a=x%2fy", nil},
		{"/v2/list?a=1", []sigv4.Header{{Name: "X-Test-A", Value: "two  spaces"}}},
		{"/v2/list", []sigv4.Header{{Name: "X-Test-A", Value: ""}}},
		{"/v2/a%20b", nil},
		{"/v2/a/./b", nil},
		{"/v2/list?a=1&b=2&c=%2F", []sigv4.Header{{Name: "X-Test-A", Value: "Кириллица 'q' \"dq\""}}},
	}
	for i, a := range alone {
		cases = append(cases, snippetCase{name: fmt.Sprintf("curl-sigv4 %02d GET", i), method: "GET", url: otherBase + a.target, headers: a.header})
	}
	return cases
}

// snippetCounts are the figures the test prints.
type snippetCounts struct {
	run, exact, minio2xx, minioRefused map[string]int
	sigv4Valid, sigv4Refused           int
	notWritable, sigv4Alone            map[string]int
}

// TestSnippetsSendWhatWasSigned runs every generated curl command (through
// sh -c, the real curl), every curl --aws-sigv4 command and every fetch()
// call (in Node) over the seeded hostile corpus against a local proxy that
// captures the raw request, and compares it byte for byte with what was
// signed: method, path and query, every signed header, the body. The proxy
// forwards S3 requests to MinIO, which must accept them.
func TestSnippetsSendWhatWasSigned(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		missing(t, "curl (apt-get install curl)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node (apt-get install nodejs)")
	}
	m := minioServer(t)
	m.MakeBucket(t, "snippets")
	s3Proxy := newCaptureProxy(t, strings.TrimPrefix(m.Endpoint, "http://"))
	other := newCaptureProxy(t, "")

	r := rand.New(rand.NewPCG(snippetSeed, 0))
	cases := snippetCorpus(r, "http://"+s3Proxy.Addr, "http://"+other.Addr)
	n := snippetCounts{run: map[string]int{}, exact: map[string]int{}, minio2xx: map[string]int{}, minioRefused: map[string]int{}, notWritable: map[string]int{}, sigv4Alone: map[string]int{}}
	const iamToken = "t1.9euelZ-token-$(id)"
	env := append(environWithout("AWS_", "IAM_TOKEN"), "IAM_TOKEN="+iamToken,
		"AWS_ACCESS_KEY_ID="+m.AccessKeyID, "AWS_SECRET_ACCESS_KEY="+m.SecretAccessKey)
	nodeRun := startNode(t, node, env)
	browser := map[*captureProxy]context.Context{}
	for _, p := range []*captureProxy{s3Proxy, other} {
		browser[p] = newBrowserTab(t)
		step, cancel := context.WithTimeout(browser[p], 30*time.Second)
		require.NoError(t, chromedp.Do(step, chromedp.Navigate("http://"+p.Addr+blankPage)), "opening the blank page")
		cancel()
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := rootContext(m)
			ctx.Debug = false
			var expected []sigv4.Header // what must arrive, signed headers included
			var sn sigv4.Snippets
			switch {
			case c.env != nil:
				sn, err = sigv4.RequestSnippets(sigv4.SnippetInput{Method: c.method, URL: c.url, Headers: c.headers, Body: c.body, EnvHeaders: c.env})
				require.NoError(t, err, "RequestSnippets")
				expected = append(append(expected, c.headers...), sigv4.Header{Name: c.env[0].Name, Value: iamToken})
			case c.presigned:
				res := presignFor(t, ctx, c.method, c.url, c.headers...)
				c.url = res.URL
				expected = res.Headers
				sn = res.Snippets()
			default:
				service := "s3"
				if !c.s3 {
					service = []string{"execute-api", "ses"}[len(c.name)%2]
				}
				ctx.Service = service
				res, err := sigv4.Sign(sigv4.SignInput{Context: ctx, Request: sigv4.Request{Method: c.method, URL: c.url, Headers: c.headers, Body: c.body}})
				require.NoError(t, err, "Sign")
				c.url = res.URL
				expected = res.Headers
				sn = res.Snippets(c.body)
			}
			proxy := other
			if c.s3 {
				proxy = s3Proxy
			}
			dir := t.TempDir()
			if sn.BodyFile != "" {
				require.NoError(t, os.WriteFile(filepath.Join(dir, sn.BodyFile), c.body, 0o644), "writing %s", sn.BodyFile)
			}
			if c.presigned && c.method == "PUT" {
				require.NoError(t, os.WriteFile(filepath.Join(dir, fileName(t, sn.Curl)), c.upload, 0o644), "writing the upload")
			}
			body := c.body
			if c.presigned && c.method == "PUT" {
				body = c.upload
			}

			check := func(kind string, got []rawRequest, want []sigv4.Header, minio minioRefusal) (rawRequest, bool) {
				n.run[kind]++
				if !assert.Len(t, got, 1, "%s: requests received", kind) {
					return rawRequest{}, false
				}
				g := got[0]
				ok := assert.Equal(t, c.method, g.Method, "%s: method", kind) &&
					assert.Equal(t, requestTarget(c.url), g.Target, "%s: path and query", kind) &&
					assert.Equal(t, string(body), string(g.Body), "%s: body", kind) &&
					assert.False(t, g.Chunked, "%s: chunked body", kind) &&
					assert.Equal(t, []string{sigv4.HostOf(c.url)}, g.values("Host"), "%s: Host", kind)
				for _, name := range headerNames(want) {
					ok = assert.Equal(t, []string{expectedValue(want, name)}, g.values(name), "%s: header %s", kind, name) && ok
				}
				if indexOf(want, "Content-Type") < 0 {
					ok = assert.Empty(t, g.values("Content-Type"), "%s: a Content-Type that was not signed", kind) && ok
				}
				if ok {
					n.exact[kind]++
				}
				if c.s3 {
					if minio == (minioRefusal{}) {
						if assert.True(t, g.Status >= 200 && g.Status < 300, "%s: MinIO answered %d %s", kind, g.Status, g.Code) {
							n.minio2xx[kind]++
						}
					} else if assert.Equal(t, minio, minioRefusal{g.Status, g.Code}, "%s: MinIO's answer", kind) {
						n.minioRefused[kind]++
					}
				}
				return g, ok
			}

			if sn.Curl == "" {
				n.notWritable["curl"]++
				assert.Equal(t, "HEAD", c.method, "curl is missing for %s", c.method)
			} else {
				runShell(t, dir, env, sn.Curl)
				check("curl", proxy.take(), expected, c.minio)
			}
			if sn.CurlAWSSigV4 != "" {
				runShell(t, dir, env, sn.CurlAWSSigV4)
				var given []sigv4.Header
				for _, h := range expected {
					if !isSignerHeader(h.Name) {
						given = append(given, h)
					}
				}
				// MinIO answers what curl signed wrongly with 403
				// SignatureDoesNotMatch, or 400 when curl signed a header it
				// did not send.
				minio := c.minio
				if len(sn.CurlAWSSigV4Issues) > 0 {
					minio = curlSigV4Refusal(sn.CurlAWSSigV4Issues)
				}
				got := proxy.take()
				if g, ok := check("curl --aws-sigv4", got, given, minio); ok {
					var hs []sigv4.Header
					for _, h := range g.Header {
						hs = append(hs, sigv4.Header{Name: h[0], Value: h[1]})
					}
					v, err := sigv4.Verify(sigv4.VerifyInput{
						Credentials: sigv4.Credentials{AccessKeyID: m.AccessKeyID, SecretAccessKey: m.SecretAccessKey},
						Request:     sigv4.Request{Method: g.Method, URL: "http://" + sigv4.HostOf(c.url) + g.Target, Headers: hs, Body: g.Body},
						Now:         time.Now().UTC(),
					})
					// A request Verify cannot read (curl's stray ';' in
					// SignedHeaders) is refused as a server refuses it.
					var ve *sigv4.ValidationError
					if err != nil {
						require.ErrorAs(t, err, &ve, "Verify of what curl --aws-sigv4 sent")
						v.Reason = ve.Error()
					}
					assert.Equal(t, len(sn.CurlAWSSigV4Issues) == 0, v.Valid,
						"curl --aws-sigv4 signature valid (%s %s), predicted issues %v\n%s\nsent: %s %s %q\ncanonical request:\n%s",
						v.Reason, v.Header, sn.CurlAWSSigV4Issues, sn.CurlAWSSigV4, g.Method, g.Target, g.Header, v.Debug.CanonicalRequest)
					if v.Valid {
						n.sigv4Valid++
					} else {
						n.sigv4Refused++
						if len(sn.CurlAWSSigV4Issues) == 1 {
							n.sigv4Alone[sn.CurlAWSSigV4Issues[0]]++
						}
					}
				}
			}
			if sn.Fetch == "" {
				n.notWritable["fetch"]++
			} else {
				var upload []byte
				if c.presigned && c.method == "PUT" {
					upload = c.upload
				}
				if out := nodeRun.run(t, sn.Fetch, upload); out != "ok" {
					t.Logf("fetch snippet: %s\n%s", out, sn.Fetch)
				}
				check("fetch", proxy.take(), expected, c.minio)
				// The same text in Chromium, from a page of the proxy's
				// origin; it has no process.env for a token.
				if c.env == nil {
					if out := runInBrowser(t, browser[proxy], sn.Fetch, upload); out != "ok" {
						t.Logf("fetch snippet in Chromium: %s\n%s", out, sn.Fetch)
					}
					check("fetch in Chromium", proxy.take(), expected, c.minio)
				}
			}
		})
	}
	report := fmt.Sprintf("snippets (seed %d, %d requests): run %v; byte-exact at the listener %v; MinIO 2xx %v; MinIO refusals as expected (dot-segment keys; curl --aws-sigv4's known errors) %v; "+
		"curl --aws-sigv4 signatures valid %d, wrong as predicted %d (requests with a single issue: %v); not writable %v",
		snippetSeed, len(cases), n.run, n.exact, n.minio2xx, n.minioRefused, n.sigv4Valid, n.sigv4Refused, n.sigv4Alone, n.notWritable)
	t.Log(report)
	reportCount(report)
}

// isSignerHeader reports the headers the precomputed snippet carries and
// curl --aws-sigv4 computes itself.
func isSignerHeader(name string) bool {
	switch strings.ToLower(name) {
	case "authorization", "x-amz-date", "x-amz-security-token":
		return true
	}
	return false
}

// headerNames lists the header names of hs once each, Host left out (the
// test checks it against the URL).
func headerNames(hs []sigv4.Header) []string {
	var names []string
	for _, h := range hs {
		if !strings.EqualFold(h.Name, "host") && indexOfName(names, h.Name) < 0 {
			names = append(names, h.Name)
		}
	}
	return names
}

func indexOfName(names []string, name string) int {
	for i, n := range names {
		if strings.EqualFold(n, name) {
			return i
		}
	}
	return -1
}

func indexOf(hs []sigv4.Header, name string) int {
	for i, h := range hs {
		if strings.EqualFold(h.Name, name) {
			return i
		}
	}
	return -1
}

// expectedValue is the value a header must arrive with: the signed values
// of that name, each without surrounding whitespace, joined by a comma as
// the canonical request joins them.
func expectedValue(hs []sigv4.Header, name string) string {
	var vs []string
	for _, h := range hs {
		if strings.EqualFold(h.Name, name) {
			vs = append(vs, strings.Trim(h.Value, " \t"))
		}
	}
	return strings.Join(vs, ",")
}

// runShell runs a snippet with sh -c in dir. curl's exit status is not
// asserted: --fail-with-body makes it non-zero for the refusals the test
// expects; the proxy records what the server answered.
func runShell(t *testing.T, dir string, env []string, script string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", script)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	require.NoError(t, ctx.Err(), "sh -c snippet timed out:\n%s\n%s", script, out)
	if err != nil {
		t.Logf("snippet exited with %v:\n%s\noutput: %q", err, script, out)
	}
}

// nodeDriver runs fetch() snippets in one Node process (a process per
// snippet costs a second on a loaded machine): each line of its input is
// {"code", "upload"}; it runs the code as the body of an async function, as
// in a module with top-level await, given `file` (a Blob of the upload, for
// a presigned PUT), and answers one line: "ok" or the error.
const nodeDriver = `
import { createInterface } from "node:readline";
const AsyncFunction = (async () => {}).constructor;
const write = process.stdout.write.bind(process.stdout);
console.log = () => {};
for await (const line of createInterface({ input: process.stdin })) {
  const { code, upload } = JSON.parse(line);
  const file = upload === null ? undefined : new Blob([Buffer.from(upload, "base64")]);
  let out = "ok";
  try {
    await new AsyncFunction("file", code)(file);
  } catch (e) {
    out = "error: " + e + (e.cause ? " (" + e.cause + ")" : "");
  }
  write(JSON.stringify(out) + "\n");
}
`

type nodeRunner struct {
	in  io.WriteCloser
	out *bufio.Reader
}

func startNode(t *testing.T, node string, env []string) *nodeRunner {
	t.Helper()
	cmd := exec.Command(node, "--input-type=module", "-e", nodeDriver)
	cmd.Env = env
	in, err := cmd.StdinPipe()
	require.NoError(t, err, "node stdin")
	out, err := cmd.StdoutPipe()
	require.NoError(t, err, "node stdout")
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start(), "starting node")
	t.Cleanup(func() {
		in.Close()
		cmd.Wait()
	})
	return &nodeRunner{in: in, out: bufio.NewReader(out)}
}

// run runs one snippet and returns "ok" or the error it threw.
func (n *nodeRunner) run(t *testing.T, code string, upload []byte) string {
	t.Helper()
	msg := map[string]any{"code": code, "upload": nil}
	if upload != nil {
		msg["upload"] = upload // base64 in JSON
	}
	line, err := json.Marshal(msg)
	require.NoError(t, err, "json.Marshal")
	_, err = n.in.Write(append(line, '\n'))
	require.NoError(t, err, "writing to node")
	answer, err := n.out.ReadString('\n')
	require.NoError(t, err, "reading node's answer")
	var out string
	require.NoError(t, json.Unmarshal([]byte(answer), &out), "node's answer %q", answer)
	return out
}

// runInBrowser runs a fetch() snippet in the tab as the body of an async
// function, given `file` (a Blob of the upload), and returns "ok" or the
// error it threw.
func runInBrowser(t *testing.T, tab context.Context, code string, upload []byte) string {
	t.Helper()
	file := "undefined"
	if upload != nil {
		file = "new Blob([Uint8Array.from(atob(" + jsString(base64.StdEncoding.EncodeToString(upload)) + "), (c) => c.charCodeAt(0))])"
	}
	js := "(async (file) => {\n" + code + "\n})(" + file + ").then(() => \"ok\", (e) => \"error: \" + e)"
	step, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	out, err := chromedp.Run(step, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	require.NoError(t, err, "running the snippet in Chromium")
	return out
}

// fileName reads the file a presigned PUT's curl command uploads
// (--upload-file ./NAME, or --data-binary @./NAME).
func fileName(t *testing.T, curl string) string {
	t.Helper()
	_, rest, ok := strings.Cut(curl, "--upload-file ")
	if !ok {
		_, rest, ok = strings.Cut(curl, "--data-binary ")
	}
	require.True(t, ok, "the file a presigned PUT uploads: %s", curl)
	word := shellWordAt(rest)
	return strings.TrimPrefix(strings.TrimPrefix(word, "@"), "./")
}

// shellWordAt reads the shell word at the start of s as sh does: '...'
// literally, a backslash escaping the next byte, up to a space or newline.
func shellWordAt(s string) string {
	var w strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\n':
			return w.String()
		case '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			w.WriteString(s[i+1 : i+1+j])
			i += j + 1
		case '\\':
			i++
			w.WriteByte(s[i])
		default:
			w.WriteByte(c)
		}
	}
	return w.String()
}

// curlSigV4Refusal is MinIO's answer to a request curl 7.88 signed wrongly:
// 400 when curl signed a header it did not send (a Content-Type it
// removed, or an empty name after a stray ';'), since MinIO checks that
// every signed header is present first; else 403 SignatureDoesNotMatch.
func curlSigV4Refusal(issues []string) minioRefusal {
	for _, i := range issues {
		if i == sigv4.CurlSigV4IssueContentType || i == sigv4.CurlSigV4IssueEmptyHeader {
			return minioRefusal{http.StatusBadRequest, "AccessDenied"}
		}
	}
	return minioRefusal{http.StatusForbidden, "SignatureDoesNotMatch"}
}
