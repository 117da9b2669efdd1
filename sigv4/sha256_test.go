package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The wasm build's SHA-256 and HMAC (sha256.go) are checked against the
// standard library on lengths around every block and padding boundary.
func TestSHA256MatchesStandardLibrary(t *testing.T) {
	for n := 0; n <= 300; n++ {
		data := []byte(strings.Repeat("abcdefghij", 31)[:n])
		assert.Equal(t, sha256.Sum256(data), sha256Sum(data), "length %d", n)
		for _, klen := range []int{0, 20, 64, 65, 200} {
			key := []byte(strings.Repeat("k", klen))
			m := hmac.New(sha256.New, key)
			m.Write(data)
			var want [32]byte
			m.Sum(want[:0])
			assert.Equal(t, want, hmacSHA256Stream(key, data), "HMAC key %d message %d", klen, n)
			assert.Equal(t, want, hmacSHA256(key, data), "stack HMAC key %d message %d", klen, n)
		}
	}
}

func TestSHA256StreamingSplits(t *testing.T) {
	data := []byte(strings.Repeat("0123456789", 40))
	want := sha256.Sum256(data)
	for split := 0; split <= len(data); split += 7 {
		var d sha256Digest
		d.reset()
		d.write(data[:split])
		d.write(data[split:])
		assert.Equal(t, want, d.sum(), "split at %d", split)
	}
}

func FuzzSHA256(f *testing.F) {
	f.Add([]byte(""), []byte("key"))
	f.Add([]byte(strings.Repeat("x", 119)), []byte(strings.Repeat("k", 65)))
	f.Fuzz(func(t *testing.T, data, key []byte) {
		if sha256.Sum256(data) != sha256Sum(data) {
			t.Fatalf("SHA-256 differs for %q", data)
		}
		m := hmac.New(sha256.New, key)
		m.Write(data)
		var want [32]byte
		m.Sum(want[:0])
		if hmacSHA256Stream(key, data) != want || hmacSHA256(key, data) != want {
			t.Fatalf("HMAC differs for key %q data %q", key, data)
		}
	})
}

// The block function the build uses (wasm: sha256block_wasm.s) against the
// Go one, on random states and runs of 1 to 8 blocks, unaligned too.
func TestSHA256BlocksMatchGeneric(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 9*sha256Block+3)
	for i := 0; i < 2000; i++ {
		for j := range buf {
			buf[j] = byte(rng.Uint32())
		}
		var h [8]uint32
		for j := range h {
			h[j] = rng.Uint32()
		}
		off := rng.IntN(4)
		p := buf[off : off+sha256Block*(1+rng.IntN(8))+rng.IntN(sha256Block)]
		want, got := h, h
		sha256BlocksGeneric(&want, p)
		sha256Blocks(&got, p)
		if want != got {
			t.Fatalf("case %d: %d bytes at offset %d: %x, want %x", i, len(p), off, got, want)
		}
	}
}
