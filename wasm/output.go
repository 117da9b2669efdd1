package main

import (
	"time"

	"sigv4kit/internal/jsonv"
	"sigv4kit/sigv4"
)

// object writes one JSON object member by member.
type object struct {
	b     []byte
	count int
}

func (o *object) key(k string) {
	if o.count == 0 {
		o.b = append(o.b, '{')
	} else {
		o.b = append(o.b, ',')
	}
	o.count++
	o.b = jsonv.AppendString(o.b, k)
	o.b = append(o.b, ':')
}

func (o *object) str(k, v string) {
	o.key(k)
	o.b = jsonv.AppendString(o.b, v)
}

func (o *object) boolean(k string, v bool) {
	o.key(k)
	if v {
		o.b = append(o.b, "true"...)
	} else {
		o.b = append(o.b, "false"...)
	}
}

func (o *object) null(k string) {
	o.key(k)
	o.b = append(o.b, "null"...)
}

func (o *object) time(k string, t time.Time) {
	if t.IsZero() {
		o.null(k)
		return
	}
	o.str(k, sigv4.FormatISOMillis(t))
}

// raw adds a member whose value is already JSON.
func (o *object) raw(k string, v []byte) {
	o.key(k)
	o.b = append(o.b, v...)
}

// pairs adds an object of name: value, keeping order; repeated names are
// joined with ", " as HTTP joins repeated headers.
func (o *object) pairs(k string, names, values func(int) string, n int) {
	var inner object
	for i := 0; i < n; i++ {
		name := names(i)
		dup := false
		for j := 0; j < i; j++ {
			if names(j) == name {
				dup = true
			}
		}
		if dup {
			continue
		}
		v := values(i)
		for j := i + 1; j < n; j++ {
			if names(j) == name {
				v += ", " + values(j)
			}
		}
		inner.str(name, v)
	}
	o.raw(k, inner.done())
}

func (o *object) headers(k string, hs []sigv4.Header) {
	o.pairs(k, func(i int) string { return hs[i].Name }, func(i int) string { return hs[i].Value }, len(hs))
}

func (o *object) done() []byte {
	if o.count == 0 {
		return append(o.b, "{}"...)
	}
	return append(o.b, '}')
}

func debugJSON(d sigv4.Debug) []byte {
	var o object
	o.str("canonicalRequest", d.CanonicalRequest)
	o.str("stringToSign", d.StringToSign)
	o.str("credentialScope", d.CredentialScope)
	o.str("signedHeaders", d.SignedHeaders)
	o.str("signature", d.Signature)
	if d.SigningKey != "" {
		o.str("signingKey", d.SigningKey)
	}
	return o.done()
}

// okEnvelope wraps a value: {"ok":true,"value":…}.
func okEnvelope(value []byte) []byte {
	out := make([]byte, 0, len(value)+20)
	out = append(out, `{"ok":true,"value":`...)
	out = append(out, value...)
	return append(out, '}')
}

// errEnvelope lists problems: {"ok":false,"errors":[{field,code,message}…]}.
func errEnvelope(errs []fieldErr) []byte {
	out := []byte(`{"ok":false,"errors":[`)
	for i, e := range errs {
		if i > 0 {
			out = append(out, ',')
		}
		var o object
		o.str("field", e.field)
		o.str("code", e.code)
		o.str("message", e.message)
		out = append(out, o.done()...)
	}
	return append(out, "]}"...)
}
