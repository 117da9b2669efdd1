//go:build !js

package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding"
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

// macKey is a signing key with the SHA-256 states after its HMAC inner and
// outer pad blocks (crypto/sha256's marshaled form), computed once per
// cached key: a signature then hashes two blocks fewer. The states are never
// written after newMacKey, so goroutines share a key without a lock.
type macKey struct {
	key          SigningKey
	inner, outer []byte
}

func newMacKey(k SigningKey) *macKey {
	ipad, opad := hmacPads(k[:])
	return &macKey{key: k, inner: padState(ipad[:]), outer: padState(opad[:])}
}

func padState(pad []byte) []byte {
	h := sha256.New()
	h.Write(pad)
	state, err := h.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil {
		panic("sigv4: crypto/sha256 cannot marshal its state: " + err.Error())
	}
	return state
}

func (k *macKey) mac(msg []byte) (out [32]byte) {
	h := sha256.New()
	restore(h, k.inner)
	h.Write(msg)
	var inner [32]byte
	h.Sum(inner[:0])
	restore(h, k.outer)
	h.Write(inner[:])
	h.Sum(out[:0])
	return out
}

func restore(h any, state []byte) {
	if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(state); err != nil {
		panic("sigv4: crypto/sha256 cannot restore its own state: " + err.Error())
	}
}
