//go:build !js

package e2e

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// rawRequest is one request as it arrived on the wire, before any HTTP
// library read it: the request line's method and target, every header line
// in order (the value without the optional whitespace around it), and the
// body. Status and Code are the upstream's answer (or the capture's own 200).
type rawRequest struct {
	Method, Target string
	Header         [][2]string
	Body           []byte
	Chunked        bool
	Status         int
	Code           string // the S3 error code of the upstream's answer
}

// values returns every value of the header lines named name.
func (r rawRequest) values(name string) []string {
	var vs []string
	for _, h := range r.Header {
		if strings.EqualFold(h[0], name) {
			vs = append(vs, h[1])
		}
	}
	return vs
}

// captureProxy listens on loopback, records each request byte for byte,
// and forwards it unchanged to upstream (MinIO) when set, or answers 200
// itself. Each answer closes the connection.
type captureProxy struct {
	Addr     string
	upstream string // host:port or ""
	mu       sync.Mutex
	got      []rawRequest
	ln       net.Listener
}

func newCaptureProxy(t testing.TB, upstream string) *captureProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("capture proxy: %v", err)
	}
	p := &captureProxy{Addr: ln.Addr().String(), upstream: upstream, ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c)
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return p
}

// take returns the requests captured since the last call.
func (p *captureProxy) take() []rawRequest {
	p.mu.Lock()
	defer p.mu.Unlock()
	got := p.got
	p.got = nil
	return got
}

func (p *captureProxy) serve(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	br := bufio.NewReader(c)
	var head bytes.Buffer
	line, err := br.ReadString('\n')
	if err != nil {
		return
	}
	head.WriteString(line)
	var r rawRequest
	parts := strings.SplitN(strings.TrimRight(line, "\r\n"), " ", 3)
	if len(parts) != 3 {
		return
	}
	r.Method, r.Target = parts[0], parts[1]
	length := 0
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		head.WriteString(line)
		if line == "\r\n" {
			break
		}
		name, value, _ := strings.Cut(strings.TrimRight(line, "\r\n"), ":")
		value = strings.Trim(value, " \t")
		r.Header = append(r.Header, [2]string{name, value})
		switch strings.ToLower(name) {
		case "content-length":
			length, _ = strconv.Atoi(value)
		case "transfer-encoding":
			r.Chunked = true
		case "expect":
			io.WriteString(c, "HTTP/1.1 100 Continue\r\n\r\n")
		}
	}
	r.Body = make([]byte, length)
	if _, err := io.ReadFull(br, r.Body); err != nil {
		return
	}
	if r.Method == http.MethodGet && r.Target == blankPage {
		// Not a request under test: the page a browser runs snippets in,
		// so that they are same-origin (no CORS, no preflight).
		const page = `<!doctype html><link rel="icon" href="data:,"><title></title>`
		fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(page), page)
		return
	}
	r.Status = http.StatusOK
	var answer []byte
	if p.upstream != "" && !r.Chunked {
		r.Status, answer = forward(p.upstream, r.Method, append(head.Bytes(), r.Body...))
		var doc s3ErrorDoc
		if r.Status >= 300 && xml.Unmarshal(answer, &doc) == nil {
			r.Code = doc.Code
		}
	}
	p.mu.Lock()
	p.got = append(p.got, r)
	p.mu.Unlock()
	if r.Method == http.MethodHead {
		answer = nil
	}
	fmt.Fprintf(c, "HTTP/1.1 %d %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", r.Status, http.StatusText(r.Status), len(answer))
	c.Write(answer)
}

// blankPage is the path at which the proxy serves an empty page.
const blankPage = "/__blank__"

// forward sends the raw request to upstream and returns its status and
// body (502 when upstream cannot be reached).
func forward(upstream, method string, raw []byte) (int, []byte) {
	u, err := net.DialTimeout("tcp", upstream, 5*time.Second)
	if err != nil {
		return http.StatusBadGateway, nil
	}
	defer u.Close()
	u.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := u.Write(raw); err != nil {
		return http.StatusBadGateway, nil
	}
	br := bufio.NewReader(u)
	resp, err := http.ReadResponse(br, &http.Request{Method: method})
	// The client already had its 100 Continue from the proxy.
	for err == nil && resp.StatusCode < 200 {
		resp, err = http.ReadResponse(br, &http.Request{Method: method})
	}
	if err != nil {
		return http.StatusBadGateway, nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}
