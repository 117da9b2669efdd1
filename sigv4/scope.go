package sigv4

import "time"

// Algorithm is the only signing algorithm this package implements.
const Algorithm = "AWS4-HMAC-SHA256"

// UnsignedPayload is the payload hash S3 accepts in place of the body's
// SHA-256: presigned URLs use it because the body is not known yet.
const UnsignedPayload = "UNSIGNED-PAYLOAD"

// EmptySHA256 is the hex SHA-256 of an empty body.
const EmptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// appendAmzDate appends t (already UTC) as 20060102T150405Z. Dates are
// written with dateFields rather than time.AppendFormat, which would add
// 7.8 KB of brotli download to the wasm module (measured with Go 1.27.3).
func appendAmzDate(dst []byte, t time.Time) []byte {
	f := dateFields(t)
	var b [16]byte
	put4(b[0:], f[0])
	put2(b[4:], f[1])
	put2(b[6:], f[2])
	b[8] = 'T'
	put2(b[9:], f[3])
	put2(b[11:], f[4])
	put2(b[13:], f[5])
	b[15] = 'Z'
	return append(dst, b[:]...)
}

// appendScopeDate appends t's UTC date as 20060102.
func appendScopeDate(dst []byte, t time.Time) []byte {
	f := dateFields(t)
	var b [8]byte
	put4(b[0:], f[0])
	put2(b[4:], f[1])
	put2(b[6:], f[2])
	return append(dst, b[:]...)
}

// dateFields is t's UTC year, month, day, hour, minute and second.
func dateFields(t time.Time) [6]int {
	days, secs := floorDiv(t.Unix(), 86400)
	y, m, d := civilFromDays(days)
	return [6]int{y, m, d, int(secs / 3600), int(secs / 60 % 60), int(secs % 60)}
}

// put4 and put2 write a number's last four or two decimal digits.
func put4(b []byte, v int) {
	_ = b[3]
	b[0], b[1], b[2], b[3] = byte('0'+v/1000%10), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10)
}

func put2(b []byte, v int) {
	_ = b[1]
	b[0], b[1] = byte('0'+v/10%10), byte('0'+v%10)
}

func floorDiv(a, b int64) (q, r int64) {
	q, r = a/b, a%b
	if r < 0 {
		q, r = q-1, r+b
	}
	return q, r
}

// civilFromDays is Howard Hinnant's days-to-civil algorithm (days since
// 1970-01-01 to a proleptic Gregorian date).
func civilFromDays(days int64) (year, month, day int) {
	z := days + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return int(y), int(m), int(d)
}

// daysFromCivil is the inverse of civilFromDays: the day count since
// 1970-01-01 of a proleptic Gregorian date (month 1-12, any day of it).
func daysFromCivil(year, month, day int) int64 {
	y := int64(year)
	if month <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	m := int64(month)
	if m > 2 {
		m -= 3
	} else {
		m += 9
	}
	doy := (153*m+2)/5 + int64(day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// daysInMonth is the length of a month (1-12) in the Gregorian calendar.
func daysInMonth(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// civilTime is the UTC instant of a date and time of day, without
// time.Date's normalization (callers have checked the ranges).
func civilTime(year, month, day, hour, min, sec, nsec int) time.Time {
	secs := daysFromCivil(year, month, day)*86400 + int64(hour*3600+min*60+sec)
	return time.Unix(secs, int64(nsec)).UTC()
}

// appendCredentialScope appends date/region/service/aws4_request.
func appendCredentialScope(dst []byte, t time.Time, region, service string) []byte {
	var d [8]byte
	return appendScope(dst, appendScopeDate(d[:0], t), region, service)
}

// appendScope is appendCredentialScope with the date written already
// (20060102, the first 8 bytes of an X-Amz-Date).
func appendScope(dst, date []byte, region, service string) []byte {
	dst = append(dst, date...)
	dst = append(dst, '/')
	dst = append(dst, region...)
	dst = append(dst, '/')
	dst = append(dst, service...)
	dst = append(dst, '/')
	return append(dst, scopeTerminator...)
}

// appendStringToSign appends the string to sign:
//
//	AWS4-HMAC-SHA256 \n amzDate \n scope \n hex(SHA-256(canonical request))
func appendStringToSign(dst, amzDate, scope []byte, crHash [32]byte) []byte {
	dst = append(dst, Algorithm...)
	dst = append(dst, '\n')
	dst = append(dst, amzDate...)
	dst = append(dst, '\n')
	dst = append(dst, scope...)
	dst = append(dst, '\n')
	return appendHex(dst, crHash[:])
}

func appendHex(dst, src []byte) []byte {
	const lower = "0123456789abcdef"
	for _, c := range src {
		dst = append(dst, lower[c>>4], lower[c&15])
	}
	return dst
}

// ParseAmzDate reads the X-Amz-Date form 20060102T150405Z.
func ParseAmzDate(s string) (time.Time, error) {
	if len(s) != 16 || s[8] != 'T' || s[15] != 'Z' {
		return time.Time{}, ErrMalformed
	}
	var v [6]int
	spans := [6][2]int{{0, 4}, {4, 6}, {6, 8}, {9, 11}, {11, 13}, {13, 15}}
	for i, sp := range spans {
		for j := sp[0]; j < sp[1]; j++ {
			c := s[j]
			if c < '0' || c > '9' {
				return time.Time{}, ErrMalformed
			}
			v[i] = v[i]*10 + int(c-'0')
		}
	}
	if v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60 {
		return time.Time{}, ErrMalformed
	}
	if v[2] > daysInMonth(v[0], v[1]) {
		return time.Time{}, ErrMalformed
	}
	return civilTime(v[0], v[1], v[2], v[3], v[4], v[5], 0), nil
}
