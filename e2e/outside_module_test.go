//go:build !js

package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOutsideModule builds and runs e2e/testdata/outside, a module that
// requires sigv4kit by its module path (replaced by this checkout) and signs
// through the public API only, checking each result against the AWS
// documentation's examples. It runs offline with an empty module cache, so
// it proves that a module importing the sigv4 package needs nothing but the
// standard library and this module: not testify, chromedp or esbuild.
func TestOutsideModule(t *testing.T) {
	dir := filepath.Join(repoRoot(), "e2e", "testdata", "outside")
	goMod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err, "read the outside module's go.mod")

	// The go binary of the toolchain running this test (GOTOOLCHAIN is
	// inherited): through the toolchain switch, the go on PATH would look
	// for its release in the module cache, which is empty here on purpose.
	goroot := strings.TrimSpace(goOutput(t, exec.Command("go", "env", "GOROOT")))
	goflags := strings.TrimSpace(goOutput(t, exec.Command("go", "env", "GOFLAGS")))
	goBin := filepath.Join(goroot, "bin", "go")
	env := append(os.Environ(),
		"GOPROXY=off",
		"GOFLAGS="+strings.TrimSpace(goflags+" -mod=mod"),
		"GOMODCACHE="+t.TempDir(),
		"GOWORK=off",
	)
	goCmd := func(args ...string) *exec.Cmd {
		cmd := exec.Command(goBin, args...)
		cmd.Dir = dir
		cmd.Env = env
		return cmd
	}

	// What the module compiles besides the standard library.
	list := goOutput(t, goCmd("list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "."))
	deps := strings.Fields(list)
	assert.Contains(t, deps, "github.com/sigv4kit/sigv4kit/sigv4", "go list -deps of the outside module")
	for _, p := range deps {
		if p != "example.com/outside" && !strings.HasPrefix(p, "github.com/sigv4kit/sigv4kit/") {
			t.Errorf("the outside module compiles %s: a module importing the sigv4 package must need only the standard library and its module", p)
		}
	}
	t.Logf("packages outside the standard library: %s", strings.Join(deps, ", "))

	goOutput(t, goCmd("vet", "."))
	bin := filepath.Join(t.TempDir(), "outside")
	goOutput(t, goCmd("build", "-o", bin, "."))

	run := exec.Command(bin, filepath.Join(repoRoot(), "sigv4", "testdata", "aws-doc-examples.json"))
	out, err := run.CombinedOutput()
	t.Logf("outside module:\n%s", out)
	require.NoError(t, err, "the outside module's checks (output above)")
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	passed := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "ok ") {
			passed++
		}
	}
	assert.Equal(t, 16, passed, "checks the outside module passed")
	assert.Equal(t, "16 checks passed, 0 failed", lines[len(lines)-1], "the outside module's summary")

	// -mod=mod may update go.mod and write go.sum; a tidy sample needs neither.
	after, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err)
	assert.Equal(t, string(goMod), string(after), "the outside module's go.mod after building")
	assert.NoFileExists(t, filepath.Join(dir, "go.sum"), "a replaced module needs no checksums")
}

// goOutput runs cmd and returns its standard output, failing the test with
// its standard error when it fails.
func goOutput(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "%s: %s", strings.Join(cmd.Args, " "), stderr.String())
	return string(out)
}
