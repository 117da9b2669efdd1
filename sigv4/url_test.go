package sigv4

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		in     string
		want   target
		reason error
	}{
		{"https://examplebucket.s3.amazonaws.com/test.txt", target{"https", "examplebucket.s3.amazonaws.com", "/test.txt", ""}, nil},
		{"HTTPS://Example.COM/A?B=C", target{"https", "example.com", "/A", "B=C"}, nil},
		{"Http://h", target{"http", "h", "/", ""}, nil},
		{"https://H.example:443/p", target{"https", "h.example", "/p", ""}, nil},
		{"http://h:80", target{"http", "h", "/", ""}, nil},
		{"http://h:443/", target{"http", "h:443", "/", ""}, nil},
		{"https://127.0.0.1:9000/b/k", target{"https", "127.0.0.1:9000", "/b/k", ""}, nil},
		{"http://[FE80::1]:8080/x", target{"http", "[fe80::1]:8080", "/x", ""}, nil},
		{"https://h?x=1#frag", target{"https", "h", "/", "x=1"}, nil},
		{"https://h#frag?x=1", target{"https", "h", "/", ""}, nil},
		{"https://h/a%20b+c?q=%2F", target{"https", "h", "/a%20b+c", "q=%2F"}, nil},
		{"", target{}, ErrMissing},
		{"example.com/x", target{}, ErrMalformed},
		{"://h/x", target{}, ErrMalformed},
		{"ftp://h/x", target{}, ErrUnsupported},
		{"https://user:pw@h/x", target{}, ErrUnsupported},
		{"https:///x", target{}, ErrMalformed},
		{"https://h\x00/x", target{}, ErrMalformed},
		{"https://ex ample.com/", target{}, ErrMalformed},
		{"https://bücher.example/", target{}, ErrUnsupported},
		{"https://h:0/", target{}, ErrOutOfRange},
		{"https://h:65536/", target{}, ErrOutOfRange},
		{"https://h:12a/", target{}, ErrMalformed},
		{"https://[::1/", target{}, ErrMalformed},
	}
	for _, tt := range tests {
		got, err := parseURL(tt.in)
		if tt.reason == nil {
			assert.NoError(t, err, "%q", tt.in)
			assert.Equal(t, tt.want, got, "%q", tt.in)
		} else {
			assert.ErrorIs(t, err, tt.reason, "%q", tt.in)
		}
	}
}

func TestCheckTimeBounds(t *testing.T) {
	for _, tt := range []struct {
		t  time.Time
		ok bool
	}{
		{time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC), false},
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), true},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 1, 1, 3, 0, 0, 0, time.FixedZone("", 3*3600)), true},
		{time.Time{}, false},
	} {
		var p problems
		checkTime(&p, FieldDate, tt.t)
		assert.Equal(t, tt.ok, p.err() == nil, "%v", tt.t)
	}
}

// hasControl's eight-bytes-at-a-time test against the byte loop, for every
// byte value at every position of strings of 1 to 20 bytes.
func TestHasControlMatchesByteLoop(t *testing.T) {
	slow := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 || c == 0x7f {
				return true
			}
		}
		return false
	}
	base := []byte("abcdefghijklmnopqrst")
	for n := 1; n <= len(base); n++ {
		for pos := 0; pos < n; pos++ {
			for c := 0; c < 256; c++ {
				b := append([]byte(nil), base[:n]...)
				b[pos] = byte(c)
				if n > 2 {
					b[(pos+1)%n] = 0xff // a neighbour with its high bit set
				}
				if got, want := hasControl(string(b)), slow(string(b)); got != want {
					t.Fatalf("hasControl(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}

// The hand-written date formatting against time.Format, from 1970 to 9999.
func TestAmzDateMatchesTimeFormat(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	check := func(tm time.Time) {
		if got, want := string(appendAmzDate(nil, tm)), tm.UTC().Format("20060102T150405Z"); got != want {
			t.Fatalf("appendAmzDate(%v) = %s, want %s", tm, got, want)
		}
		if got, want := string(appendScopeDate(nil, tm)), tm.UTC().Format("20060102"); got != want {
			t.Fatalf("appendScopeDate(%v) = %s, want %s", tm, got, want)
		}
	}
	for _, tm := range []time.Time{
		time.Unix(0, 0), time.Unix(86399, 0), time.Unix(86400, 0), time.Unix(951782400, 0), // 2000-02-29
		time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC), time.Date(2100, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(2026, 1, 1, 2, 0, 0, 0, time.FixedZone("", 3*3600)),
		// Verify reads any X-Amz-Date from year 0000 on.
		time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(1600, 2, 29, 12, 0, 0, 0, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(0, 3, 1, 0, 0, 1, 0, time.UTC),
	} {
		check(tm)
	}
	for i := 0; i < 200000; i++ {
		check(time.Unix(rng.Int64N(253402300800+62167219200)-62167219200, 0)) // years 0000-9999
	}
}

func TestISOMillisMatchesTimeFormat(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 100000; i++ {
		tm := time.Unix(rng.Int64N(253402300800+62167219200)-62167219200, rng.Int64N(1e9))
		if got, want := FormatISOMillis(tm), tm.UTC().Format("2006-01-02T15:04:05.000Z"); got != want {
			t.Fatalf("FormatISOMillis(%v) = %s, want %s", tm, got, want)
		}
	}
}

// The date arithmetic against time.Date, years 0000-9999, every day of the
// month including invalid ones.
func TestCivilTimeMatchesTimeDate(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 200000; i++ {
		y, m, d := rng.IntN(10000), 1+rng.IntN(12), 1+rng.IntN(31)
		h, mi, s, ns := rng.IntN(24), rng.IntN(60), rng.IntN(61), rng.IntN(1e9)
		want := time.Date(y, time.Month(m), d, h, mi, s, ns, time.UTC)
		if valid := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d; valid != (d <= daysInMonth(y, m)) {
			t.Fatalf("daysInMonth(%d, %d) = %d, but day %d valid is %v", y, m, daysInMonth(y, m), d, valid)
		} else if !valid {
			continue
		}
		if got := civilTime(y, m, d, h, mi, s, ns); !got.Equal(want) {
			t.Fatalf("civilTime(%d-%d-%d %d:%d:%d.%d) = %v, want %v", y, m, d, h, mi, s, ns, got, want)
		}
	}
}

func TestIsAddedHeader(t *testing.T) {
	for name, want := range map[string]bool{
		"Authorization": true, "AUTHORIZATION": true, "x-amz-date": true, "X-Amz-Content-Sha256": true,
		"X-AMZ-SECURITY-TOKEN": true, "Range": false, "x-amz-meta-a": false, "accept": false, "": false,
		"x": false, "X-Amz-Dates": false, "Content-Type": false, "host": false,
	} {
		assert.Equal(t, want, isAddedHeader(name), name)
	}
}
