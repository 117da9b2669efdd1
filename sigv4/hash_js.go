//go:build js

package sigv4

// The wasm build hashes with sha256.go: see there for why.

func sum256(b []byte) [32]byte { return sha256Sum(b) }

func hmacLong(key, msg []byte) [32]byte { return hmacSHA256Stream(key, msg) }

// macKey is a signing key with the SHA-256 states after its HMAC inner and
// outer pad blocks, computed once per cached key: every signature then
// skips two of the ten or so block compressions it costs, which in wasm
// (no SHA instructions, 32-bit arithmetic emulated in 64-bit registers) is
// the largest part of its time.
type macKey struct {
	key          SigningKey
	inner, outer [8]uint32
}

func newMacKey(k SigningKey) *macKey {
	ipad, opad := hmacPads(k[:])
	return &macKey{key: k, inner: padState(ipad[:]), outer: padState(opad[:])}
}

func padState(pad []byte) [8]uint32 {
	var d sha256Digest
	d.reset()
	sha256Blocks(&d.h, pad)
	return d.h
}

func (k *macKey) mac(msg []byte) [32]byte {
	d := sha256Digest{h: k.inner, len: sha256Block}
	d.write(msg)
	inner := d.sum()
	d = sha256Digest{h: k.outer, len: sha256Block}
	d.write(inner[:])
	return d.sum()
}
