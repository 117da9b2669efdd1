package webserver

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"slices"
	"time"
)

// Config says what a [Handler] serves.
type Config struct {
	// Dir is the folder served, normally web/dist. It must exist when New is
	// called; it is opened again for every request, so a rebuild that replaces
	// it is picked up.
	Dir string

	// ConnectOrigins are the origins, besides the page's own, that the page
	// may fetch from and post forms to (CSP connect-src and form-action), such
	// as the bucket endpoint of a live upload test: "https://s3.example.com" or
	// "http://127.0.0.1:9000". A host may start with "*." for every subdomain.
	ConnectOrigins []string
}

// Handler is an http.Handler that serves the files of one folder. See the
// package documentation for what it sends and refuses.
type Handler struct {
	dir   string
	csp   string
	cache cache
}

// New returns a Handler for the configuration. It returns an error when
// cfg.Dir is not a folder, or when an origin in cfg.ConnectOrigins is not
// scheme://host[:port] with scheme http or https.
func New(cfg Config) (*Handler, error) {
	fi, err := os.Stat(cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("webserver: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("webserver: %s is not a directory", cfg.Dir)
	}
	origins, err := normalizeOrigins(cfg.ConnectOrigins)
	if err != nil {
		return nil, err
	}
	return &Handler{dir: cfg.Dir, csp: contentSecurityPolicy(origins)}, nil
}

// ContentSecurityPolicy returns the policy the handler sends with every
// response.
func (h *Handler) ContentSecurityPolicy() string { return h.csp }

// ServeHTTP answers GET and HEAD with the file named by the URL path; "/" and
// any "dir/" mean the index.html inside.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", h.csp)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		fail(w, http.StatusMethodNotAllowed)
		return
	}
	name, dir, status := fileName(r.URL.Path)
	if status != 0 {
		fail(w, status)
		return
	}
	root, err := os.OpenRoot(h.dir)
	if err != nil {
		fail(w, http.StatusNotFound)
		return
	}
	defer root.Close()

	fi, err := root.Stat(name)
	switch {
	case err != nil:
		fail(w, statusOf(err))
		return
	case fi.IsDir():
		index := path.Join(name, "index.html")
		if fi, err := root.Stat(index); err != nil || fi.IsDir() {
			fail(w, http.StatusNotFound) // never a listing
			return
		}
		if !dir {
			// Relative links in the index need the slash. The target is
			// relative too, so no request path can make it point elsewhere.
			target := path.Base(name) + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			hdr.Set("Location", target)
			hdr.Set("Cache-Control", "no-cache")
			w.WriteHeader(http.StatusMovedPermanently)
			return
		}
		name = index
	case dir, precompressed(name):
		fail(w, http.StatusNotFound)
		return
	}

	plain, fi, err := h.cache.load(root, name)
	if err != nil {
		fail(w, statusOf(err))
		return
	}
	ctype := contentType(name)
	rep, enc := h.choose(root, name, ctype, plain, fi, r.Header.Get("Accept-Encoding"))
	hdr.Set("Content-Type", ctype)
	hdr.Set("Cache-Control", cacheControl(name, plain))
	hdr.Add("Vary", "Accept-Encoding")
	if enc != "" {
		hdr.Set("Content-Encoding", enc)
	}
	hdr.Set("ETag", rep.etag)
	// ServeContent answers If-None-Match with 304, and handles Range and HEAD.
	// No Last-Modified: the ETag is exact and a rebuild can keep times.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(rep.body))
}

// choose returns the representation of the file name to send for the
// Accept-Encoding header value, and its content coding ("" for identity): the
// precompressed sibling of the coding the client weighs highest (brotli first
// on a tie), else gzip made on the fly for a compressible type, else plain,
// the file itself, whose information is fi. A sibling older than the file is
// left out as stale.
func (h *Handler) choose(root *os.Root, name, ctype string, plain *representation, fi fs.FileInfo, acceptEncoding string) (*representation, string) {
	type candidate struct {
		coding
		weight float64
	}
	var wanted []candidate
	for _, c := range codings {
		if w := acceptWeight(acceptEncoding, c.name); w > 0 {
			wanted = append(wanted, candidate{c, w})
		}
	}
	slices.SortStableFunc(wanted, func(a, b candidate) int { return cmp.Compare(b.weight, a.weight) })
	for _, c := range wanted {
		sib, err := root.Stat(name + c.suffix)
		if err != nil || sib.IsDir() || sib.ModTime().Before(fi.ModTime()) {
			continue
		}
		rep, _, err := h.cache.load(root, name+c.suffix)
		if err != nil {
			continue
		}
		return rep, c.name
	}
	if acceptWeight(acceptEncoding, gzipped.name) > 0 && compressible(ctype) && len(plain.body) >= compressMinSize {
		return h.cache.gzipOnTheFly(name, plain), gzipped.name
	}
	return plain, identity.name
}

// statusOf maps a file error to the status sent: 404 when the file is not
// there or not a regular file, 403 when permission is denied, 404 as well for
// a path that os.Root refuses (a symbolic link leading outside the folder):
// the client learns nothing about what lies outside.
func statusOf(err error) int {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return http.StatusForbidden
	default:
		return http.StatusNotFound
	}
}

// fail sends a short plain-text error that no cache keeps.
func fail(w http.ResponseWriter, status int) {
	hdr := w.Header()
	hdr.Del("ETag")
	hdr.Del("Content-Encoding")
	hdr.Set("Cache-Control", "no-store")
	http.Error(w, http.StatusText(status), status)
}
