package jsonv

// skipPlain returns the first index from i on where an 8-byte run may hold a
// byte JSON must escape ('"', '\', below 0x20) or, with high set, a
// non-ASCII byte; runs without one are skipped whole. Strings are most of
// what the wasm bridge reads and writes, and in wasm a byte-at-a-time loop
// over them was the largest cost of parsing and writing after SHA-256.
// Callers go on byte by byte from the index returned.
func skipPlain[T string | []byte](s T, i int, high bool) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var highMask uint64
	if high {
		highMask = highs
	}
	for ; i+8 <= len(s); i += 8 {
		x := load64(s, i)
		quote := x ^ 0x22*ones
		slash := x ^ 0x5c*ones
		// A byte below n sets its high bit in x - n*ones where its own high
		// bit is clear (n = 1 finds the zero bytes of quote and slash).
		// Neither test reports a run that holds no such byte.
		if ((x-0x20*ones)&^x|(quote-ones)&^quote|(slash-ones)&^slash)&highs|x&highMask != 0 {
			break
		}
	}
	return i
}

// load64 reads s[i:i+8] as a little-endian word, as
// encoding/binary.LittleEndian.Uint64 does (that package would bring
// reflect into the wasm build); the compiler turns it into one load where
// the architecture allows, and it is correct on every GOARCH.
func load64[T string | []byte](s T, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func skipPlainString(s string, i int) int { return skipPlain(s, i, false) }

func skipPlainBytes(b []byte, i int) int { return skipPlain(b, i, true) }
