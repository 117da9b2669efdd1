//go:build !js

package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// workPrefix names the per-run folder of this package in the temporary
// directory. It holds the MinIO data and the Chromium profile, and a file
// "pid" with the test process's id, so that a later run can clean up after a
// run that crashed.
const workPrefix = "sigv4kit-e2e-"

// work is the per-run folder, made by TestMain.
var work string

func TestMain(m *testing.M) {
	sweepStaleRuns()
	var err error
	work, err = os.MkdirTemp("", workPrefix)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(filepath.Join(work, "pid"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}

	code := m.Run()

	// A test that panics ends the process before this point. MinIO and
	// Chromium then die with it (they are started with Pdeathsig), and the
	// next run's sweepStaleRuns removes the folder.
	stopBrowser()
	stopMinIO()
	if err := os.RemoveAll(work); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: removing", work+":", err)
	}
	os.Exit(code)
}

// sweepStaleRuns removes the folders of earlier runs whose process is gone,
// after killing any process still using them (a MinIO or a Chromium whose
// parent crashed before Pdeathsig could act). It finds those by their command
// line, which names the folder, and kills each by its PID.
func sweepStaleRuns() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), workPrefix+"*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, "pid"))
		if err != nil {
			continue // being created, or not ours
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || processAlive(pid) {
			continue
		}
		killProcessesUsing(dir)
		os.RemoveAll(dir)
	}
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// killProcessesUsing kills, by PID, every process with an argument inside dir.
func killProcessesUsing(dir string) {
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		for arg := range bytes.SplitSeq(cmdline, []byte{0}) {
			if bytes.Contains(arg, []byte(dir+string(filepath.Separator))) || string(arg) == dir {
				syscall.Kill(pid, syscall.SIGKILL)
				break
			}
		}
	}
}

// repoRoot returns the folder of the sigv4kit go.mod, found upward from the
// package folder (go test runs tests there).
var repoRoot = sync.OnceValue(func() string {
	dir, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && bytes.HasPrefix(b, []byte("module github.com/sigv4kit/sigv4kit")) {
			return d
		}
		if filepath.Dir(d) == d {
			panic("e2e: no sigv4kit go.mod above " + dir)
		}
	}
})

// missing reports a real component the test cannot run without: a failure
// when CI is set, a skip with a loud line otherwise. what names the component
// and how to get it.
func missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("MISSING: %s (CI is set, so a missing component is a failure)", what)
	}
	if report := os.Getenv("SIGV4_E2E_REPORT"); report != "" {
		if f, err := os.OpenFile(report, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644); err == nil {
			fmt.Fprintln(f, what)
			f.Close()
		}
	}
	t.Skipf("SKIP: %s", what)
}
