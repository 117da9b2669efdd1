package main

import "testing"

// BenchmarkCallPresign measures one bridge call natively: JSON in, presign,
// JSON out. Its allocations are those the wasm build's GC must collect.
func BenchmarkCallPresign(b *testing.B) {
	in := []byte(docPresign)
	var buf []byte
	b.ReportAllocs()
	for b.Loop() {
		buf = call(opPresign, in, buf[:0])
	}
}
