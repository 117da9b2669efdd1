package jsonv

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAppendStringMinimalRoundTrips(t *testing.T) {
	for _, s := range []string{"", "plain", "a&b<c>", "q\"b\\", "\n\r\t\x00\x1f", "ü€😀", "\u2028", "GET\n/test.txt\nX-Amz-Algorithm=A&B"} {
		var got string
		require.NoError(t, json.Unmarshal(AppendStringMinimal(nil, s), &got), s)
		assert.Equal(t, s, got)
	}
}

func FuzzAppendStringMinimal(f *testing.F) {
	f.Add("a\x00\"\\\u2028ü")
	f.Fuzz(func(t *testing.T, s string) {
		out := AppendStringMinimal(nil, s)
		if !utf8.ValidString(s) {
			return
		}
		var got string
		if err := json.Unmarshal(out, &got); err != nil || got != s {
			t.Fatalf("%q: %q, %v", s, got, err)
		}
		v, err := Parse(out)
		if err != nil || v.Str != s {
			t.Fatalf("Parse disagrees for %q", s)
		}
	})
}

func TestParseBorrowedAliasesAndAgrees(t *testing.T) {
	data := []byte(`{"a":"plain","b":"esc\u0041aped","c":["x",""]}`)
	owned, err := Parse(data)
	require.NoError(t, err)
	borrowed, err := ParseBorrowed(data)
	require.NoError(t, err)
	assert.Equal(t, owned, borrowed, "same values")
	a, _ := borrowed.Get("a")
	copy(data[6:], "PLAIN")
	assert.Equal(t, "PLAIN", a.Str, "a borrowed string shares the input's memory")
	b, _ := borrowed.Get("b")
	assert.Equal(t, "escAaped", b.Str, "an unescaped string is a copy")
}
