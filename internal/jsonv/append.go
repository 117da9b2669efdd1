package jsonv

import (
	"math"
	"strconv"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// AppendString appends s to dst as a quoted JSON string, escaped exactly as
// json.Marshal escapes a Go string: `"` and `\` with a backslash; \b, \f,
// \n, \r, \t by name; other bytes below 0x20 as \u00XX; <, > and & as
// \u003c, \u003e, \u0026 so the output is safe inside HTML; U+2028 and
// U+2029 as \u2028 and \u2029 because JavaScript before ES2019 ends a line
// there; each byte that is not part of valid UTF-8 as U+FFFD, written as
// the character itself (as Go 1.27's json.Marshal writes it; earlier
// releases wrote the escape \ufffd, which means the same).
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			dst = appendASCIIEscape(append(dst, s[start:i]...), c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, "\uFFFD"...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// AppendNumber appends f to dst as json.Marshal writes a float64: the
// shortest decimal that reads back as f, in exponent form only when |f| is
// below 1e-6 or at least 1e21 (as JavaScript's Number#toString does). JSON
// has no NaN or infinity, and json.Marshal fails on them; AppendNumber has
// no error to return, so it writes null, as JSON.stringify does.
func AppendNumber(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, "null"...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// e-07 becomes e-7, as in JavaScript.
		if n := len(dst); dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// AppendInt appends i to dst in decimal, as json.Marshal writes an int64.
func AppendInt(dst []byte, i int64) []byte {
	return strconv.AppendInt(dst, i, 10)
}

// Append appends v to dst as compact JSON, members in their order in Obj.
// A Number is written as its Str when that is a valid JSON number literal,
// so parsed numbers keep their exact text, and otherwise from Num by
// AppendNumber. A Kind outside Null..Object is written as null, and so is
// any array or object nested more than MaxDepth deep: Parse never produces
// one, and only a Value that contains itself could make Append recurse
// forever.
func (v Value) Append(dst []byte) []byte {
	return v.append(dst, 0)
}

func (v *Value) append(dst []byte, depth int) []byte {
	switch v.Kind {
	case Bool:
		if v.Bool {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case Number:
		if end, msg := scanNumber(v.Str, 0); msg == "" && end == len(v.Str) {
			return append(dst, v.Str...)
		}
		return AppendNumber(dst, v.Num)
	case String:
		return AppendString(dst, v.Str)
	case Array:
		if depth >= MaxDepth {
			break
		}
		dst = append(dst, '[')
		for i := range v.Arr {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = v.Arr[i].append(dst, depth+1)
		}
		return append(dst, ']')
	case Object:
		if depth >= MaxDepth {
			break
		}
		dst = append(dst, '{')
		for i := range v.Obj {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendString(dst, v.Obj[i].Key)
			dst = append(dst, ':')
			dst = v.Obj[i].Value.append(dst, depth+1)
		}
		return append(dst, '}')
	}
	return append(dst, "null"...)
}

// jsonNeedsEscape marks the bytes JSON itself requires escaped: '"', '\'
// and the control characters.
var jsonNeedsEscape = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// AppendStringMinimal appends s as a quoted JSON string escaping only what
// JSON requires: '"', '\' and control characters. Other bytes, including
// non-ASCII and invalid UTF-8, are copied as they are. It is for output read
// by TextDecoder and JSON.parse (which replace invalid UTF-8 and accept
// U+2028 themselves), where HTML-safe escaping only costs time: in wasm the
// byte loop of AppendString was the largest cost of a presign call.
func AppendStringMinimal(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := skipPlainString(s, 0); i < len(s); {
		for end := min(i+8, len(s)); i < end; i++ {
			if c := s[i]; jsonNeedsEscape[c] {
				dst = appendASCIIEscape(append(dst, s[start:i]...), c)
				start = i + 1
			}
		}
		i = skipPlainString(s, i)
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendASCIIEscape appends the escape of one ASCII byte as json.Marshal
// writes it: a backslash before '"' and '\', \b \f \n \r \t by name,
// \u00XX for other control characters and for '<', '>' and '&'.
func appendASCIIEscape(dst []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(dst, '\\', c)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}
