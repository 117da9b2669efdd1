package sigv4

import (
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
		got, reason, _ := parseURL(tt.in)
		assert.Equal(t, tt.reason, reason, "%q", tt.in)
		if tt.reason == nil {
			assert.Equal(t, tt.want, got, "%q", tt.in)
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
