//go:build js && wasm

package main

import "unsafe"

// The exported functions JavaScript calls; the buffers and their rules are
// in bridge.go, where native tests reach them.

// sigv4_buffer makes the input buffer hold n bytes and returns its address,
// or 0 when n is over the limit (sigv4_max_input): nothing is allocated then.
//
//go:wasmexport sigv4_buffer
func sigv4Buffer(n int32) int32 {
	b := inputBuffer(int(n))
	if b == nil {
		return 0
	}
	return int32(uintptr(unsafe.Pointer(&b[0])))
}

// sigv4_max_input is the largest input sigv4_buffer accepts, in bytes.
//
//go:wasmexport sigv4_max_input
func sigv4MaxInput() int32 { return maxInput }

// sigv4_call runs op on the first n bytes of the input buffer and returns
// the output's length; sigv4_output gives its address.
//
//go:wasmexport sigv4_call
func sigv4Call(op, n int32) int32 {
	return int32(len(callBuffer(op, int(n))))
}

//go:wasmexport sigv4_output
func sigv4Output() int32 {
	if len(outBuf) == 0 {
		return 0
	}
	return int32(uintptr(unsafe.Pointer(&outBuf[0])))
}

func main() {
	// Block forever: the exports are called from JavaScript after main has
	// started the runtime, and returning would end the program.
	select {}
}
