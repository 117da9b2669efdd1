package bench

import "testing"

// BenchmarkPostPolicy builds, encodes and signs the POST policy of issue 2
// (key prefix, content-length-range, Content-Type prefix).
func BenchmarkPostPolicy(b *testing.B) {
	for _, p := range postSigners {
		b.Run("impl="+p.name, func(b *testing.B) {
			run(b, func() error { _, err := checkPost(p); return err },
				func() (string, error) { f, err := p.sign(postTime); return f.signature, err })
		})
	}
}
