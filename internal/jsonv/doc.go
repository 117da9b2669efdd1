// Package jsonv is a small JSON reader and writer for the wasm build, where
// encoding/json would add 177 KB (brotli) to the download.
//
// Parse reads strict RFC 8259 JSON into a Value tree that keeps object member
// order and each number's literal text. It decodes strings exactly as
// encoding/json does: escapes, surrogate pairs combined, a lone surrogate
// escape or an invalid UTF-8 byte replaced by U+FFFD. It is stricter than
// encoding/json where that protects the wasm instance and the signer:
// nesting deeper than MaxDepth, input longer than MaxSize, more than
// MaxValues values, and a key repeated within one object are all errors,
// and so is a number outside float64's range (which json.Unmarshal also
// refuses).
//
// The Append functions write JSON byte for byte as json.Marshal would for a
// string, a float64 or an int64.
//
// Nothing here panics on any input: a panic would end the Go program that
// serves every later call from the page.
//
// Spec: https://www.rfc-editor.org/rfc/rfc8259
package jsonv
