package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// macKey (precomputed pad states in the wasm build) gives HMAC-SHA256.
func TestMacKeyIsHMAC(t *testing.T) {
	key := DeriveSigningKey("secret", exampleTime, "us-east-1", "s3")
	k := newMacKey(key)
	for _, n := range []int{0, 1, 55, 56, 64, 130, 500} {
		msg := []byte(strings.Repeat("m", n))
		m := hmac.New(sha256.New, key[:])
		m.Write(msg)
		var want [32]byte
		m.Sum(want[:0])
		assert.Equal(t, want, k.mac(msg), "message length %d", n)
	}
}
