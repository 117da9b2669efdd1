package sigv4

// URIEncode is AWS's UriEncode: every byte outside A-Z a-z 0-9 - . _ ~ becomes
// %XX with uppercase hex, and '/' too unless keepSlash is set (paths keep it).
//
// net/url's escapers are not usable here: PathEscape leaves + = : @ $ & ! * ' (
// ) raw and QueryEscape turns a space into '+', while AWS computes the
// signature over %20 and %2B. A '+' left raw is read as a space by S3's query
// parser, so a URL carrying it would be signed for a different key.
func URIEncode(s string, keepSlash bool) string {
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) && !(keepSlash && s[i] == '/') {
			return string(appendURIEncode(make([]byte, 0, len(s)+16), s, keepSlash))
		}
	}
	return s
}

const upperHex = "0123456789ABCDEF"

// unreservedTable marks the bytes AWS leaves unencoded.
var unreservedTable = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
		t[c+'a'-'A'] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['-'], t['.'], t['_'], t['~'] = true, true, true, true
	return t
}()

func unreserved(c byte) bool { return unreservedTable[c] }

// appendURIEncode appends URIEncode(s, keepSlash) to dst without allocating
// beyond dst's growth.
func appendURIEncode[S ~string | ~[]byte](dst []byte, s S, keepSlash bool) []byte {
	// Runs of bytes that stay as they are are copied whole.
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreservedTable[c] || (keepSlash && c == '/') {
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		start = i + 1
	}
	return append(dst, s[start:]...)
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// percentDecode decodes %XX escapes once, the way a browser reads a URL: an
// escape that is not two hex digits is kept literally, and '+' stays '+'
// unless plusIsSpace (query strings, which S3 and the SDKs read as forms).
func percentDecode(s string, plusIsSpace bool) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '%' || (plusIsSpace && s[i] == '+') {
			n++
		}
	}
	if n == 0 {
		return s
	}
	return string(appendPercentDecode(make([]byte, 0, len(s)), s, plusIsSpace))
}

func appendPercentDecode(dst []byte, s string, plusIsSpace bool) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) {
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				dst = append(dst, hi<<4|lo)
				i += 2
				continue
			}
		}
		if c == '+' && plusIsSpace {
			c = ' '
		}
		dst = append(dst, c)
	}
	return dst
}

// appendCanonicalComponent appends URIEncode(percentDecode(s)): the form AWS
// signs for a query name or value, or for an S3 path, whatever escaping the
// caller used.
func appendCanonicalComponent(dst []byte, s string, keepSlash, plusIsSpace bool) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) {
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				i += 2
				dst = appendEncodedByte(dst, hi<<4|lo, keepSlash)
				continue
			}
		}
		if c == '+' && plusIsSpace {
			c = ' '
		}
		dst = appendEncodedByte(dst, c, keepSlash)
	}
	return dst
}

func appendEncodedByte(dst []byte, c byte, keepSlash bool) []byte {
	if unreservedTable[c] || (keepSlash && c == '/') {
		return append(dst, c)
	}
	return append(dst, '%', upperHex[c>>4], upperHex[c&15])
}
