package bench

import "testing"

// BenchmarkPresign presigns the documented GET (examplebucket/test.txt,
// 86400 s) from the URL string to the presigned URL string.
func BenchmarkPresign(b *testing.B) {
	for _, p := range presigners {
		b.Run("impl="+p.name, func(b *testing.B) {
			run(b, func() error { _, _, err := checkPresign(p); return err },
				func() (string, error) { return p.presign(docTime) })
		})
	}
}
