package bench

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"testing"
)

// BenchmarkFloor is what any SigV4 signer must compute for a request whose
// canonical request is already built and whose signing key is cached: one
// SHA-256 of the documented canonical request, the string to sign, and one
// HMAC-SHA256 whose key pads are precomputed (crypto/hmac keeps them across
// Reset). It allocates nothing.
func BenchmarkFloor(b *testing.B) {
	for _, tc := range []struct{ op, id string }{{"presign", idPresign}, {"header", idHeader}} {
		b.Run("op="+tc.op, func(b *testing.B) {
			d := doc(tc.id).Expected
			cr := []byte(d.CanonicalRequest)
			prefix := "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
			mac := hmac.New(sha256.New, refSigningKey(docTime))
			var sts [256]byte
			var sum [32]byte
			var sig [64]byte
			floor := func() {
				h := sha256.Sum256(cr)
				s := append(sts[:0], prefix...)
				s = hex.AppendEncode(s, h[:])
				mac.Reset()
				mac.Write(s)
				hex.Encode(sig[:], mac.Sum(sum[:0]))
			}
			floor()
			if string(sig[:]) != d.Signature {
				b.Fatal(fmt.Errorf("floor %s: signature %s, want %s", tc.op, sig[:], d.Signature))
			}
			loop(b, floor)
		})
	}
}

// BenchmarkNewRequest is the part of the anchors' figures spent building the
// *http.Request they sign (sigv4 takes the URL string).
func BenchmarkNewRequest(b *testing.B) {
	loop(b, func() {
		r, err := http.NewRequest(http.MethodGet, objectURL, nil)
		if err != nil {
			b.Fatal(err)
		}
		r.Header.Set("Range", rangeHdr)
		r.Header.Set("X-Amz-Content-Sha256", emptySHA256)
		sink = r.Host
	})
}
