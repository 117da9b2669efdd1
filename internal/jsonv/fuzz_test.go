package jsonv

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzParse checks Parse against encoding/json on any input: no panic, the
// input left unchanged, every error a *SyntaxError inside the input, and
// agreement with json.Valid and json.Unmarshal except where Parse is
// stricter on purpose (depth, value count, duplicate keys, size).
func FuzzParse(f *testing.F) {
	var seeds []string
	for _, tc := range validDocs {
		seeds = append(seeds, tc.doc)
	}
	for _, tc := range invalidDocs {
		seeds = append(seeds, tc.doc)
	}
	for _, tc := range limitDocs {
		seeds = append(seeds, tc.doc)
	}
	for _, doc := range seeds {
		// Large seeds (the MaxValues cases) only slow the mutator down.
		if len(doc) <= 4096 {
			f.Add([]byte(doc))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		v, err := Parse(data)
		require.Equal(t, orig, data, "Parse changed its input")
		if err != nil {
			var se *SyntaxError
			require.True(t, errors.As(err, &se), "Parse: want *SyntaxError, got %v", err)
			require.True(t, 0 <= se.Offset && se.Offset <= len(data), "Parse: offset %d outside input of %d bytes", se.Offset, len(data))
		}
		if !json.Valid(data) {
			require.Error(t, err, "Parse accepted what json.Valid refuses")
			return
		}
		want, uerr := unmarshal(data)
		s := shapeOf(t, data)
		if s.depth > MaxDepth || s.values > MaxValues || s.dup || len(data) > MaxSize || uerr != nil {
			require.Error(t, err, "Parse accepted a document over a limit (%+v) or refused by json.Unmarshal (%v)", s, uerr)
			return
		}
		require.NoError(t, err, "Parse refused what json.Unmarshal reads")
		assert.Equal(t, want, toAny(v), "Parse")
		assert.Equal(t, s.keys, keysOf(v), "Parse: key order")

		out := v.Append(nil)
		again, err := Parse(out)
		require.NoError(t, err, "Parse(Append) of %q", out)
		assert.Equal(t, v, again, "Parse(Append)")

		// A Parser that has parsed every earlier input reads it the same.
		reused, err := fuzzParser.ParseBorrowed(bytes.Clone(data))
		require.NoError(t, err, "Parser.ParseBorrowed")
		assert.Equal(t, v, reused, "Parser.ParseBorrowed")
	})
}

var fuzzParser Parser

// FuzzAppendString checks AppendString byte for byte against json.Marshal
// for any string, valid UTF-8 or not, and that Parse reads it back as
// json.Unmarshal does.
func FuzzAppendString(f *testing.F) {
	for _, tc := range appendStringCases {
		f.Add(tc.s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := marshal(t, s)
		got := AppendString(nil, s)
		require.Equal(t, want, string(got), "AppendString")
		back, err := unmarshal(got)
		require.NoError(t, err, "json.Unmarshal")
		v, err := Parse(got)
		require.NoError(t, err, "Parse(AppendString)")
		assert.Equal(t, back, v.Str, "Parse(AppendString)")
	})
}

// FuzzAppendNumber checks AppendNumber byte for byte against json.Marshal
// for every finite float64, and that Parse reads the same float back.
func FuzzAppendNumber(f *testing.F) {
	for _, x := range []float64{0, 1, -0.5, 1e20, 1e21, 1e-6, 1e-7, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		got := AppendNumber(nil, x)
		if math.IsNaN(x) || math.IsInf(x, 0) {
			require.Equal(t, "null", string(got), "AppendNumber")
			return
		}
		require.Equal(t, marshal(t, x), string(got), "AppendNumber")
		v, err := Parse(got)
		require.NoError(t, err, "Parse(AppendNumber)")
		assert.Equal(t, math.Float64bits(x), math.Float64bits(v.Num), "Parse(AppendNumber)")
	})
}
