package jsonv

import "testing"

// skipPlain never skips a byte JSON must escape (nor, with high, a
// non-ASCII one), for every byte value at every position, with neighbours
// that stress the borrow between bytes.
func TestSkipPlainNeverSkipsASpecialByte(t *testing.T) {
	special := func(c byte, high bool) bool { return jsonNeedsEscape[c] || high && c >= 0x80 }
	for _, fill := range []byte{'a', 0x7f, 0x21, 0x5d, 0x23} {
		for n := 1; n <= 24; n++ {
			for pos := 0; pos < n; pos++ {
				for c := 0; c < 256; c++ {
					b := make([]byte, n)
					for i := range b {
						b[i] = fill
					}
					b[pos] = byte(c)
					for _, high := range []bool{false, true} {
						var got int
						if high {
							got = skipPlainBytes(b, 0)
						} else {
							got = skipPlainString(string(b), 0)
						}
						first := n
						for i := range b {
							if special(b[i], high) {
								first = i
								break
							}
						}
						if got > first {
							t.Fatalf("skipPlain(%q, high=%v) = %d, past the special byte at %d", b, high, got, first)
						}
						if first == n && got < n-n%8 {
							t.Fatalf("skipPlain(%q, high=%v) = %d: stopped in a plain run", b, high, got)
						}
					}
				}
			}
		}
	}
}
