//go:build !(js && wasm)

package sigv4

func sha256Blocks(h *[8]uint32, p []byte) { sha256BlocksGeneric(h, p) }
