package webserver

import (
	"bytes"
	"compress/gzip"
	"strconv"
	"strings"
)

// A coding is a content coding this server can send. The order is the
// server's preference when the client weighs two codings equally: brotli is
// smaller than gzip for the same file.
type coding struct {
	name   string // the Content-Encoding token
	suffix string // the file name suffix of a precompressed sibling
}

var (
	brotli   = coding{name: "br", suffix: ".br"}
	gzipped  = coding{name: "gzip", suffix: ".gz"}
	identity = coding{}
	codings  = []coding{brotli, gzipped}
)

// compressMinSize is the smallest body compressed on the fly: below it gzip's
// header and trailer eat the saving.
const compressMinSize = 512

// acceptWeight returns the weight (q-value, 0 to 1) the Accept-Encoding header
// value gives to the content coding, or 0 when the coding is not acceptable. A
// missing header accepts no coding but identity (RFC 9110, section 12.5.3,
// lets a server assume any coding is fine, but a client that sends no header
// may not decode anything, such as a plain curl).
func acceptWeight(header, name string) float64 {
	weight, wildcard := -1.0, -1.0
	for part := range strings.SplitSeq(header, ",") {
		token, params, _ := strings.Cut(part, ";")
		token = strings.ToLower(strings.TrimSpace(token))
		q := 1.0
		for p := range strings.SplitSeq(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil || f < 0 || f > 1 {
					f = 0
				}
				q = f
			}
		}
		switch {
		case token == name, name == "gzip" && token == "x-gzip":
			weight = max(weight, q)
		case token == "*":
			wildcard = max(wildcard, q)
		}
	}
	if weight >= 0 {
		return weight
	}
	return max(wildcard, 0)
}

// gzipBytes compresses b with gzip at the best compression. The header has no
// name and no time, so the same input always gives the same bytes, which a
// strong ETag needs.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
	zw.Write(b)                                              // a bytes.Buffer does not fail
	zw.Close()
	return buf.Bytes()
}
