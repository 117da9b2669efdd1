package sigv4

import "testing"

// BenchmarkSHA256Block is one compression of 64 bytes: a presign costs about
// ten of them, which dominates its time in wasm. impl=build is what the
// build uses (wasm: sha256block_wasm.s), impl=generic the Go version.
func BenchmarkSHA256Block(b *testing.B) {
	block := make([]byte, 64)
	for _, impl := range []struct {
		name string
		f    func(*[8]uint32, []byte)
	}{{"build", sha256Blocks}, {"generic", sha256BlocksGeneric}} {
		b.Run("impl="+impl.name, func(b *testing.B) {
			var h [8]uint32
			for b.Loop() {
				impl.f(&h, block)
			}
		})
	}
}
