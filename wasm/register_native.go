//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main exists so that go build ./... and go vet ./... pass natively; the
// bridge's logic (bridge.go) is tested natively through call.
func main() {
	fmt.Fprintln(os.Stderr, "wasm: build with GOOS=js GOARCH=wasm")
	os.Exit(2)
}
