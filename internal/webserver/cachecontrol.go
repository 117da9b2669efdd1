package webserver

import (
	"encoding/hex"
	"path"
	"strings"
)

// Cache-Control values. A file whose name carries the hash of its content
// never changes under that name, so any cache may keep it for a year without
// asking again; every other file is revalidated (a 304 while its ETag holds).
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// hashLen is the length of the content hash in a file name: the first 12
// lowercase hex digits of the SHA-256 of the file, as build.sh names them.
const hashLen = 12

// cacheControl returns the Cache-Control value for the file name, whose bytes
// (in the identity coding) are plain: immutable when the name is
// NAME.HASH.EXT and HASH begins the hex SHA-256 of plain, no-cache otherwise.
// The hash is checked, not trusted, so a file given a hashed-looking name by
// hand is never kept for good by mistake.
func cacheControl(name string, plain *representation) string {
	base := path.Base(name)
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	hash := strings.TrimPrefix(path.Ext(stem), ".")
	if ext == "" || len(hash) != hashLen || hash != hex.EncodeToString(plain.sum[:hashLen/2]) {
		return cacheRevalidate
	}
	return cacheImmutable
}
