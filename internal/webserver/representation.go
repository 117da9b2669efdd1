package webserver

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"io/fs"
	"os"
	"sync"
	"time"
)

// A representation is the bytes sent for one file in one content coding, with
// its strong ETag.
type representation struct {
	size    int64     // of the file read, to notice a rebuild
	modTime time.Time // of the file read, to notice a rebuild
	body    []byte
	sum     [sha256.Size]byte // SHA-256 of body
	etag    string            // of sum
	from    string            // for a coding made on the fly, the ETag of its source
}

// fresh reports whether the representation was read from a file with this
// size and time.
func (r *representation) fresh(fi fs.FileInfo) bool {
	return r != nil && r.size == fi.Size() && r.modTime.Equal(fi.ModTime())
}

// cache keeps the last representation of each file and coding, so that a
// request reads and hashes a file only after it changed. It holds at most one
// entry per file and coding of the served folder.
type cache struct {
	mu      sync.Mutex
	entries map[string]*representation
}

func (c *cache) get(key string) *representation {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries[key]
}

func (c *cache) put(key string, r *representation) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]*representation{}
	}
	c.entries[key] = r
}

// errIsDir is returned when a name to serve is a folder.
var errIsDir = errors.New("webserver: is a directory")

// load returns the representation held in the file name of root, from the
// cache when the file has not changed.
func (c *cache) load(root *os.Root, name string) (*representation, fs.FileInfo, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if fi.IsDir() {
		return nil, nil, errIsDir
	}
	if r := c.get(name); r.fresh(fi) {
		return r, fi, nil
	}
	body, err := io.ReadAll(f)
	if err != nil {
		return nil, nil, err
	}
	r := &representation{size: fi.Size(), modTime: fi.ModTime(), body: body, sum: sha256.Sum256(body)}
	r.etag = etag(r.sum)
	c.put(name, r)
	return r, fi, nil
}

// gzipOnTheFly returns the gzip representation of src, the identity
// representation of the file name, from the cache when src has not changed.
func (c *cache) gzipOnTheFly(name string, src *representation) *representation {
	key := name + "\x00gzip" // NUL never occurs in a served name
	if r := c.get(key); r != nil && r.from == src.etag {
		return r
	}
	body := gzipBytes(src.body)
	r := &representation{size: src.size, modTime: src.modTime, body: body, sum: sha256.Sum256(body), from: src.etag}
	r.etag = etag(r.sum)
	c.put(key, r)
	return r
}

// etag returns a strong entity tag for bytes with the SHA-256 sum: the sum in
// base64, quoted.
func etag(sum [sha256.Size]byte) string {
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:]) + `"`
}
