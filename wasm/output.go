package main

import (
	"time"

	"github.com/sigv4kit/sigv4kit/internal/jsonv"
	"github.com/sigv4kit/sigv4kit/sigv4"
)

// writer writes JSON into one buffer, nested objects in place: the output of
// a call is built once, without copying inner objects into outer ones. The
// buffer is reused from call to call (see register.go).
type writer struct {
	b []byte
	// written has a bit per open object, innermost lowest: set once the
	// object has a member (so the next needs a comma). Outputs nest two or
	// three deep; a bit stack keeps the writer free of allocations.
	written uint64
}

func (w *writer) open() {
	w.b = append(w.b, '{')
	w.written <<= 1
}

func (w *writer) close() {
	w.b = append(w.b, '}')
	w.written >>= 1
}

func (w *writer) key(k string) {
	if w.written&1 != 0 {
		w.b = append(w.b, ',')
	}
	w.written |= 1
	w.b = jsonv.AppendStringMinimal(w.b, k)
	w.b = append(w.b, ':')
}

func (w *writer) str(k, v string) {
	w.key(k)
	w.b = jsonv.AppendStringMinimal(w.b, v)
}

// strs writes an array of strings.
func (w *writer) strs(k string, vs []string) {
	w.key(k)
	w.b = append(w.b, '[')
	for i, v := range vs {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = jsonv.AppendStringMinimal(w.b, v)
	}
	w.b = append(w.b, ']')
}

// warnings writes an array of {field, code, message}, empty when there is
// none, so that callers can always read it.
func (w *writer) warnings(k string, ws []sigv4.Warning) {
	w.key(k)
	w.b = append(w.b, '[')
	for i, x := range ws {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.problem(x.Field, x.Code, x.Message)
	}
	w.b = append(w.b, ']')
}

// problem writes {field, code, message}: an error's shape, and a warning's.
func (w *writer) problem(field, code, message string) {
	w.open()
	w.str("field", field)
	w.str("code", code)
	w.str("message", message)
	w.close()
}

func (w *writer) boolean(k string, v bool) {
	w.key(k)
	if v {
		w.b = append(w.b, "true"...)
	} else {
		w.b = append(w.b, "false"...)
	}
}

func (w *writer) null(k string) {
	w.key(k)
	w.b = append(w.b, "null"...)
}

func (w *writer) time(k string, t time.Time) {
	if t.IsZero() {
		w.null(k)
		return
	}
	w.key(k)
	w.b = append(sigv4.AppendISOMillis(append(w.b, '"'), t), '"')
}

// pairs writes an object of name: value, keeping order; repeated names are
// joined with ", " as HTTP joins repeated headers.
func (w *writer) pairs(k string, names, values func(int) string, n int) {
	w.key(k)
	w.open()
	for i := 0; i < n; i++ {
		name := names(i)
		dup := false
		for j := 0; j < i && !dup; j++ {
			dup = names(j) == name
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
		w.str(name, v)
	}
	w.close()
}

func (w *writer) headers(k string, hs []sigv4.Header) {
	w.pairs(k, func(i int) string { return hs[i].Name }, func(i int) string { return hs[i].Value }, len(hs))
}

func (w *writer) debug(d sigv4.Debug) {
	w.key("debug")
	w.open()
	w.str("canonicalRequest", d.CanonicalRequest)
	w.str("stringToSign", d.StringToSign)
	w.str("credentialScope", d.CredentialScope)
	w.str("signedHeaders", d.SignedHeaders)
	w.str("signature", d.Signature)
	if d.SigningKey != "" {
		w.str("signingKey", d.SigningKey)
	}
	w.close()
}

// snippets writes the "snippets" member of a result.
func (w *writer) snippets(s sigv4.Snippets) {
	w.key(sigv4.FieldSnippets)
	w.open()
	w.snippetFields(s)
	w.close()
}

// snippetFields writes the members of sigv4.Snippets; a snippet that
// cannot be written is null.
func (w *writer) snippetFields(s sigv4.Snippets) {
	w.strOrNull("curl", s.Curl)
	w.strOrNull("curlAwsSigv4", s.CurlAWSSigV4)
	w.key("curlAwsSigv4Issues")
	w.b = append(w.b, '[')
	for i, issue := range s.CurlAWSSigV4Issues {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = jsonv.AppendStringMinimal(w.b, issue)
	}
	w.b = append(w.b, ']')
	w.strOrNull("fetch", s.Fetch)
	w.strOrNull("bodyFile", s.BodyFile)
	w.boolean("browserUrl", s.BrowserURL)
}

func (w *writer) strOrNull(k, v string) {
	if v == "" {
		w.null(k)
	} else {
		w.str(k, v)
	}
}

// errEnvelope appends {"ok":false,"errors":[{field,code,message}…]}.
func errEnvelope(dst []byte, errs []fieldErr) []byte {
	w := writer{b: append(dst, `{"ok":false,"errors":[`...)}
	for i, e := range errs {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.problem(e.field, e.code, e.message)
	}
	return append(w.b, "]}"...)
}
