package sigv4

// hmacSHA256 computes HMAC-SHA256 without allocating for messages up to
// stackHMAC bytes: every signature costs one HMAC, so the hot path avoids
// crypto/hmac's two heap-allocated digests. Longer messages (POST policies)
// take hmacLong. Keys longer than a block are hashed first (RFC 2104),
// which only happens for absurdly long secret keys.
func hmacSHA256(key, msg []byte) [32]byte {
	if len(key) > sha256Block {
		// RFC 2104: the key is its hash. Done here rather than in
		// hmacLong so that the key ("AWS4" + secret) is never copied to
		// the heap, where it would outlive the call.
		k := sum256(key)
		out := hmacSHA256(k[:], msg)
		clear(k[:])
		return out
	}
	if len(msg) > stackHMAC {
		// Copies, so that key and msg do not escape to the heap on the
		// common path: crypto/hmac keeps what it is given. Long messages
		// are POST policies, signed with a derived key, never the secret.
		return hmacLong(append([]byte(nil), key...), append([]byte(nil), msg...))
	}
	var buf [sha256Block + stackHMAC]byte
	for i := range sha256Block {
		var k byte
		if i < len(key) {
			k = key[i]
		}
		buf[i] = k ^ 0x36
	}
	n := copy(buf[sha256Block:], msg)
	inner := sum256(buf[:sha256Block+n])
	for i := range sha256Block {
		buf[i] ^= 0x36 ^ 0x5c
	}
	copy(buf[sha256Block:], inner[:])
	out := sum256(buf[:sha256Block+sha256Size])
	clear(buf[:sha256Block]) // the padded key: the secret, for kDate
	return out
}

const stackHMAC = 256

// hmacPads returns key (at most a block) XORed with HMAC's inner and outer
// pad bytes: the first block each of HMAC's two hashes.
func hmacPads(key []byte) (ipad, opad [sha256Block]byte) {
	copy(ipad[:], key)
	copy(opad[:], key)
	for i := range ipad {
		ipad[i] ^= 0x36
		opad[i] ^= 0x5c
	}
	return ipad, opad
}
