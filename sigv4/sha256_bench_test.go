package sigv4

import "testing"

// BenchmarkSHA256Block is one compression of 64 bytes: a presign costs about
// ten of them, which dominates its time in wasm.
func BenchmarkSHA256Block(b *testing.B) {
	var h [8]uint32
	block := make([]byte, 64)
	for b.Loop() {
		sha256Blocks(&h, block)
	}
}
