package sigv4

import (
	"math"
	"time"
)

// ParseTime reads a signing time as a user may type it: RFC 3339 / ISO 8601
// ("2013-05-24T00:00:00Z", with a fraction or a ±hh:mm offset), the AWS
// basic form "20130524T000000Z", or a bare date "2013-05-24" (midnight UTC).
// The result is in UTC. It is written by hand because time.Parse costs the
// wasm build about 15 KB of download.
func ParseTime(s string) (time.Time, error) {
	if t, err := ParseAmzDate(s); err == nil {
		return t, nil
	}
	var d digits
	d.s = s
	y := d.num(4)
	d.lit('-')
	mo := d.num(2)
	d.lit('-')
	day := d.num(2)
	if d.bad || mo < 1 || mo > 12 || day < 1 || day > 31 {
		return time.Time{}, ErrMalformed
	}
	if d.i == len(s) {
		return validDate(y, mo, day, 0, 0, 0, 0, 0)
	}
	if d.i < len(s) && (s[d.i] == 'T' || s[d.i] == 't') {
		d.i++
	} else {
		return time.Time{}, ErrMalformed
	}
	h := d.num(2)
	d.lit(':')
	mi := d.num(2)
	d.lit(':')
	sec := d.num(2)
	nanos := 0
	if d.i < len(s) && s[d.i] == '.' {
		d.i++
		start := d.i
		for d.i < len(s) && s[d.i] >= '0' && s[d.i] <= '9' {
			if d.i-start < 9 {
				nanos = nanos*10 + int(s[d.i]-'0')
			}
			d.i++
		}
		n := d.i - start
		if n == 0 {
			return time.Time{}, ErrMalformed
		}
		for ; n < 9; n++ {
			nanos *= 10
		}
	}
	offset := 0
	switch {
	case d.i < len(s) && (s[d.i] == 'Z' || s[d.i] == 'z'):
		d.i++
	case d.i < len(s) && (s[d.i] == '+' || s[d.i] == '-'):
		sign := 1
		if s[d.i] == '-' {
			sign = -1
		}
		d.i++
		oh := d.num(2)
		d.lit(':')
		om := d.num(2)
		if oh > 23 || om > 59 {
			return time.Time{}, ErrMalformed
		}
		offset = sign * (oh*3600 + om*60)
	default:
		return time.Time{}, ErrMalformed
	}
	if d.bad || d.i != len(s) || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, ErrMalformed
	}
	return validDate(y, mo, day, h, mi, sec, nanos, offset)
}

func validDate(y, mo, d, h, mi, s, ns, offset int) (time.Time, error) {
	if d > daysInMonth(y, mo) {
		return time.Time{}, ErrMalformed
	}
	return civilTime(y, mo, d, h, mi, s, ns).Add(-time.Duration(offset) * time.Second), nil
}

// digits scans fixed-width numbers and literal separators.
type digits struct {
	s   string
	i   int
	bad bool
}

func (d *digits) num(n int) int {
	v := 0
	for k := 0; k < n; k++ {
		if d.i >= len(d.s) || d.s[d.i] < '0' || d.s[d.i] > '9' {
			d.bad = true
			return 0
		}
		v = v*10 + int(d.s[d.i]-'0')
		d.i++
	}
	return v
}

func (d *digits) lit(c byte) {
	if d.i >= len(d.s) || d.s[d.i] != c {
		d.bad = true
		return
	}
	d.i++
}

// TimeFromMillis converts JavaScript epoch milliseconds. NaN and infinities
// are malformed; times outside the years 1970-9999 are out of range.
func TimeFromMillis(ms float64) (time.Time, error) {
	if math.IsNaN(ms) || math.IsInf(ms, 0) {
		return time.Time{}, ErrMalformed
	}
	if ms < 0 || ms > 253402300799999 {
		return time.Time{}, ErrOutOfRange
	}
	return time.UnixMilli(int64(ms)).UTC(), nil
}
