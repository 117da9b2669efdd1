package sigv4

import "strings"

// target is an absolute http(s) URL split into the parts a signature covers.
type target struct {
	scheme string // "http" or "https"
	host   string // lowercase, default port dropped
	path   string // as given; "/" when empty
	query  string // raw, without '?'; the fragment is dropped
}

// parseURL splits an absolute URL without net/url, whose size matters in the
// wasm build and whose escaping rules differ from AWS's. Its error is made by
// invalid, for the caller to file under the URL's field.
func parseURL(s string) (target, error) {
	var t target
	if s == "" {
		return t, invalid(ErrMissing, "is required")
	}
	if len(s) > maxURLLen {
		return t, invalid(ErrOutOfRange, "is longer than 16384 bytes")
	}
	if hasControl(s) {
		return t, invalid(ErrMalformed, "contains a control character")
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || scheme == "" {
		return t, invalid(ErrMalformed, "must be an absolute http or https URL")
	}
	switch {
	case strings.EqualFold(scheme, "https"):
		t.scheme = "https"
	case strings.EqualFold(scheme, "http"):
		t.scheme = "http"
	default:
		return t, invalid(ErrUnsupported, "must use http or https")
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority := rest[:end]
	rest, _, _ = strings.Cut(rest[end:], "#")
	t.path, t.query, _ = strings.Cut(rest, "?")
	if t.path == "" {
		t.path = "/"
	}
	host, err := canonicalHost(authority, t.scheme)
	if err != nil {
		return t, err
	}
	t.host = host
	return t, nil
}

const maxURLLen = 16 << 10

// canonicalHost validates host[:port], lowercases it and drops the scheme's
// default port, because clients leave it out of the Host header they send.
func canonicalHost(authority, scheme string) (string, error) {
	if authority == "" {
		return "", invalid(ErrMalformed, "has no host")
	}
	if strings.IndexByte(authority, '@') >= 0 {
		return "", invalid(ErrUnsupported, "must not contain a user name or password")
	}
	host, port := authority, ""
	if authority[0] == '[' {
		end := strings.IndexByte(authority, ']')
		if end < 0 {
			return "", invalid(ErrMalformed, "has an unclosed IPv6 address")
		}
		host = authority[:end+1]
		for _, c := range []byte(host[1:end]) {
			if !(isHexDigit(c) || c == ':' || c == '.') {
				return "", invalid(ErrMalformed, "has an invalid IPv6 address")
			}
		}
		switch tail := authority[end+1:]; {
		case tail == "":
		case tail[0] == ':':
			port = tail[1:]
		default:
			return "", invalid(ErrMalformed, "has an invalid host")
		}
	} else {
		if c := strings.LastIndexByte(authority, ':'); c >= 0 {
			host, port = authority[:c], authority[c+1:]
		}
		if host == "" {
			return "", invalid(ErrMalformed, "has no host")
		}
		for i := 0; i < len(host); i++ {
			if !isNameChar(host[i]) {
				if host[i] >= 0x80 {
					return "", invalid(ErrUnsupported, "has a non-ASCII host name; use its punycode (xn--) form")
				}
				return "", invalid(ErrMalformed, "has an invalid host name")
			}
		}
	}
	if port != "" {
		n := 0
		for i := 0; i < len(port); i++ {
			if port[i] < '0' || port[i] > '9' || i >= 5 {
				return "", invalid(ErrMalformed, "has an invalid port")
			}
			n = n*10 + int(port[i]-'0')
		}
		if n == 0 || n > 65535 {
			return "", invalid(ErrOutOfRange, "has a port outside 1-65535")
		}
		if (scheme == "https" && n == 443) || (scheme == "http" && n == 80) {
			port = ""
		}
	}
	host = strings.ToLower(host)
	if port != "" {
		return host + ":" + port, nil
	}
	return host, nil
}

// isNameChar reports whether c may appear in a host name or a credential
// scope part (region, service): letters, digits, '-', '.' and '_'.
func isNameChar(c byte) bool {
	return isAlnum(c) || c == '-' || c == '.' || c == '_'
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isHexDigit(c byte) bool {
	_, ok := unhex(c)
	return ok
}

// wirePath returns the path of a URL to sign as a client sends it. Under
// PathAuto it percent-encodes the bytes a URL cannot carry raw (space,
// quotes, angle brackets, backticks, braces, pipes, backslashes, carets,
// non-ASCII, and a '%' that does not start an escape; control bytes are
// refused before), as a browser, Go's net/http or an AWS SDK does before
// sending, and keeps existing escapes. S3 decodes
// the path before signing, so this changes nothing there; every other
// service signs the path as it arrives, "/a b" as "/a%2520b". Signing this
// form, and returning it as the URL to use, signs what is really sent. An
// explicit PathMode signs the path's bytes as given, for a caller who sends
// exactly those bytes in the request line (the AWS signing test suite's
// requests).
func wirePath(path string, mode PathMode) string {
	if mode != PathAuto {
		return path
	}
	return wireForm(path)
}

// WireURL returns s with the bytes a URL cannot carry raw (space, controls,
// quotes, angle brackets, backticks, braces, pipes, backslashes, carets,
// non-ASCII, and a '%' that starts no escape) percent-encoded in its path and
// query, the way a browser rewrites a typed URL before sending it. Existing
// escapes are kept. Presign and Sign read every URL this way (PathAuto) and
// return it in this form.
func WireURL(s string) string {
	start := strings.Index(s, "://")
	if start < 0 {
		return s
	}
	p := strings.IndexAny(s[start+3:], "/?#")
	if p < 0 {
		return s
	}
	start += 3 + p
	end := len(s)
	if hash := strings.IndexByte(s[start:], '#'); hash >= 0 {
		end = start + hash
	}
	wire := wireForm(s[start:end])
	if len(wire) == end-start {
		return s
	}
	return s[:start] + wire + s[end:]
}

// wireForm percent-encodes the bytes of s that a URL cannot carry raw.
func wireForm(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		strayPercent := c == '%' && !(i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]))
		if c <= ' ' || c >= 0x7f || strayPercent || strings.IndexByte("\"<>`{}|\\^", c) >= 0 {
			if b == nil {
				b = append(make([]byte, 0, len(s)+16), s[:i]...)
			}
			b = append(b, '%', upperHex[c>>4], upperHex[c&15])
		} else if b != nil {
			b = append(b, c)
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}
