package webserver

import (
	"net/http"
	"strings"
)

// fileName turns the decoded URL path of a request into a file name relative
// to the served folder ("." for the folder itself). dir reports a trailing
// slash. A non-zero status refuses the request: 400 for a path no browser
// sends for a real file (a "." or ".." segment, which covers %2e%2e once
// decoded, an empty segment, a backslash, a NUL byte), 404 for a dot file.
//
// The checks are on the decoded path, so no encoding of these characters gets
// past them; the served folder is opened with os.OpenRoot as well, which stops
// symbolic links that lead outside it.
func fileName(urlPath string) (name string, dir bool, status int) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\x00\\") {
		return "", false, http.StatusBadRequest
	}
	rest := urlPath[1:]
	if rest == "" {
		return ".", true, 0
	}
	rest, dir = strings.CutSuffix(rest, "/")
	for seg := range strings.SplitSeq(rest, "/") {
		switch {
		case seg == "", seg == ".", seg == "..":
			return "", false, http.StatusBadRequest
		case strings.HasPrefix(seg, "."):
			return "", false, http.StatusNotFound
		}
	}
	return rest, dir, 0
}

// precompressed reports whether the file name is a precompressed sibling,
// which is served only as a representation of the file without the suffix.
func precompressed(name string) bool {
	for _, c := range codings {
		if strings.HasSuffix(name, c.suffix) {
			return true
		}
	}
	return false
}
