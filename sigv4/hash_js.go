//go:build js

package sigv4

// The wasm build hashes with sha256.go: see there for why.

func sum256(b []byte) [32]byte { return sha256Sum(b) }

func hmacLong(key, msg []byte) [32]byte { return hmacSHA256Stream(key, msg) }
