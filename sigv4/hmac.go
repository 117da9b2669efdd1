package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
)

// hmacSHA256 computes HMAC-SHA256 without allocating for messages up to
// stackHMAC bytes: every signature costs one HMAC, so the hot path avoids
// crypto/hmac's two heap-allocated digests. Longer messages (POST policies)
// go through crypto/hmac. Keys longer than a block are hashed first (RFC 2104),
// which only happens for absurdly long secret keys.
func hmacSHA256(key, msg []byte) [32]byte {
	if len(key) > sha256.BlockSize || len(msg) > stackHMAC {
		m := hmac.New(sha256.New, key)
		m.Write(msg)
		var out [32]byte
		m.Sum(out[:0])
		return out
	}
	var buf [sha256.BlockSize + stackHMAC]byte
	for i := range sha256.BlockSize {
		var k byte
		if i < len(key) {
			k = key[i]
		}
		buf[i] = k ^ 0x36
	}
	n := copy(buf[sha256.BlockSize:], msg)
	inner := sha256.Sum256(buf[:sha256.BlockSize+n])
	for i := range sha256.BlockSize {
		buf[i] ^= 0x36 ^ 0x5c
	}
	copy(buf[sha256.BlockSize:], inner[:])
	return sha256.Sum256(buf[:sha256.BlockSize+sha256.Size])
}

const stackHMAC = 256
