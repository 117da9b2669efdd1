package sigv4

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Bounds on inputs. They are far above anything AWS accepts and exist so that
// absurd input fails fast with a clear error instead of exhausting memory.
const (
	maxHeaders      = 200
	maxHeaderValue  = 16 << 10
	maxQueryParams  = 1000
	maxTokenLen     = 8 << 10
	maxCredentialID = 256
	// DefaultMaxExpires is AWS's limit on X-Amz-Expires: 7 days.
	DefaultMaxExpires = 7 * 24 * time.Hour
)

// check validates the credentials, scope and time shared by all operations.
func (c *Context) check(p *problems) {
	switch id := c.AccessKeyID; {
	case id == "":
		p.add(FieldAccessKeyID, ErrMissing, "is required")
	case len(id) > maxCredentialID:
		p.add(FieldAccessKeyID, ErrOutOfRange, "is longer than 256 characters")
	case !isScopeSafe(id, true):
		p.add(FieldAccessKeyID, ErrMalformed, "must not contain '/', spaces or control characters")
	}
	switch {
	case c.SecretAccessKey == "" && c.SigningKey == nil:
		p.add(FieldSecretAccessKey, ErrMissing, "is required (or a signing key)")
	case c.SecretAccessKey != "" && c.SigningKey != nil:
		p.add(FieldSigningKey, ErrUnsupported, "give either a secret access key or a signing key, not both")
	case len(c.SecretAccessKey) > maxCredentialID:
		p.add(FieldSecretAccessKey, ErrOutOfRange, "is longer than 256 characters")
	case c.SecretAccessKey != "" && hasControl(c.SecretAccessKey):
		p.add(FieldSecretAccessKey, ErrMalformed, "must not contain control characters")
	}
	if t := c.SessionToken; t != "" {
		if len(t) > maxTokenLen {
			p.add(FieldSessionToken, ErrOutOfRange, "is longer than 8192 characters")
		} else if hasControl(t) || strings.ContainsAny(t, " ") {
			p.add(FieldSessionToken, ErrMalformed, "must not contain spaces or control characters")
		}
	}
	checkScopePart(p, FieldRegion, c.Region, true)
	checkScopePart(p, FieldService, c.Service, false)
	checkTime(p, FieldDate, c.Time)
	checkCredentialsExpireAt(p, c.CredentialsExpireAt, c.Time)
}

func checkScopePart(p *problems, field, v string, required bool) {
	switch {
	case v == "":
		if required {
			p.add(field, ErrMissing, "is required")
		}
	case len(v) > 64:
		p.add(field, ErrOutOfRange, "is longer than 64 characters")
	default:
		for i := 0; i < len(v); i++ {
			if !isNameChar(v[i]) {
				p.add(field, ErrMalformed, "may contain only letters, digits, '-', '_' and '.'")
				return
			}
		}
	}
}

// endOfYear9999 is 10000-01-01T00:00:00Z in Unix seconds: AWS dates have
// four digits for the year.
const endOfYear9999 = 253402300800

func checkTime(p *problems, field string, t time.Time) {
	if t.IsZero() {
		p.add(field, ErrMissing, "is required")
		return
	}
	// The years 1970 to 9999 (Unix seconds are cheaper than the year).
	if u := t.Unix(); u < 0 || u >= endOfYear9999 {
		p.add(field, ErrOutOfRange, "must be between the years 1970 and 9999")
	}
}

// isScopeSafe reports whether s can stand in a credential scope: printable
// ASCII, no '/', and no space when noSpace.
func isScopeSafe(s string, noSpace bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c > 0x7e || c == '/' || c == ',' || c == '=' {
			if !(c == ' ' && !noSpace) {
				return false
			}
		}
	}
	return true
}

// hasControl reports whether s holds an ASCII control byte (below 0x20, or
// DEL).
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return true
		}
	}
	return false
}

// isToken reports whether s is an HTTP token (RFC 9110), as method and header
// names must be.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isAlnum(c) || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// checkHeaders validates header names and values; field is "headers".
func checkHeaders(p *problems, field string, hs []Header) {
	if len(hs) > maxHeaders {
		p.add(field, ErrOutOfRange, "has more than 200 headers")
		return
	}
	for _, h := range hs {
		if !isToken(h.Name) {
			p.add(field, ErrMalformed, "has a header name that is not a valid HTTP token")
			continue
		}
		// The field name is built only for an error: this loop runs on
		// every signature.
		switch {
		case len(h.Value) > maxHeaderValue:
			p.add(field+"."+h.Name, ErrOutOfRange, "is longer than 16384 bytes")
		case !validHeaderValue(h.Value):
			p.add(field+"."+h.Name, ErrMalformed, "contains a control character or a line break that does not fold")
		case !utf8.ValidString(h.Value):
			p.add(field+"."+h.Name, ErrMalformed, "is not valid UTF-8")
		}
	}
}

// validHeaderValue allows tabs and folded lines (a line break followed by a
// space or tab, which canonicalization turns into one space) and rejects
// every other control character: a bare CR or LF would split the request.
func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\r' && i+1 < len(v) && v[i+1] == '\n':
			i++
			if i+1 >= len(v) || (v[i+1] != ' ' && v[i+1] != '\t') {
				return false
			}
		case c == '\n':
			if i+1 >= len(v) || (v[i+1] != ' ' && v[i+1] != '\t') {
				return false
			}
		case c == '\t':
		case c < 0x20 || c == 0x7f:
			return false
		}
	}
	return true
}

// checkRequest validates the context, the method and the URL of a request
// to sign (rawURL, or the URL of obj), and returns the parsed URL and
// whether it parsed. A missing region is inferred from the URL's host.
func (c *Context) checkRequest(p *problems, method, rawURL string, obj ObjectInput) (target, bool) {
	u, ok := c.checkURL(p, rawURL, obj)
	c.check(p)
	checkMethod(p, method)
	return u, ok
}

// checkURL parses the URL an operation signs for (rawURL, or the URL of
// obj) and fills a missing region from its host (InferRegion), so that
// every API signs a well-known host the same way without being told its
// region. It reports the URL's problems in p.
func (c *Context) checkURL(p *problems, rawURL string, obj ObjectInput) (target, bool) {
	before := len(p.list)
	rawURL = requestURL(p, rawURL, obj)
	if len(p.list) > before {
		return target{}, false
	}
	u, err := parseURL(rawURL)
	if err != nil {
		p.addErr(FieldURL, err)
		return u, false
	}
	u.path = wirePath(u.path, c.Path)
	if c.Region == "" {
		c.Region, _ = InferRegion(u.host)
	}
	return u, true
}

func checkMethod(p *problems, m string) {
	if m != "" && !isToken(m) {
		p.add(FieldMethod, ErrMalformed, "must be an HTTP method such as GET or PUT")
	}
}

// methodOr returns m in upper case, or def when m is empty.
func methodOr(m, def string) string {
	if m == "" {
		return def
	}
	return strings.ToUpper(m)
}

// isHost reports whether a header name is Host, in any case.
func isHost(name string) bool { return strings.EqualFold(name, "host") }
