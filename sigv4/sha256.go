package sigv4

import "math/bits"

// A compact SHA-256 (FIPS 180-4) for the wasm build. crypto/sha256 brings
// the whole FIPS 140 module into the binary (AES, SHA-3, SHA-512 and a DRBG
// for its self-tests): about 44 KB of brotli download for every reader of a
// page. On wasm crypto/sha256 has no assembly either, so this is as fast
// there. Native builds keep crypto/sha256 and its assembly (hash_std.go);
// tests compare the two on every input they see.

const (
	sha256Block = 64
	sha256Size  = 32
)

var sha256K = [64]uint32{
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

// sha256Digest is a streaming SHA-256 state.
type sha256Digest struct {
	h   [8]uint32
	buf [sha256Block]byte
	nb  int    // bytes in buf
	len uint64 // total bytes written
}

func (d *sha256Digest) reset() {
	d.h = [8]uint32{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}
	d.nb, d.len = 0, 0
}

func (d *sha256Digest) write(p []byte) {
	d.len += uint64(len(p))
	if d.nb > 0 {
		n := copy(d.buf[d.nb:], p)
		d.nb += n
		p = p[n:]
		if d.nb < sha256Block {
			return
		}
		sha256Blocks(&d.h, d.buf[:])
		d.nb = 0
	}
	if full := len(p) &^ (sha256Block - 1); full > 0 {
		sha256Blocks(&d.h, p[:full])
		p = p[full:]
	}
	d.nb = copy(d.buf[:], p)
}

func (d *sha256Digest) sum() (out [sha256Size]byte) {
	bitLen := d.len << 3
	var pad [sha256Block + 8]byte
	pad[0] = 0x80
	n := 1 + (sha256Block-1-8-d.nb+sha256Block)%sha256Block
	for i := 0; i < 8; i++ {
		pad[n+i] = byte(bitLen >> (56 - 8*i))
	}
	d.write(pad[:n+8])
	// The buffer held the message's last bytes (the secret, when the
	// caller hashed a key): not left in memory.
	clear(d.buf[:])
	for i, v := range d.h {
		out[4*i], out[4*i+1], out[4*i+2], out[4*i+3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
	}
	return out
}

// sha256Sum is SHA-256 of data in one call.
func sha256Sum(data []byte) [sha256Size]byte {
	var d sha256Digest
	d.reset()
	d.write(data)
	return d.sum()
}

// sha256BlocksGeneric compresses the whole blocks of p into h. Native
// builds use it only in tests (they hash with crypto/sha256); wasm builds
// use sha256block_wasm.s, which tests compare with it.
func sha256BlocksGeneric(h *[8]uint32, p []byte) {
	var w [64]uint32
	h0, h1, h2, h3, h4, h5, h6, h7 := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
	for len(p) >= sha256Block {
		for i := 0; i < 16; i++ {
			j := i * 4
			w[i] = uint32(p[j])<<24 | uint32(p[j+1])<<16 | uint32(p[j+2])<<8 | uint32(p[j+3])
		}
		for i := 16; i < 64; i++ {
			v1, v2 := w[i-2], w[i-15]
			t1 := bits.RotateLeft32(v1, -17) ^ bits.RotateLeft32(v1, -19) ^ (v1 >> 10)
			t2 := bits.RotateLeft32(v2, -7) ^ bits.RotateLeft32(v2, -18) ^ (v2 >> 3)
			w[i] = t1 + w[i-7] + t2 + w[i-16]
		}
		a, b, c, d, e, f, g, hh := h0, h1, h2, h3, h4, h5, h6, h7
		for i := 0; i < 64; i++ {
			t1 := hh + (bits.RotateLeft32(e, -6) ^ bits.RotateLeft32(e, -11) ^ bits.RotateLeft32(e, -25)) +
				((e & f) ^ (^e & g)) + sha256K[i] + w[i]
			t2 := (bits.RotateLeft32(a, -2) ^ bits.RotateLeft32(a, -13) ^ bits.RotateLeft32(a, -22)) +
				((a & b) ^ (a & c) ^ (b & c))
			hh, g, f, e, d, c, b, a = g, f, e, d+t1, c, b, a, t1+t2
		}
		h0 += a
		h1 += b
		h2 += c
		h3 += d
		h4 += e
		h5 += f
		h6 += g
		h7 += hh
		p = p[sha256Block:]
	}
	h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7] = h0, h1, h2, h3, h4, h5, h6, h7
}

// hmacSHA256Stream is HMAC-SHA256 (RFC 2104) over the streaming digest, for
// messages too long for hmacSHA256's stack buffer.
func hmacSHA256Stream(key, msg []byte) [sha256Size]byte {
	if len(key) > sha256Block {
		k := sha256Sum(key)
		key = k[:]
	}
	var pad [sha256Block]byte
	copy(pad[:], key)
	for i := range pad {
		pad[i] ^= 0x36
	}
	var d sha256Digest
	d.reset()
	d.write(pad[:])
	d.write(msg)
	inner := d.sum()
	for i := range pad {
		pad[i] ^= 0x36 ^ 0x5c
	}
	d.reset()
	d.write(pad[:])
	d.write(inner[:])
	return d.sum()
}

// constantTimeEqual compares without an early exit, so the time taken does
// not tell an attacker how much of a forged signature was right.
func constantTimeEqual(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	var v byte
	for i := range a {
		v |= a[i] ^ b[i]
	}
	return v == 0
}
