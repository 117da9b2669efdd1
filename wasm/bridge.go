// Command wasm is the WebAssembly bridge: it exposes the sigv4 core to
// JavaScript through a few exported functions exchanging JSON in linear
// memory. It holds no signing logic; it only translates inputs and results.
//
// Each call crosses once: JavaScript writes the input into a buffer, calls
// sigv4_call, and reads the output. A //go:wasmexport call like this costs
// about 0.7 µs where a syscall/js callback costs about 19 µs, more than the
// signature itself.
package main

import (
	"sigv4kit/internal/jsonv"
)

// version is reported to JavaScript as the module's version.
const version = "0.1.0"

// Operation codes, shared with web/src/sigv4.js.
const (
	opPresign      = 1
	opPostPolicy   = 2
	opSign         = 3
	opVerify       = 4
	opVersion      = 5
	opPresignBatch = 6
)

// maxBatch bounds presignBatch.
const maxBatch = 10000

// call runs one operation on a JSON input and returns the JSON envelope. It
// never panics: a panic inside wasm would end the Go program and every later
// call would fail, so it is recovered and reported as code "internal".
func call(op int32, data []byte) (out []byte) {
	defer func() {
		if r := recover(); r != nil {
			out = errEnvelope([]fieldErr{{"", "internal", "internal error; the instance is still usable"}})
		}
	}()
	if op == opVersion {
		return okEnvelope([]byte(`"` + version + `"`))
	}
	v, err := jsonv.Parse(data)
	if err != nil || v.Kind != jsonv.Object {
		return errEnvelope([]fieldErr{{"", "malformed", "input must be a plain object"}})
	}
	if op == opPresignBatch {
		return batch(v)
	}
	return runOne(op, v)
}

func runOne(op int32, v jsonv.Value) []byte {
	var errs []fieldErr
	in := newInput(v, "", &errs)
	var value []byte
	switch op {
	case opPresign:
		value = presignOp(in)
	case opPostPolicy:
		value = postPolicyOp(in)
	case opSign:
		value = signOp(in)
	case opVerify:
		value = verifyOp(in)
	default:
		return errEnvelope([]fieldErr{{"", "unsupported", "unknown operation"}})
	}
	if len(errs) > 0 || value == nil {
		if len(errs) == 0 {
			errs = append(errs, fieldErr{"", "internal", "no result"})
		}
		return errEnvelope(errs)
	}
	return okEnvelope(value)
}

// batch presigns many inputs in one crossing: {"items":[…]} gives an array
// of envelopes, one per item, so one bad item does not fail the rest.
func batch(v jsonv.Value) []byte {
	items, ok := v.Get("items")
	if !ok || items.Kind != jsonv.Array || len(v.Obj) != 1 {
		return errEnvelope([]fieldErr{{"items", "malformed", "must be an array of presign inputs"}})
	}
	if len(items.Arr) > maxBatch {
		return errEnvelope([]fieldErr{{"items", "out-of-range", "has more than 10000 inputs"}})
	}
	out := []byte(`{"ok":true,"value":[`)
	for i, item := range items.Arr {
		if i > 0 {
			out = append(out, ',')
		}
		if item.Kind != jsonv.Object {
			out = append(out, errEnvelope([]fieldErr{{"", "malformed", "input must be a plain object"}})...)
			continue
		}
		out = append(out, safeRunOne(opPresign, item)...)
	}
	return append(out, "]}"...)
}

func safeRunOne(op int32, v jsonv.Value) (out []byte) {
	defer func() {
		if r := recover(); r != nil {
			out = errEnvelope([]fieldErr{{"", "internal", "internal error; the instance is still usable"}})
		}
	}()
	return runOne(op, v)
}
