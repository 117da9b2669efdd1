package sigv4

import (
	"bytes"
	"slices"
	"strings"
)

// appendCanonicalRequest appends the canonical request: the method, the
// canonical URI, query and headers (each header line ends in '\n', hence
// the blank line after them), the signed-headers list and the payload hash.
func appendCanonicalRequest(dst []byte, method string, uri, query, headers, signedHeaders []byte, payloadHash string) []byte {
	dst = append(dst, method...)
	dst = append(dst, '\n')
	dst = append(dst, uri...)
	dst = append(dst, '\n')
	dst = append(dst, query...)
	dst = append(dst, '\n')
	dst = append(dst, headers...)
	dst = append(dst, '\n')
	dst = append(dst, signedHeaders...)
	dst = append(dst, '\n')
	return append(dst, payloadHash...)
}

// pair is a name and value held as offsets into a builder's scratch buffer:
// scratch[start:mid] is the name, scratch[mid:end] the value. Offsets rather
// than slices keep the buffers on the stack (a slice of a buffer stored in
// the same struct defeats escape analysis), so ordinary requests are
// canonicalized without allocating.
type pair struct{ start, mid, end int32 }

func (p pair) name(b []byte) []byte  { return b[p.start:p.mid] }
func (p pair) value(b []byte) []byte { return b[p.mid:p.end] }

// appendCanonicalURI appends the canonical URI of path under mode.
func appendCanonicalURI(dst []byte, path string, mode PathMode) []byte {
	switch mode {
	case PathS3:
		return appendCanonicalComponent(dst, path, true, false)
	case PathNormalized:
		return appendURIEncode(dst, normalizePath(path), true)
	default:
		return appendURIEncode(dst, path, true)
	}
}

// normalizePath removes "." and ".." segments (RFC 3986 section 5.2.4) and
// merges repeated slashes, keeping a trailing slash, as every AWS service but
// S3 does before signing.
func normalizePath(p string) string {
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for _, s := range segs {
		switch s {
		case "", ".":
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, s)
		}
	}
	last := segs[len(segs)-1]
	trailing := last == "" || last == "." || last == ".."
	n := "/" + strings.Join(out, "/")
	if trailing && len(out) > 0 {
		n += "/"
	}
	return n
}

// queryBuilder collects canonical query parameters.
type queryBuilder struct {
	scratch []byte
	pairs   []pair
}

// addRaw adds every parameter of a raw query string, read as S3 and the SDKs
// read it: '+' is a space, escapes are decoded once, a name without '=' has
// an empty value, empty segments are skipped.
func (q queryBuilder) addRaw(raw string) queryBuilder {
	for raw != "" {
		var seg string
		if i := strings.IndexByte(raw, '&'); i >= 0 {
			seg, raw = raw[:i], raw[i+1:]
		} else {
			seg, raw = raw, ""
		}
		if seg == "" {
			continue
		}
		name, value := seg, ""
		if i := strings.IndexByte(seg, '='); i >= 0 {
			name, value = seg[:i], seg[i+1:]
		}
		start := len(q.scratch)
		q.scratch = appendCanonicalComponent(q.scratch, name, false, true)
		mid := len(q.scratch)
		q.scratch = appendCanonicalComponent(q.scratch, value, false, true)
		q.pairs = append(q.pairs, pair{int32(start), int32(mid), int32(len(q.scratch))})
	}
	return q
}

// add adds an unencoded parameter.
func (q queryBuilder) add(name, value string) queryBuilder {
	start := len(q.scratch)
	q.scratch = appendURIEncode(q.scratch, name, false)
	mid := len(q.scratch)
	q.scratch = appendURIEncode(q.scratch, value, false)
	q.pairs = append(q.pairs, pair{int32(start), int32(mid), int32(len(q.scratch))})
	return q
}

// appendTo sorts by encoded name, then value, and appends name=value&...
func (q queryBuilder) appendTo(dst []byte) []byte {
	sortPairs(q.scratch, q.pairs, true)
	for i, p := range q.pairs {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = append(dst, p.name(q.scratch)...)
		dst = append(dst, '=')
		dst = append(dst, p.value(q.scratch)...)
	}
	return dst
}

// sortPairs sorts by name (and by value when byValue), stably: repeated
// headers keep their order. The library's merge-based stable sort costs
// O(n log n) comparisons: a URL may carry thousands of parameters.
func sortPairs(b []byte, ps []pair, byValue bool) {
	slices.SortStableFunc(ps, pairOrder(b, byValue))
}

// pairOrder compares pairs by encoded name, then by value when byValue.
func pairOrder(b []byte, byValue bool) func(x, y pair) int {
	return func(x, y pair) int {
		if c := bytes.Compare(x.name(b), y.name(b)); c != 0 || !byValue {
			return c
		}
		return bytes.Compare(x.value(b), y.value(b))
	}
}

// unsignedHeaders are never signed. Authorization carries the signature;
// the others are changed or added by proxies, browsers and HTTP libraries
// after signing (Google's front end rewrites Accept-Encoding, browsers set
// User-Agent and Connection, curl adds Expect), so signing them breaks the
// signature in transit.
var unsignedHeaders = [...]string{"authorization", "user-agent", "accept-encoding", "expect", "connection", "x-amzn-trace-id"}

func isUnsignedHeader(lower []byte) bool {
	for _, h := range unsignedHeaders {
		if string(lower) == h {
			return true
		}
	}
	return false
}

// headerBuilder collects canonical headers.
type headerBuilder struct {
	scratch []byte
	pairs   []pair
}

// add adds a header: the name lowercased, the value trimmed with folded lines
// and runs of spaces collapsed to one space. Unsignable headers are skipped.
func (h headerBuilder) add(name, value string) headerBuilder {
	start := len(h.scratch)
	h.scratch = appendLower(h.scratch, name)
	if isUnsignedHeader(h.scratch[start:]) {
		h.scratch = h.scratch[:start]
		return h
	}
	return h.addValueAt(start, value)
}

// addValue adds a header whatever its name: Verify signs what the request
// lists, even a header this package never signs itself.
func (h headerBuilder) addValue(name, value string) headerBuilder {
	start := len(h.scratch)
	h.scratch = appendLower(h.scratch, name)
	return h.addValueAt(start, value)
}

// addValueAt appends the canonical value of the header whose lowercased
// name starts the scratch buffer at start.
func (h headerBuilder) addValueAt(start int, value string) headerBuilder {
	mid := len(h.scratch)
	space := false
	for i := 0; i < len(value); i++ {
		c := value[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			space = true
			continue
		}
		if space && len(h.scratch) > mid {
			h.scratch = append(h.scratch, ' ')
		}
		space = false
		h.scratch = append(h.scratch, c)
	}
	h.pairs = append(h.pairs, pair{int32(start), int32(mid), int32(len(h.scratch))})
	return h
}

// addCanonical adds a header whose name is lowercase and value canonical
// already (host, x-amz-date, x-amz-content-sha256 as the signer writes them).
func (h headerBuilder) addCanonical(name, value string) headerBuilder {
	start := len(h.scratch)
	h.scratch = append(h.scratch, name...)
	mid := len(h.scratch)
	h.scratch = append(h.scratch, value...)
	h.pairs = append(h.pairs, pair{int32(start), int32(mid), int32(len(h.scratch))})
	return h
}

// appendLower appends s lowercased (ASCII).
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// addHost adds the host header from the URL unless the caller gave one:
// the Host header is always signed.
func (h headerBuilder) addHost(host string) headerBuilder {
	for _, p := range h.pairs {
		if string(p.name(h.scratch)) == "host" {
			return h
		}
	}
	return h.addCanonical("host", host)
}

// appendCanonical sorts (in place, stably) by name and appends "name:v1,v2\n" lines.
func (h headerBuilder) appendCanonical(dst []byte) []byte {
	b := h.scratch
	sortPairs(b, h.pairs, false)
	for i, p := range h.pairs {
		if i > 0 && bytes.Equal(h.pairs[i-1].name(b), p.name(b)) {
			dst = append(dst, ',')
			dst = append(dst, p.value(b)...)
			continue
		}
		if i > 0 {
			dst = append(dst, '\n')
		}
		dst = append(dst, p.name(b)...)
		dst = append(dst, ':')
		dst = append(dst, p.value(b)...)
	}
	if len(h.pairs) > 0 {
		dst = append(dst, '\n')
	}
	return dst
}

// appendSigned appends the signed-headers list, "host;x-amz-date". It must be
// called after appendCanonical, which sorts.
func (h headerBuilder) appendSigned(dst []byte) []byte {
	b := h.scratch
	for i, p := range h.pairs {
		if i > 0 && bytes.Equal(h.pairs[i-1].name(b), p.name(b)) {
			continue
		}
		if i > 0 {
			dst = append(dst, ';')
		}
		dst = append(dst, p.name(b)...)
	}
	return dst
}
