//go:build !js

package e2e

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// MinIO is the S3 server shared by the tests of the package: a single-drive
// MinIO on 127.0.0.1 with a fresh data folder and random root credentials.
// It accepts only SigV4-signed requests (or presigned URLs and POST forms) and
// answers CORS requests from loopback origins (http://127.0.0.1:*,
// http://localhost:*), such as a page served by serveDist.
type MinIO struct {
	Endpoint        string // http://127.0.0.1:PORT, no trailing slash
	AccessKeyID     string // the root user
	SecretAccessKey string // the root password
	Region          string // us-east-1
	DataDir         string // the drive; a folder in it is a bucket

	cmd  *exec.Cmd
	done <-chan struct{} // closed when the process has exited
	log  string          // the file holding MinIO's output
}

// minioRegion is the region MinIO is started with. It checks the region of
// every credential scope against it.
const minioRegion = "us-east-1"

var shared struct {
	mu    sync.Mutex
	minio *MinIO
	err   error // why the start failed, for every later test
}

// minioServer returns the package's MinIO, starting it on first use. A missing
// binary skips the test (fails it when CI is set); a binary that does not
// start fails it.
func minioServer(t testing.TB) *MinIO {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.minio == nil && shared.err == nil {
		bin, err := minioBinary()
		if err != nil {
			missing(t, err.Error())
			return nil
		}
		shared.minio, shared.err = startMinIO(bin)
	}
	if shared.err != nil {
		t.Fatalf("starting MinIO: %v", shared.err)
	}
	return shared.minio
}

// minioBinary finds MinIO: $SIGV4_MINIO_BIN, else <repo>/.cache/bin/minio,
// else minio on PATH.
func minioBinary() (string, error) {
	if p := os.Getenv("SIGV4_MINIO_BIN"); p != "" {
		if isExecutable(p) {
			return p, nil
		}
		return "", fmt.Errorf("MinIO not found at SIGV4_MINIO_BIN=%s; run ./build.sh provision", p)
	}
	if p := filepath.Join(repoRoot(), ".cache", "bin", "minio"); isExecutable(p) {
		return p, nil
	}
	if p, err := exec.LookPath("minio"); err == nil {
		return p, nil
	}
	return "", errors.New("MinIO not installed (.cache/bin/minio); run ./build.sh provision")
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// startMinIO starts MinIO in a new folder of the run's work folder, waits for
// its health endpoint, and tries again on another port if the one it picked
// was taken in between.
func startMinIO(bin string) (*MinIO, error) {
	dir, err := os.MkdirTemp(work, "minio-")
	if err != nil {
		return nil, err
	}
	m := &MinIO{
		AccessKeyID:     "e2e-" + randomHex(8),
		SecretAccessKey: randomHex(20),
		Region:          minioRegion,
		DataDir:         filepath.Join(dir, "data"),
		log:             filepath.Join(dir, "minio.log"),
	}
	for attempt := 1; ; attempt++ {
		err := m.start(bin, dir)
		if err == nil {
			return m, nil
		}
		// A port taken between freeLoopbackAddr and MinIO's listen makes
		// it exit at once; anything else is not worth another try.
		if attempt == 3 || !errors.Is(err, errExited) {
			return nil, err
		}
	}
}

func (m *MinIO) start(bin, dir string) error {
	addr, err := freeLoopbackAddr()
	if err != nil {
		return err
	}
	logFile, err := os.Create(m.log)
	if err != nil {
		return err
	}
	defer logFile.Close() // the child has its own copy

	cmd := exec.Command(bin, "server", m.DataDir,
		"--address", addr,
		"--certs-dir", filepath.Join(dir, "certs"),
	)
	cmd.Dir = dir
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.Env = append(environWithout("MINIO_", "CI"),
		"HOME="+dir,
		"MINIO_ROOT_USER="+m.AccessKeyID,
		"MINIO_ROOT_PASSWORD="+m.SecretAccessKey,
		"MINIO_BROWSER=off",
		"MINIO_UPDATE=off",
		"MINIO_SITE_REGION="+m.Region,
		// CORS for the page under test, on any loopback port. The default
		// ("*") would also work; naming loopback keeps the test honest.
		"MINIO_API_CORS_ALLOW_ORIGIN=http://127.0.0.1:*,http://localhost:*",
	)
	// Short-lived STS credentials for the expiry tests (identity_plugin_test.go).
	cmd.Env = append(cmd.Env, identityPluginEnv()...)
	done, err := startTied(cmd)
	if err != nil {
		return fmt.Errorf("minio: %w", err)
	}
	m.cmd, m.done, m.Endpoint = cmd, done, "http://"+addr

	if err := m.waitReady(60 * time.Second); err != nil {
		m.stop()
		out, _ := os.ReadFile(m.log)
		return fmt.Errorf("%w; MinIO's output:\n%s", err, lastLines(string(out), 30))
	}
	return nil
}

var errExited = errors.New("minio exited during start-up")

// waitReady polls MinIO's health endpoints until it serves requests, the
// process exits, or the time is up. /minio/health/live answers 200 as soon as
// the HTTP server runs, while requests still get XMinioServerNotInitialized
// and the configuration (CORS among it) is not loaded; /minio/health/cluster
// answers 200 only once the object layer, the bucket metadata and IAM are up.
func (m *MinIO) waitReady(limit time.Duration) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(limit)
	for _, path := range []string{"/minio/health/live", "/minio/health/cluster"} {
		for {
			select {
			case <-m.done:
				return fmt.Errorf("%w (%v)", errExited, m.cmd.ProcessState)
			default:
			}
			resp, err := client.Get(m.Endpoint + path)
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("minio not ready after %v: %s%s does not answer 200", limit, m.Endpoint, path)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return nil
}

// startTied starts cmd so that it dies with the test process: Pdeathsig
// makes the kernel kill it when the thread that started it ends, so also when
// the test process dies without running its cleanup. The thread must
// therefore live as long as the process: one goroutine locked to its thread
// starts and waits for it. The channel is closed when the process has exited.
func startTied(cmd *exec.Cmd) (<-chan struct{}, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	started := make(chan error, 1)
	done := make(chan struct{})
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		cmd.Wait()
		close(done)
	}()
	return done, <-started
}

// stop ends MinIO by its PID: SIGTERM, then SIGKILL after 10 seconds.
func (m *MinIO) stop() {
	if m.cmd == nil || m.cmd.Process == nil {
		return
	}
	m.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-m.done:
	case <-time.After(10 * time.Second):
		m.cmd.Process.Kill()
		<-m.done
	}
}

func stopMinIO() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.minio != nil {
		shared.minio.stop()
		shared.minio = nil
	}
}

// bucketName is what S3 allows for a bucket name (3 to 63 characters).
var bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// MakeBucket creates an empty bucket. It makes the folder in MinIO's drive:
// a single-drive MinIO (this pinned version) lists such a folder as a bucket
// and accepts object PUT, GET, DELETE, presigned URLs, POST forms and bucket
// settings in it at once, with no restart (checked by hand with botocore).
// That keeps bucket creation independent of the signer under test. The
// bucket's creation date reads as 0001-01-01. It fails the test when the
// name is not a valid bucket name or the bucket exists.
func (m *MinIO) MakeBucket(t testing.TB, name string) {
	t.Helper()
	if !bucketName.MatchString(name) || strings.Contains(name, "..") {
		t.Fatalf("MakeBucket(%q): not a valid S3 bucket name", name)
	}
	if err := os.Mkdir(filepath.Join(m.DataDir, name), 0o755); err != nil {
		t.Fatalf("MakeBucket(%q): %v", name, err)
	}
}

// URL returns the path-style URL of a bucket, or of an object when key is
// given; the key is used as is, so the caller encodes it.
func (m *MinIO) URL(bucket string, key ...string) string {
	u := m.Endpoint + "/" + bucket
	if len(key) > 0 {
		u += "/" + strings.Join(key, "/")
	}
	return u
}

// freeLoopbackAddr returns 127.0.0.1:PORT for a port that was free a moment
// ago.
func freeLoopbackAddr() (string, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// environWithout returns the environment without the variables whose name
// starts with one of the prefixes or equals one of them, so that the
// developer's settings (or CI's) do not change how a component behaves.
func environWithout(prefixes ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		keep := true
		for _, p := range prefixes {
			if name == p || (strings.HasSuffix(p, "_") && strings.HasPrefix(name, p)) {
				keep = false
			}
		}
		if keep {
			env = append(env, kv)
		}
	}
	return env
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
