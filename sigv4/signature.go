package sigv4

import (
	"strings"
	"time"
)

// signingKey returns the key that signs for c's scope at t: the caller's
// day-scoped key, or one derived from the secret (cached per day and scope).
func (c *Context) signingKey(t time.Time) *macKey {
	if c.SigningKey != nil {
		return newMacKey(*c.SigningKey)
	}
	return cachedSigningKey(c.SecretAccessKey, t, c.Region, c.service())
}

// signed is the outcome of signing one canonical request.
type signed struct {
	signature [64]byte // hex
	scope     []byte
}

// signCanonical hashes the canonical request, builds the string to sign
// (amzDate is t as X-Amz-Date) and signs it. With c.Debug it fills dbg with every intermediate value.
func (c *Context) signCanonical(t time.Time, amzDate, cr, signedHeaders, scope []byte, dbg *Debug) (sig [64]byte) {
	var stsBuf [192]byte
	sts := appendStringToSign(stsBuf[:0], amzDate, scope, sum256(cr))
	key := c.signingKey(t)
	mac := key.mac(sts)
	appendHex(sig[:0], mac[:])
	if !c.Debug && !c.ShowSigningKey {
		return sig
	}
	// One string holds all five; each is a slice of it.
	var b strings.Builder
	b.Grow(len(cr) + len(sts) + len(scope) + len(signedHeaders) + len(sig))
	for _, part := range [...][]byte{cr, sts, scope, signedHeaders, sig[:]} {
		b.Write(part)
	}
	str := b.String()
	n := len(cr)
	dbg.CanonicalRequest = str[:n]
	dbg.StringToSign = str[n : n+len(sts)]
	n += len(sts)
	dbg.CredentialScope = str[n : n+len(scope)]
	n += len(scope)
	dbg.SignedHeaders = str[n : n+len(signedHeaders)]
	n += len(signedHeaders)
	dbg.Signature = str[n:]
	if c.ShowSigningKey {
		dbg.SigningKey = key.key.String()
	}
	return sig
}

// checkPayloadHash validates an explicit payload hash.
func checkPayloadHash(p *problems, h string) {
	if h == "" || h == UnsignedPayload || h == EmptySHA256 {
		return
	}
	if len(h) != 64 {
		p.add(FieldPayloadHash, ErrMalformed, "must be 64 hex digits or UNSIGNED-PAYLOAD")
		return
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			p.add(FieldPayloadHash, ErrMalformed, "must be 64 lowercase hex digits or UNSIGNED-PAYLOAD")
			return
		}
	}
}
