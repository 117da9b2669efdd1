package jsonv

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/require"
)

// This file holds the outside reference the tests compare against:
// encoding/json, and what it says about a document.

// toAny converts v to the shape json.Unmarshal gives for an any.
func toAny(v Value) any {
	switch v.Kind {
	case Bool:
		return v.Bool
	case Number:
		return v.Num
	case String:
		return v.Str
	case Array:
		a := make([]any, 0, len(v.Arr))
		for _, e := range v.Arr {
			a = append(a, toAny(e))
		}
		return a
	case Object:
		m := make(map[string]any, len(v.Obj))
		for _, mem := range v.Obj {
			m[mem.Key] = toAny(mem.Value)
		}
		return m
	}
	return nil
}

// keysOf lists every object key in v in document order.
func keysOf(v Value) []string {
	var keys []string
	var walk func(Value)
	walk = func(v Value) {
		for _, e := range v.Arr {
			walk(e)
		}
		for _, m := range v.Obj {
			keys = append(keys, m.Key)
			walk(m.Value)
		}
	}
	walk(v)
	return keys
}

// shape is what encoding/json's token stream says about a valid document:
// every object key in document order, the deepest nesting, the number of
// values, and whether some object repeats a key.
type shape struct {
	keys   []string
	depth  int
	values int
	dup    bool
}

func shapeOf(t *testing.T, data []byte) shape {
	t.Helper()
	type frame struct {
		obj, wantKey bool
		seen         map[string]bool
	}
	var s shape
	var stack []frame
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return s
		}
		require.NoError(t, err, "json.Decoder.Token")
		n := len(stack)
		d, isDelim := tok.(json.Delim)
		if isDelim && (d == '{' || d == '[') || !isDelim && !(n > 0 && stack[n-1].wantKey) {
			s.values++
		}
		switch {
		case isDelim && d == '{':
			stack = append(stack, frame{obj: true, wantKey: true, seen: map[string]bool{}})
		case isDelim && d == '[':
			stack = append(stack, frame{})
		case n > 0 && stack[n-1].wantKey && !isDelim:
			key := tok.(string)
			s.keys = append(s.keys, key)
			s.dup = s.dup || stack[n-1].seen[key]
			stack[n-1].seen[key] = true
			stack[n-1].wantKey = false
			continue
		default:
			if isDelim {
				stack = stack[:n-1]
			}
			if n := len(stack); n > 0 && stack[n-1].obj {
				stack[n-1].wantKey = true
			}
			continue
		}
		s.depth = max(s.depth, len(stack))
	}
}

func unmarshal(data []byte) (any, error) {
	var v any
	err := json.Unmarshal(data, &v)
	return v, err
}

func marshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err, "json.Marshal")
	return string(b)
}
