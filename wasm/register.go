//go:build js && wasm

package main

import "unsafe"

// The exported functions JavaScript calls. Buffers live in package variables
// so the garbage collector keeps them while JavaScript reads or writes them.
var inBuf, outBuf []byte

// sigv4_buffer makes the input buffer hold n bytes and returns its address.
//
//go:wasmexport sigv4_buffer
func sigv4Buffer(n int32) int32 {
	if n < 1 {
		n = 1
	}
	if int(n) > cap(inBuf) {
		inBuf = make([]byte, n)
	}
	inBuf = inBuf[:n]
	return int32(uintptr(unsafe.Pointer(&inBuf[0])))
}

// sigv4_call runs op on the first n bytes of the input buffer and returns
// the output's length; sigv4_output gives its address.
//
//go:wasmexport sigv4_call
func sigv4Call(op, n int32) int32 {
	if n < 0 || int(n) > len(inBuf) {
		n = 0
	}
	// The output buffer is reused: JavaScript has decoded the previous
	// output before it makes the next call.
	outBuf = call(op, inBuf[:n], outBuf[:0])
	return int32(len(outBuf))
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
