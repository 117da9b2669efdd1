package main

import (
	"encoding/base64"
	"math"
	"strconv"
	"time"

	"github.com/sigv4kit/sigv4kit/internal/jsonv"
	"github.com/sigv4kit/sigv4kit/sigv4"
)

// fieldErr is one problem, as the envelope carries it to JavaScript.
type fieldErr struct {
	field, code, message string
}

// input reads one JSON object member by member, recording type errors under
// the member's wire name. Members never read are reported by finish: an
// unknown field is an error, so a misspelt option cannot be silently ignored.
type input struct {
	members  []jsonv.Member
	usedBits uint64 // see markUsed
	used     []bool
	prefix   string
	errs     *[]fieldErr
}

func newInput(object *jsonv.Value, prefix string, errs *[]fieldErr) *input {
	in := &input{members: object.Obj, prefix: prefix, errs: errs}
	if len(object.Obj) > 64 {
		in.used = make([]bool, len(object.Obj))
	}
	return in
}

// markUsed records that member i was read: a bit of usedBits for the first
// 64 members (every real input), used beyond that.
func (in *input) markUsed(i int) {
	if in.used != nil {
		in.used[i] = true
	} else {
		in.usedBits |= 1 << i
	}
}

func (in *input) wasUsed(i int) bool {
	if in.used != nil {
		return in.used[i]
	}
	return in.usedBits&(1<<i) != 0
}

func (in *input) fail(name, code, msg string) {
	*in.errs = append(*in.errs, fieldErr{in.prefix + name, code, msg})
}

// get returns the member, treating null like an absent member. The value
// is read in place: a jsonv.Value is 80 bytes, and a call reads a dozen.
func (in *input) get(name string) (*jsonv.Value, bool) {
	if i := in.find(name); i >= 0 {
		in.markUsed(i)
		v := &in.members[i].Value
		return v, v.Kind != jsonv.Null
	}
	return nil, false
}

// has reports whether the member is given: null is "not given", as the
// d.ts says, and is not then reported as an unknown field.
func (in *input) has(name string) bool {
	i := in.find(name)
	if i < 0 {
		return false
	}
	in.markUsed(i)
	return in.members[i].Value.Kind != jsonv.Null
}

// find returns the index of the member named name, or -1. Members are read
// in place (a range loop would copy each, 96 bytes), and the first byte is
// compared before the rest: a call reads a dozen names this way.
func (in *input) find(name string) int {
	for i := range in.members {
		if k := in.members[i].Key; len(k) == len(name) && k[0] == name[0] && k == name {
			return i
		}
	}
	return -1
}

func (in *input) str(name string) string {
	v, ok := in.get(name)
	if !ok {
		return ""
	}
	if v.Kind != jsonv.String {
		in.fail(name, "malformed", "must be a string, not "+v.Kind.String())
		return ""
	}
	return v.Str
}

// strs reads an array of strings; a bad element is reported as name[i].
func (in *input) strs(name string) []string {
	v, ok := in.get(name)
	if !ok {
		return nil
	}
	if v.Kind != jsonv.Array {
		in.fail(name, "malformed", "must be an array of strings")
		return nil
	}
	out := make([]string, 0, len(v.Arr))
	for i, e := range v.Arr {
		if e.Kind != jsonv.String {
			in.fail(name+"["+strconv.Itoa(i)+"]", "malformed", "must be a string, not "+e.Kind.String())
			continue
		}
		out = append(out, e.Str)
	}
	return out
}

func (in *input) boolean(name string) bool {
	v, ok := in.get(name)
	if !ok {
		return false
	}
	if v.Kind != jsonv.Bool {
		in.fail(name, "malformed", "must be true or false")
		return false
	}
	return v.Bool
}

// maxSeconds is far beyond sigv4.ExpiresCeiling and still fits a Duration.
const maxSeconds = 1 << 32

// seconds reads a whole number of seconds as a Duration.
func (in *input) seconds(name string) time.Duration {
	v, ok := in.get(name)
	if !ok {
		return 0
	}
	f := v.Num
	if v.Kind == jsonv.String {
		n, err := strconv.ParseFloat(v.Str, 64)
		if err != nil {
			in.fail(name, "malformed", "must be a number of seconds")
			return 0
		}
		f = n
	} else if v.Kind != jsonv.Number {
		in.fail(name, "malformed", "must be a number of seconds, not "+v.Kind.String())
		return 0
	}
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		in.fail(name, "malformed", "must be a finite number of seconds")
	case f != math.Trunc(f):
		in.fail(name, "malformed", "must be a whole number of seconds")
	case f < 1:
		in.fail(name, "out-of-range", "must be at least 1 second")
	default:
		// Beyond maxSeconds, f seconds would overflow a Duration; every
		// such value is out of the core's ranges, so it is capped and the
		// core's message, which names the bound, is the one reported.
		return time.Duration(min(f, maxSeconds)) * time.Second
	}
	return 0
}

// time reads a time: ISO 8601, AWS basic form, or epoch milliseconds (what
// the glue sends for a JS Date).
func (in *input) time(name string) time.Time {
	v, ok := in.get(name)
	if !ok {
		return time.Time{}
	}
	switch v.Kind {
	case jsonv.Number:
		t, err := sigv4.TimeFromMillis(v.Num)
		if err != nil {
			in.fail(name, codeOf(err), "must be a valid time")
		}
		return t
	case jsonv.String:
		t, err := sigv4.ParseTime(v.Str)
		if err != nil {
			// Epoch milliseconds as text: what the glue sends for a bigint.
			if ms, perr := strconv.ParseInt(v.Str, 10, 64); perr == nil {
				t, err = sigv4.TimeFromMillis(float64(ms))
			}
		}
		if err != nil {
			in.fail(name, "malformed", "must be a time such as 2013-05-24T00:00:00Z or 20130524T000000Z")
		}
		return t
	}
	in.fail(name, "malformed", "must be a time string, a Date or epoch milliseconds")
	return time.Time{}
}

// pairs reads an object of name: value strings, or an array of [name, value]
// arrays (for repeated names). Numbers and booleans are taken as their text.
func (in *input) pairs(name string) [][2]string {
	v, ok := in.get(name)
	if !ok {
		return nil
	}
	var out [][2]string
	switch v.Kind {
	case jsonv.Object:
		for _, m := range v.Obj {
			s, ok := scalarText(m.Value)
			if !ok {
				in.fail(name+"."+m.Key, "malformed", "must be a string")
				continue
			}
			out = append(out, [2]string{m.Key, s})
		}
	case jsonv.Array:
		for i, e := range v.Arr {
			if e.Kind != jsonv.Array || len(e.Arr) != 2 || e.Arr[0].Kind != jsonv.String {
				in.fail(name+"["+strconv.Itoa(i)+"]", "malformed", "must be a [name, value] pair")
				continue
			}
			s, ok := scalarText(e.Arr[1])
			if !ok {
				in.fail(name+"."+e.Arr[0].Str, "malformed", "must be a string")
				continue
			}
			out = append(out, [2]string{e.Arr[0].Str, s})
		}
	default:
		in.fail(name, "malformed", "must be an object of name: value strings")
	}
	return out
}

func scalarText(v jsonv.Value) (string, bool) {
	switch v.Kind {
	case jsonv.String:
		return v.Str, true
	case jsonv.Number:
		return v.Str, true
	case jsonv.Bool:
		return strconv.FormatBool(v.Bool), true
	}
	return "", false
}

func (in *input) headers(name string) []sigv4.Header {
	ps := in.pairs(name)
	out := make([]sigv4.Header, len(ps))
	for i, p := range ps {
		out[i] = sigv4.Header{Name: p[0], Value: p[1]}
	}
	return out
}

// body reads a string (text) or {"$bytes": base64} (a Uint8Array).
func (in *input) body(name string) (b []byte, text bool) {
	v, ok := in.get(name)
	if !ok {
		return nil, true
	}
	switch v.Kind {
	case jsonv.String:
		return []byte(v.Str), true
	case jsonv.Object:
		if raw, ok := v.Get("$bytes"); ok && raw.Kind == jsonv.String && len(v.Obj) == 1 {
			b, err := base64.StdEncoding.DecodeString(raw.Str)
			if err == nil {
				return b, false
			}
		}
	}
	in.fail(name, "malformed", "must be a string or a Uint8Array")
	return nil, true
}

// object returns a nested reader for an object member.
func (in *input) object(name string) *input {
	v, ok := in.get(name)
	if !ok {
		return nil
	}
	if v.Kind != jsonv.Object {
		in.fail(name, "malformed", "must be an object")
		return nil
	}
	return newInput(v, in.prefix+name+".", in.errs)
}

// finish reports every member no reader asked for.
func (in *input) finish() {
	for i := range in.members {
		if !in.wasUsed(i) {
			in.fail(in.members[i].Key, "unsupported", "is not a known input field")
		}
	}
}

func codeOf(err error) string {
	switch err {
	case sigv4.ErrMissing, sigv4.ErrMalformed, sigv4.ErrOutOfRange, sigv4.ErrUnsupported:
		return err.Error()
	}
	return "malformed"
}
