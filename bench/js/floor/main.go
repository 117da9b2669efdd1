//go:build js && wasm

// Command floor is the smallest Go WebAssembly program built the way
// sigv4.wasm is (GOOS=js GOARCH=wasm, -trimpath -ldflags='-s -w', wasm-opt
// when installed) that JavaScript can call: main blocks, one
// //go:wasmexport function. bench/js/run-chromium.sh builds it into
// floor.wasm, and first-sig-floor.html loads it the way first-sig.html loads
// sigv4.wasm, to measure what any Go module costs before the first call: the
// Go floor of "navigation to the first signature".
package main

// floor_call is the one call the page makes once the runtime has started.
//
//go:wasmexport floor_call
func floorCall(n int32) int32 { return n + 1 }

func main() {
	select {}
}
