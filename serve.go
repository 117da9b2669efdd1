//go:build ignore

// serve.go serves the built page (web/dist) on the loopback interface:
//
//	go run serve.go [-addr 127.0.0.1:8080] [-dir web/dist] [-connect https://bucket.example.com]...
//
// Build first with ./build.sh (./build.sh serve does both). -connect adds an
// origin the page may fetch from and post forms to, such as the endpoint of a
// bucket for the live upload test; the Content-Security-Policy refuses every
// other one. What is served and refused is internal/webserver's job.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/sigv4kit/sigv4kit/internal/webserver"
)

// origins collects repeated -connect flags; each may also hold a
// comma-separated list.
type origins []string

func (o *origins) String() string { return strings.Join(*o, ",") }

func (o *origins) Set(v string) error {
	for s := range strings.SplitSeq(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*o = append(*o, s)
		}
	}
	return nil
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "`host:port` to listen on; keep it on loopback (127.0.0.1, [::1])")
	dir := flag.String("dir", "web/dist", "`folder` to serve: the build output")
	var connect origins
	flag.Var(&connect, "connect", "extra `origin` the page may connect and post forms to (repeatable, or comma-separated)")
	flag.Parse()
	if flag.NArg() > 0 {
		log.Fatalf("serve: unexpected arguments: %q", flag.Args())
	}

	if _, err := os.Stat(filepath.Join(*dir, "index.html")); err != nil {
		log.Fatalf("serve: %s has no index.html: run ./build.sh first", *dir)
	}
	h, err := webserver.New(webserver.Config{Dir: *dir, ConnectOrigins: connect})
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("serve: %v", err)
	}
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		log.Printf("serve: WARNING: listening on %s, reachable from other machines", ln.Addr())
	}

	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()

	fmt.Printf("serving %s at http://%s/\n", *dir, ln.Addr())
	fmt.Printf("Content-Security-Policy: %s\n", h.ContentSecurityPolicy())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("serve: %v", err)
	}
}
