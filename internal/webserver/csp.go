package webserver

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// errOrigin is the reason of every error about a configured origin.
var errOrigin = errors.New("webserver: invalid origin")

// contentSecurityPolicy returns the policy sent with every response. Scripts,
// styles and the WebAssembly module come only from the page's own origin
// ('wasm-unsafe-eval' allows WebAssembly compilation and nothing else). The
// page may fetch from and post forms to itself and to the extra origins only:
// the page handles secret keys, and this is the browser-enforced guarantee that
// they go nowhere else. The pages carry the same policy as a <meta> for
// static hosts, with connect-src and form-action open to https and loopback
// http, since a static file cannot know the bucket; a browser enforces both,
// so this header narrows them (csp_test.go keeps the two in step).
func contentSecurityPolicy(extra []string) string {
	more := ""
	if len(extra) > 0 {
		more = " " + strings.Join(extra, " ")
	}
	return "default-src 'self'; " +
		"script-src 'self' 'wasm-unsafe-eval'; " +
		"style-src 'self'; " +
		"img-src 'self' data:; " +
		"connect-src 'self'" + more + "; " +
		"form-action 'self'" + more + "; " +
		"frame-ancestors 'none'; " +
		"base-uri 'none'; " +
		"object-src 'none'"
}

// normalizeOrigins checks each origin and returns them as scheme://host[:port],
// without duplicates, in the order given. An origin is http or https, has a
// host and nothing after it but an optional "/"; the host may start with "*."
// to allow every subdomain, as CSP does. Anything else is refused, so that no
// configuration can widen the policy beyond what it names (a ";" or a space
// would add directives or sources).
func normalizeOrigins(origins []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, o := range origins {
		n, err := normalizeOrigin(o)
		if err != nil {
			return nil, err
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, nil
}

func normalizeOrigin(origin string) (string, error) {
	u, err := url.Parse(origin)
	if err != nil {
		return "", fmt.Errorf("%w %q: not a URL", errOrigin, origin)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("%w %q: scheme must be http or https", errOrigin, origin)
	case u.Host == "" || u.Opaque != "":
		return "", fmt.Errorf("%w %q: no host", errOrigin, origin)
	case u.User != nil:
		return "", fmt.Errorf("%w %q: user information is not allowed", errOrigin, origin)
	case (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return "", fmt.Errorf("%w %q: an origin has no path, query or fragment", errOrigin, origin)
	}
	host := strings.ToLower(u.Host)
	for i, c := range host {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '.', c == '-', c == ':', c == '[', c == ']':
		case c == '*' && i == 0 && strings.HasPrefix(host, "*."):
		default:
			return "", fmt.Errorf("%w %q: character %q not allowed in a host", errOrigin, origin, c)
		}
	}
	return u.Scheme + "://" + host, nil
}
