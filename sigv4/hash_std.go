//go:build !js

package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"hash"
	"sync"
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

// macKey is a signing key ready to MAC with. A cached key keeps a
// crypto/hmac state whose Reset restores the inner and outer pad states
// without hashing them again: two of the eleven SHA-256 blocks of a
// presign. A key the caller gave (not cached) signs through hmacSHA256.
type macKey struct {
	key SigningKey
	mu  sync.Mutex
	h   hash.Hash // nil until prepare
	sum []byte
	msg []byte // the message, copied: handing the caller's stack buffer to
	// an interface method would move that buffer to the heap
}

func newMacKey(k SigningKey) *macKey { return &macKey{key: k} }

// prepare readies the cached HMAC state; cachedSigningKey calls it once.
func (k *macKey) prepare() {
	k.h = hmac.New(sha256.New, k.key[:])
	k.sum = make([]byte, 0, sha256.Size)
}

func (k *macKey) mac(msg []byte) (out [32]byte) {
	if k.h == nil {
		return hmacSHA256(k.key[:], msg)
	}
	k.mu.Lock()
	k.msg = append(k.msg[:0], msg...)
	k.h.Reset()
	k.h.Write(k.msg)
	k.sum = k.h.Sum(k.sum[:0])
	copy(out[:], k.sum)
	k.mu.Unlock()
	return out
}
