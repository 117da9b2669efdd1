package jsonv

import "unsafe"

// skipPlain returns the first index from i on where an 8-byte run may hold a
// byte JSON must escape ('"', '\', below 0x20) or, with high set, a
// non-ASCII byte; runs without one are skipped whole. Strings are most of
// what the wasm bridge reads and writes, and in wasm a byte-at-a-time loop
// over them was the largest cost of parsing and writing after SHA-256.
// Callers go on byte by byte from the index returned.
func skipPlain(p unsafe.Pointer, i, n int, high bool) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var highMask uint64
	if high {
		highMask = highs
	}
	for ; i+8 <= n; i += 8 {
		x := *(*uint64)(unsafe.Add(p, i)) // little-endian on amd64, arm64 and wasm
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

func skipPlainString(s string, i int) int {
	return skipPlain(unsafe.Pointer(unsafe.StringData(s)), i, len(s), false)
}

func skipPlainBytes(b []byte, i int) int {
	return skipPlain(unsafe.Pointer(unsafe.SliceData(b)), i, len(b), true)
}
