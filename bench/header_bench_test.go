package bench

import "testing"

// BenchmarkSignHeader signs the documented S3 GET Object (Range: bytes=0-9,
// empty body) from the URL string and headers to the Authorization value.
func BenchmarkSignHeader(b *testing.B) {
	for _, s := range headerSigners {
		b.Run("impl="+s.name, func(b *testing.B) {
			run(b, func() error { _, err := checkHeader(s); return err },
				func() (string, error) { a, _, err := s.sign(docTime); return a, err })
		})
	}
}
