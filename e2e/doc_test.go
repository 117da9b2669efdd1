//go:build !js

// Package e2e holds the tests that need real components: a MinIO server (the
// S3 side) and a headless Chromium (the page). One of each is started for
// the whole package, on first use, and stopped when the tests end.
//
// How the components are found:
//
//   - MinIO: $SIGV4_MINIO_BIN, else <repo>/.cache/bin/minio, else minio on
//     PATH. `./build.sh provision` installs the pinned version into .cache/bin.
//   - Chromium: $SIGV4_CHROMIUM_BIN, else chromium, chromium-browser,
//     google-chrome-stable, google-chrome or headless_shell on PATH (Debian:
//     apt-get install chromium).
//   - The page: <repo>/web/dist, made by ./build.sh. The cache-upgrade test
//     also runs ./build.sh itself for a second build in a temporary folder
//     (about 20 s; it needs brotli, as the build does).
//   - Node.js (node on PATH): TestJSModuleAgainstMinIO, and TestGoAndJSAgree,
//     which runs e2e/testdata/differential.mjs on the built web/dist/sigv4.js.
//   - The Go toolchain: TestOutsideModule builds e2e/testdata/outside, a
//     module requiring sigv4kit through a replace, offline with an empty
//     module cache, using the go of the toolchain running the test.
//
// A missing component skips the test with a line starting "SKIP:", unless the
// environment variable CI is set: then it is a failure. When
// $SIGV4_E2E_REPORT names a file, each skip also appends a line to it, so that
// ./build.sh test can show skips that `go test ./...` hides. Property tests
// append their counts the same way to $SIGV4_E2E_COUNTS (reportCount).
//
// Helpers for tests (see their documentation):
//
//	minioServer(t) *MinIO                 // Endpoint, AccessKeyID, SecretAccessKey, Region
//	(*MinIO).MakeBucket(t, name)          // an empty bucket
//	(*MinIO).URL(bucket, key...) string   // path-style URL, key used as given
//	newBrowserTab(t) context.Context      // a fresh incognito-like tab, recorded
//	tabLog(ctx) *TabLog                   // Requests, RequestsOutside, RequestsContaining, Console, ConsoleErrors
//	serveDist(t, origins...) string       // web/dist on a loopback httptest server
//	serveDir(t, dir, origins...) string   // any folder the same way
//	saveScreenshot(t, ctx, name) string   // a PNG in <repo>/testout/<test name>/
package e2e
