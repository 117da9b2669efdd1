//go:build !js

package e2e

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// awsCLI is one installed AWS CLI.
type awsCLI struct {
	path    string
	version string // the first word of `aws --version`: aws-cli/1.45.11
}

// awsCLIs returns every distinct AWS CLI on PATH, by version: Debian's apt
// package awscli is AWS CLI v2 (/usr/bin/aws), a pip or pyenv install often
// v1, earlier on PATH; both print botocore's log. None installed skips the
// test (fails it when CI is set).
func awsCLIs(t testing.TB) []awsCLI {
	t.Helper()
	var out []awsCLI
	seen := map[string]bool{}
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		p := filepath.Join(dir, "aws")
		if !isExecutable(p) {
			continue
		}
		v, err := exec.Command(p, "--version").CombinedOutput()
		require.NoError(t, err, "%s --version: %s", p, v)
		fields := strings.Fields(string(v))
		require.NotEmpty(t, fields, "%s --version printed nothing", p)
		if !seen[fields[0]] {
			seen[fields[0]] = true
			out = append(out, awsCLI{path: p, version: fields[0]})
		}
	}
	if len(out) == 0 {
		missing(t, "the aws CLI is not installed (apt-get install awscli); run ./build.sh provision")
	}
	return out
}

// runDebug runs `aws --debug --endpoint-url <MinIO> args...` with MinIO's
// root keys in the environment and a config file in a fresh folder (also
// HOME), so no file of the user's ~/.aws is read, and returns what it
// printed on stderr. It fails the test unless the command succeeds.
func (c awsCLI) runDebug(t testing.TB, m *MinIO, args ...string) string {
	t.Helper()
	home := t.TempDir()
	config := filepath.Join(home, "config")
	require.NoError(t, os.WriteFile(config, []byte("[default]\nregion = "+m.Region+"\n"), 0o600), "writing the aws config")
	cmd := exec.Command(c.path, append([]string{"--debug", "--endpoint-url", m.Endpoint}, args...)...)
	cmd.Dir = home
	cmd.Env = append(environWithout("AWS_", "HOME"),
		"HOME="+home,
		"AWS_CONFIG_FILE="+config,
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(home, "credentials"), // never written
		"AWS_ACCESS_KEY_ID="+m.AccessKeyID,
		"AWS_SECRET_ACCESS_KEY="+m.SecretAccessKey,
		"AWS_DEFAULT_REGION="+m.Region,
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_PAGER=",
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	require.NoError(t, err, "%s %s: %s\n%s", c.version, strings.Join(args, " "), stdout.String(), lastLines(stderr.String(), 20))
	debug := stderr.String()
	require.Contains(t, debug, "CanonicalRequest:", "%s --debug logs the canonical request", c.version)
	// botocore logs the access key ID (in Authorization) but never the secret.
	require.NotContains(t, debug, m.SecretAccessKey, "%s --debug prints the secret key", c.version)
	return debug
}

// debugCanonical returns the canonical request's lines of the first
// signature in aws --debug output, as a person reads it off the screen:
// the lines after the "CanonicalRequest:" log line up to the payload hash.
func debugCanonical(t testing.TB, debug string) []string {
	t.Helper()
	lines := strings.Split(debug, "\n")
	for k, line := range lines {
		if !strings.HasSuffix(line, " CanonicalRequest:") {
			continue
		}
		for j := k + 4; j < len(lines); j++ {
			if lines[j] == "" {
				require.Greater(t, len(lines), j+2, "the canonical request ends after its headers")
				return lines[k+1 : j+3]
			}
		}
	}
	t.Fatalf("no canonical request in the output")
	return nil
}

var amzDate = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$`)

// TestPageAWSDebug runs real AWS CLIs with --debug against MinIO (a PUT
// with a body, a GET, a list with a query), builds the same request in the
// page's API request tool with the time of the output, and pastes the output
// into the explainer's diff: the page must report a match, then point at the
// line a change was made in, and take lines masked as the Yandex Cloud
// documentation prints them (********) as masked, not as different.
func TestPageAWSDebug(t *testing.T) {
	clis := awsCLIs(t)
	m := minioServer(t)
	bucket := uniqueBucket(t, m, "awsdebug")
	const key = "docs/aws debug ü.txt"
	const body = "signed by the aws CLI, compared in the page"
	bodyFile := pageTempFile(t, "body.txt", []byte(body))
	objectURL := m.Endpoint + "/" + bucket + "/" + strings.ReplaceAll(url.PathEscape(key), "%2F", "/")

	// The object the GET reads, there whichever subtest runs.
	put := signFor(t, rootContext(m), "PUT", objectURL, nil, []byte(body), false)
	require.Equal(t, 200, send(t, put.Method, put.URL, put.Headers, []byte(body)).Status, "PUT %s", objectURL)

	p := openPage(t, pageOptions{})
	p.fillCredentials("minio", m.Endpoint, m.Region, m.AccessKeyID, m.SecretAccessKey)

	ops := []struct {
		name, method, url, body string
		args                    []string
	}{
		{"put-object", "PUT", objectURL, body, []string{"s3api", "put-object", "--bucket", bucket, "--key", key, "--body", bodyFile}},
		{"get-object", "GET", objectURL, "", []string{"s3api", "get-object", "--bucket", bucket, "--key", key, filepath.Join(t.TempDir(), "out")}},
		{"list-objects-v2 with a prefix", "GET", m.Endpoint + "/" + bucket + "?list-type=2&prefix=docs%2F&encoding-type=url", "", []string{"s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "docs/"}},
	}
	var reported []string
	var lastMasked string // the masked output of the last request built
	for _, cli := range clis {
		for _, op := range ops {
			t.Run(cli.version+" "+op.name, func(t *testing.T) {
				p := *p
				p.t = t
				debug := cli.runDebug(t, m, op.args...)
				canonical := debugCanonical(t, debug)
				sig := regexp.MustCompile(`(?m) Signature:\n([0-9a-f]{64})$`).FindStringSubmatch(debug)
				require.NotNil(t, sig, "the Signature: line of the output")
				reported = append(reported, fmt.Sprintf("%s %s: %d lines, canonical request of %d lines, signature %s", cli.version, op.name, strings.Count(debug, "\n"), len(canonical), sig[1]))

				// The person reads the time and the headers the CLI added
				// off the output and builds the same request.
				var headers []string
				var date, hostLine string
				for _, line := range canonical[3:] {
					if line == "" {
						break
					}
					name, value, _ := strings.Cut(line, ":")
					switch name {
					case "x-amz-date":
						date = amzDate.ReplaceAllString(value, "${1}-${2}-${3}T${4}:${5}:${6}Z")
					case "host":
						hostLine = line
					case "x-amz-content-sha256": // the page adds it for s3
					default:
						headers = append(headers, name+": "+value)
					}
				}
				require.NotEmpty(t, date, "x-amz-date in the canonical request")
				p.openTool("request")
				p.pasteInto("signing-time", date)
				p.choose("request-template", "")
				p.choose("request-method", op.method)
				p.pasteInto("request-url", op.url)
				p.pasteInto("request-service", "s3")
				fill := func(id, text string) {
					if text == "" {
						p.typeInto(id, "") // a paste of nothing would keep the old text
					} else {
						p.pasteInto(id, text)
					}
				}
				fill("request-headers", strings.Join(headers, "\n"))
				fill("request-body", op.body)
				// The module's signature equals botocore's.
				p.waitText("request-result-headers", "the aws CLI's signature", func(s string) bool { return strings.Contains(s, "Signature="+sig[1]) })

				p.openTool("explainer")
				requestsBefore := len(tabLog(p.ctx).Requests())
				hostChanged := strings.Replace(debug, "\n"+hostLine+"\n", "\nhost:localhost"+strings.TrimPrefix(hostLine, "host:127.0.0.1")+"\n", 1)
				require.NotEqual(t, debug, hostChanged, "the host line was changed")
				masked := yandexDocMasking(debug)
				lastMasked = masked

				tests := []struct {
					name       string
					paste      string
					wantHints  []string // data-hint of hints shown, all of them
					wantFirst  string   // the first differing line, ours; "" when none
					wantMasked int      // lines shown as masked
				}{
					{"the output as printed matches", debug, []string{"match"}, "", 0},
					{"a changed host header is the first differing line", hostChanged, []string{"host"}, hostLine, 0},
					{"masked as the Yandex docs print it still matches", masked, []string{"match", "masked"}, "", 4},
					{"masked and a changed host header", yandexDocMasking(hostChanged), []string{"host", "masked"}, hostLine, 4},
				}
				if op.name == "list-objects-v2 with a prefix" {
					const q = "\nencoding-type=url&list-type=2&prefix=docs%2F\n"
					require.Contains(t, debug, q, "the canonical query of the output")
					tests = append(tests, struct {
						name       string
						paste      string
						wantHints  []string
						wantFirst  string
						wantMasked int
					}{"another prefix in the query", strings.Replace(debug, q, "\nencoding-type=url&list-type=2&prefix=doc%2F\n", 1), []string{"query"}, strings.Trim(q, "\n"), 0})
				}
				for _, tt := range tests {
					t.Run(tt.name, func(t *testing.T) {
						p := p
						p.t = t
						p.pasteInto("diff-xml", tt.paste)
						var got diffView
						p.waitFor("the hints "+strings.Join(tt.wantHints, ", "), func() (bool, string) {
							got = p.diffView()
							return strings.Join(got.Hints, " ") == strings.Join(tt.wantHints, " "), fmt.Sprintf("%+v", got)
						})
						t.Logf("hints: %s", got.HintText)
						assert.Equal(t, tt.wantFirst, got.First, "the first differing line (ours)")
						if tt.wantFirst != "" {
							assert.Equal(t, "ours", got.FirstOp, "the first differing line is ours, highlighted")
						}
						assert.Equal(t, tt.wantMasked, len(got.MaskedNotes), "lines shown as masked")
						for _, note := range got.MaskedNotes {
							assert.Equal(t, "masked in the paste; the visible part matches", note, "the note of a masked line")
						}
						assert.Equal(t, []string{"canonical", "sts", "signature"}, got.Blocks, "blocks shown")
						assert.Equal(t, "− computed here   + aws --debug", got.Legend, "legend")
					})
				}
				assert.Len(t, tabLog(p.ctx).Requests(), requestsBefore, "pasting aws --debug output made the page send something")
			})
		}
	}
	for _, r := range reported {
		t.Log(r)
	}

	t.Run("in Russian a masked line says so", func(t *testing.T) {
		p := *p
		p.t = t
		p.choose("lang-select", "ru")
		t.Cleanup(func() { p.choose("lang-select", "en") })
		require.NotEmpty(t, lastMasked, "an output was masked")
		p.pasteInto("diff-xml", lastMasked)
		var got diffView
		p.waitFor("Russian hints", func() (bool, string) {
			got = p.diffView()
			return len(got.MaskedNotes) > 0 && hasCyrillic(got.MaskedNotes[0]) && hasCyrillic(got.HintText) && hasCyrillic(got.Legend), fmt.Sprintf("%+v", got)
		})
		assert.Equal(t, "скрыто в тексте; видимая часть совпадает", got.MaskedNotes[0], "the note of a masked line")
	})
	p.assertNoConsoleErrors()
	p.assertSecretsStayed(nil, m.SecretAccessKey)
}

// yandexDocMasking masks the output as the Yandex Cloud documentation
// prints it: the last 8 hex digits of every hash and signature replaced by
// ********, each value followed by an empty line, every line indented.
func yandexDocMasking(debug string) string {
	s := regexp.MustCompile(`\b([0-9a-f]{56})[0-9a-f]{8}\b`).ReplaceAllString(debug, "${1}********")
	s = regexp.MustCompile(`(?m)^(\S.* - (StringToSign|Signature):)$`).ReplaceAllString(s, "\n$1")
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

// diffView is what the explainer's diff shows.
type diffView struct {
	Hints       []string // data-hint of each hint
	HintText    string
	First       string // the text of #diff-first
	FirstOp     string
	MaskedNotes []string // the note of each line shown as masked
	Blocks      []string // the blocks shown: canonical, sts, signature
	Legend      string
}

func (p *pageTab) diffView() diffView {
	p.t.Helper()
	var v diffView
	p.evalJSON(`(() => {
		const first = document.getElementById("diff-first");
		return {
			Hints: [...document.querySelectorAll("#diff-hints li")].map(li => li.dataset.hint),
			HintText: document.getElementById("diff-hints").textContent,
			First: first ? first.querySelector("code").textContent : "",
			FirstOp: first ? first.dataset.op : "",
			MaskedNotes: [...document.querySelectorAll('#diff-output li[data-op="masked"]')].map(li => li.querySelector(".diff-note")?.textContent || ""),
			Blocks: [["canonical", "diff-canonical-block"], ["sts", "diff-sts-block"], ["signature", "diff-signature-block"]]
				.filter(([, id]) => !document.getElementById(id).hidden && !document.getElementById("diff-output").hidden).map(([name]) => name),
			Legend: document.getElementById("diff-legend").textContent,
		};
	})()`, &v)
	return v
}
