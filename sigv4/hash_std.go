//go:build !js

package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
)

// Native builds hash with crypto/sha256, which uses the CPU's SHA
// instructions; see sha256.go for why wasm builds do not.

func sum256(b []byte) [32]byte { return sha256.Sum256(b) }

func hmacLong(key, msg []byte) (out [32]byte) {
	m := hmac.New(sha256.New, key)
	m.Write(msg)
	m.Sum(out[:0])
	return out
}

// macKey is a signing key ready to MAC with. Natively crypto/sha256's
// hardware path is faster than resuming precomputed pad states in Go.
type macKey struct {
	key SigningKey
}

func newMacKey(k SigningKey) *macKey { return &macKey{key: k} }

func (k *macKey) mac(msg []byte) [32]byte { return hmacSHA256(k.key[:], msg) }
