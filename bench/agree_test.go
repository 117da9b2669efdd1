package bench

import (
	"encoding/hex"
	"testing"
	"testing/synctest"
	"time"
)

// TestReference checks the independent reference signer against the
// documented values, so the checks built on it are anchored too.
func TestReference(t *testing.T) {
	for _, id := range []string{idPresign, idHeader} {
		if got, want := refSignature(id, docTime), doc(id).Expected.Signature; got != want {
			t.Errorf("refSignature(%s) = %s, want %s", id, got, want)
		}
		if got, want := hex.EncodeToString(refSigningKey(docTime)), doc(id).Expected.SigningKeyHex; got != want {
			t.Errorf("refSigningKey(%s) = %s, want %s", id, got, want)
		}
	}
	post := doc(idPost).Expected
	if got := hex.EncodeToString(refSigningKey(postTime)); got != post.SigningKeyHex {
		t.Errorf("refSigningKey(%s) = %s, want %s", idPost, got, post.SigningKeyHex)
	}
	if got := refPolicySignature(post.PolicyBase64, postTime); got != post.Signature {
		t.Errorf("refPolicySignature(published policy) = %s, want %s", got, post.Signature)
	}
}

// atDocTime runs f with the clock at the documented signing time: minio-go
// reads time.Now, and a synctest bubble's fake clock can be moved there.
func atDocTime(t *testing.T, readsClock bool, when time.Time, f func(t *testing.T)) {
	if !readsClock {
		f(t)
		return
	}
	synctest.Test(t, func(t *testing.T) {
		time.Sleep(time.Until(when))
		f(t)
	})
}

// TestAnchorsAgree runs the checks the benchmarks make before timing, with
// every implementation at the documented time: all of them must produce the
// documented signatures.
func TestAnchorsAgree(t *testing.T) {
	for _, p := range presigners {
		t.Run("Presign/impl="+p.name, func(t *testing.T) {
			atDocTime(t, p.readsClock, docTime, func(t *testing.T) {
				exact, signedAt, err := checkPresign(p)
				if err != nil {
					t.Fatal(err)
				}
				if !signedAt.Equal(docTime) {
					t.Fatalf("signed at %v, want %v", signedAt, docTime)
				}
				if p.name == "sigv4" && !exact {
					t.Error("sigv4's presigned URL is not the documented URL byte for byte")
				}
				t.Logf("documented signature; URL byte-exact: %v", exact)
			})
		})
	}
	for _, s := range headerSigners {
		t.Run("SignHeader/impl="+s.name, func(t *testing.T) {
			atDocTime(t, s.readsClock, docTime, func(t *testing.T) {
				signedAt, err := checkHeader(s)
				if err != nil {
					t.Fatal(err)
				}
				if !signedAt.Equal(docTime) {
					t.Fatalf("signed at %v, want %v", signedAt, docTime)
				}
			})
		})
	}
	for _, p := range postSigners {
		t.Run("PostPolicy/impl="+p.name, func(t *testing.T) {
			atDocTime(t, p.readsClock, postTime, func(t *testing.T) {
				signedAt, err := checkPost(p)
				if err != nil {
					t.Fatal(err)
				}
				if !signedAt.Equal(postTime) {
					t.Fatalf("signed at %v, want %v", signedAt, postTime)
				}
			})
		})
	}
	for _, p := range publishedPolicySigners {
		t.Run("PublishedPolicy/impl="+p.name, func(t *testing.T) {
			if err := checkPublishedPolicy(p); err != nil {
				t.Fatal(err)
			}
		})
	}
}
