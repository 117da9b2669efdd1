//go:build !js

package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// jsMinIOTest is the node test file run against the shared MinIO.
const jsMinIOTest = "web/test/minio.test.mjs"

// TestJSModuleAgainstMinIO runs web/test/minio.test.mjs with node --test
// against the package's MinIO, so that the WebAssembly path (the bundled
// web/dist/sigv4.js and sigv4.wasm) is checked by a real server, not only
// native Go. The file reads the server from MINIO_ENDPOINT, MINIO_ACCESS_KEY
// and MINIO_SECRET_KEY, and skips itself without them; here a run in which
// a test was skipped, or none passed, fails.
func TestJSModuleAgainstMinIO(t *testing.T) {
	root, node := nodeAndDist(t, "the JS module is not tested against MinIO")
	m := minioServer(t)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "--test", "--test-reporter=tap", jsMinIOTest)
	cmd.Dir = root
	cmd.Env = append(environWithout("MINIO_", "NODE_OPTIONS", "NODE_TEST_CONTEXT"),
		"MINIO_ENDPOINT="+m.Endpoint,
		"MINIO_ACCESS_KEY="+m.AccessKeyID,
		"MINIO_SECRET_KEY="+m.SecretAccessKey,
	)
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test %s: %v (after %v)\n%s", jsMinIOTest, err, time.Since(start).Round(time.Millisecond), out)
	}
	t.Logf("node --test %s (%v):\n%s", jsMinIOTest, time.Since(start).Round(time.Millisecond), tapSummary(out))
	for name, re := range map[string]*regexp.Regexp{
		"no test skipped": regexp.MustCompile(`(?m)^# skipped 0$`),
		"no test failed":  regexp.MustCompile(`(?m)^# fail 0$`),
		"some test ran":   regexp.MustCompile(`(?m)^# pass [1-9][0-9]*$`),
	} {
		if !re.Match(out) {
			t.Errorf("node --test %s: %s expected, output:\n%s", jsMinIOTest, name, out)
		}
	}
}

// nodeAndDist returns the repository's root and node's path, after checking
// that web/dist holds the built module; without them the test cannot run,
// and why names what is then not tested.
func nodeAndDist(t *testing.T, why string) (root, node string) {
	t.Helper()
	root = repoRoot()
	for _, f := range []string{"sigv4.js", "sigv4.wasm"} {
		if _, err := os.Stat(filepath.Join(root, "web", "dist", f)); err != nil {
			missing(t, "web/dist/"+f+" not built, so "+why+"; run ./build.sh")
		}
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node not on PATH, so "+why+"; install Node.js 20 or later")
	}
	return root, node
}

// tapSummary keeps the test lines, their durations and the summary of
// node's TAP output.
func tapSummary(out []byte) string {
	lines := regexp.MustCompile(`(?m)^\s*(ok|not ok) .*$|^\s*duration_ms: .*$|^# .*$`).FindAll(out, -1)
	s := ""
	for _, l := range lines {
		s += string(l) + "\n"
	}
	return s
}
