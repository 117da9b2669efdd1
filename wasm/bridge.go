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
	"errors"
	"runtime"
	"strconv"

	"github.com/sigv4kit/sigv4kit/internal/jsonv"
)

// version is reported to JavaScript as the module's version.
const version = "0.1.0"

// Operation codes of sigv4_call, defined here only: web/src/sigv4.js knows
// opDescribe alone and learns the others from its reply when it loads the
// module, so the two sides cannot drift apart.
const (
	opPresign      = 1
	opPostPolicy   = 2
	opSign         = 3
	opVerify       = 4
	opDescribe     = 5 // {"version": version, "ops": {name: code}}
	opPresignBatch = 6
	opSnippets     = 7
)

// describe is opDescribe's reply: the version and every operation's code
// under the name of the JS API's function.
func describe(dst []byte) []byte {
	w := writer{b: append(dst, `{"ok":true,"value":`...)}
	w.open()
	w.str("version", version)
	w.key("ops")
	w.open()
	for _, op := range []struct {
		name string
		code int64
	}{{"presign", opPresign}, {"postPolicy", opPostPolicy}, {"sign", opSign}, {"verify", opVerify}, {"presignBatch", opPresignBatch}, {"snippets", opSnippets}} {
		w.key(op.name)
		w.b = jsonv.AppendInt(w.b, op.code)
	}
	w.close()
	w.close()
	return append(w.b, '}')
}

// inputParser parses every call's input into the same memory, and callErrs
// collects each call's problems in the same slice.
var (
	inputParser jsonv.Parser
	callErrs    []fieldErr
)

// maxBatch bounds presignBatch.
const maxBatch = 10000

// maxInput is the largest input, in bytes of JSON, that the module takes:
// jsonv's limit, which the glue reads (sigv4_max_input) and checks before
// it copies anything into linear memory. 16 MiB holds a 12 MiB body as
// bytes (base64 adds a third) or a 16 MiB text body; the core's own limit
// (256 MiB) is for native callers, whose memory is given back.
const maxInput = jsonv.MaxSize

// keepBuffer is the largest input or output buffer kept for the next call.
// Go's wasm memory never shrinks: a larger buffer is dropped after its call
// so that the heap can reuse its pages, instead of staying allocated.
const keepBuffer = 256 << 10

// The input and output buffers JavaScript reads and writes (register.go
// gives it their addresses). Package variables keep them alive meanwhile.
var inBuf, outBuf []byte

// inputBuffer returns the buffer for an input of n bytes, or nil when n is
// over maxInput: nothing is allocated for an input that will be refused.
func inputBuffer(n int) []byte {
	if n > maxInput {
		return nil
	}
	if cap(outBuf) > keepBuffer {
		// JavaScript has decoded the previous output by now.
		outBuf = nil
		runtime.GC()
	}
	n = max(n, 1)
	if n > cap(inBuf) {
		inBuf = make([]byte, n)
	}
	inBuf = inBuf[:n]
	return inBuf
}

// callBuffer runs op on the first n bytes of the input buffer, leaves the
// envelope in outBuf, and then clears what the call read: the input buffer
// (which held the secret) and the parser's copy of the input's tree. Nothing
// of the input stays in linear memory, and an input larger than keepBuffer
// does not stay allocated.
func callBuffer(op int32, n int) []byte {
	if n < 0 || n > len(inBuf) {
		n = 0
	}
	// The output buffer is reused: JavaScript has decoded the previous
	// output before it makes the next call.
	outBuf = call(op, inBuf[:n], outBuf[:0])
	clear(inBuf)
	inputParser.Clear()
	if cap(inBuf) > keepBuffer {
		// Collected now, so that the next large call reuses these pages
		// instead of growing the memory again: left to the pacer, a few
		// 10 MB calls in a row grew it to 100 MB.
		inBuf = nil
		runtime.GC()
	}
	return outBuf
}

// call runs one operation on a JSON input and appends the JSON envelope to
// dst. It never panics: a panic inside wasm would end the Go program and
// every later call would fail, so it is recovered and reported as code
// "internal". Like JavaScript's one thread, it runs one call at a time.
func call(op int32, data, dst []byte) (out []byte) {
	defer func() {
		if r := recover(); r != nil {
			out = errEnvelope(dst[:0], []fieldErr{{"", "internal", "internal error; the instance is still usable"}})
		}
	}()
	if op == opDescribe {
		return describe(dst)
	}
	// Borrowed: data is the reused input buffer, and nothing built from the
	// input outlives this call (the key cache keeps its own copies); the
	// tree lives in inputParser's memory, reused by the next call.
	v, err := inputParser.ParseBorrowed(data)
	if err != nil {
		return errEnvelope(dst, []fieldErr{parseProblem(err)})
	}
	if v.Kind != jsonv.Object {
		return errEnvelope(dst, []fieldErr{{"", "malformed", "input must be a plain object"}})
	}
	if op == opPresignBatch {
		return batch(v, dst)
	}
	return runOne(op, v, dst)
}

// parseProblem says why the input could not be read: a limit with its
// number, or the repeated key by name (a name, never a value).
func parseProblem(err error) fieldErr {
	var se *jsonv.SyntaxError
	if !errors.As(err, &se) {
		return fieldErr{"", "malformed", "input is not JSON"}
	}
	switch se.Msg {
	case jsonv.MsgSize:
		return fieldErr{"", "out-of-range", "input is larger than " + strconv.Itoa(maxInput>>20) + " MiB (" + strconv.Itoa(maxInput) + " bytes of JSON), the limit of the module"}
	case jsonv.MsgDepth:
		return fieldErr{"", "out-of-range", "input nests objects and arrays more than " + strconv.Itoa(jsonv.MaxDepth) + " deep"}
	case jsonv.MsgValues:
		return fieldErr{"", "out-of-range", "input holds more than " + strconv.Itoa(jsonv.MaxValues) + " values"}
	case jsonv.MsgDuplicate:
		key := se.Key
		if len(key) > 64 {
			key = key[:64] + "…"
		}
		return fieldErr{"", "malformed", "input has the key " + string(jsonv.AppendString(nil, key)) + " twice in one object"}
	}
	return fieldErr{"", "malformed", "input is not valid JSON: " + se.Msg + " at byte " + strconv.Itoa(se.Offset)}
}

// runOne appends {"ok":true,"value":…} or the error envelope to dst.
func runOne(op int32, v jsonv.Value, dst []byte) []byte {
	callErrs = callErrs[:0]
	in := newInput(&v, "", &callErrs)
	w := writer{b: append(dst, `{"ok":true,"value":`...)}
	var ok bool
	switch op {
	case opPresign:
		ok = presignOp(in, &w)
	case opPostPolicy:
		ok = postPolicyOp(in, &w)
	case opSign:
		ok = signOp(in, &w)
	case opVerify:
		ok = verifyOp(in, &w)
	case opSnippets:
		ok = snippetsOp(in, &w)
	default:
		return errEnvelope(dst, []fieldErr{{"", "unsupported", "unknown operation"}})
	}
	if !ok || len(callErrs) > 0 {
		if len(callErrs) == 0 {
			callErrs = append(callErrs, fieldErr{"", "internal", "no result"})
		}
		return errEnvelope(dst, callErrs)
	}
	return append(w.b, '}')
}

// batch presigns many inputs in one crossing: {"items":[…]} gives an array
// of envelopes, one per item, so one bad item does not fail the rest.
func batch(v jsonv.Value, dst []byte) []byte {
	items, ok := v.Get("items")
	if !ok || items.Kind != jsonv.Array || len(v.Obj) != 1 {
		return errEnvelope(dst, []fieldErr{{"items", "malformed", "must be an array of presign inputs"}})
	}
	if len(items.Arr) > maxBatch {
		return errEnvelope(dst, []fieldErr{{"items", "out-of-range", "has more than 10000 inputs"}})
	}
	out := append(dst, `{"ok":true,"value":[`...)
	for i, item := range items.Arr {
		if i > 0 {
			out = append(out, ',')
		}
		if item.Kind != jsonv.Object {
			out = errEnvelope(out, []fieldErr{{"", "malformed", "input must be a plain object"}})
			continue
		}
		out = safeRunOne(opPresign, item, out)
	}
	return append(out, "]}"...)
}

func safeRunOne(op int32, v jsonv.Value, dst []byte) (out []byte) {
	defer func() {
		if r := recover(); r != nil {
			out = errEnvelope(dst, []fieldErr{{"", "internal", "internal error; the instance is still usable"}})
		}
	}()
	return runOne(op, v, dst)
}
