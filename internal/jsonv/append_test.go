package jsonv

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var appendStringCases = []struct{ name, s, want string }{
	{"empty", "", `""`},
	{"plain ASCII", "hello world", `"hello world"`},
	{"quote and backslash", `a"b\c`, `"a\"b\\c"`},
	{"short escapes", "\b\f\n\r\t", `"\b\f\n\r\t"`},
	{"other control bytes", "\x00\x01\x1f", `"\u0000\u0001\u001f"`},
	{"DEL unescaped", "\x7f", "\"\x7f\""},
	{"slash unescaped", "a/b", `"a/b"`},
	{"HTML specials", "<a&b>", `"\u003ca\u0026b\u003e"`},
	{"line and paragraph separators", "x\u2028y\u2029z", `"x\u2028y\u2029z"`},
	{"other multi-byte text unescaped", "héllo 中文 😀 \U0010ffff", `"héllo 中文 😀 ` + "\U0010ffff" + `"`},
	{"invalid byte", "a\xffb", "\"a\uFFFDb\""},
	{"truncated multi-byte sequence", "\xe4\xb8", "\"\uFFFD\uFFFD\""},
	{"encoded surrogate", "\xed\xa0\x80", "\"\uFFFD\uFFFD\uFFFD\""},
	{"overlong encoding", "\xc0\x80", "\"\uFFFD\uFFFD\""},
	{"beyond U+10FFFF", "\xf4\x90\x80\x80", "\"\uFFFD\uFFFD\uFFFD\uFFFD\""},
	{"replacement character itself", "\ufffd", "\"\ufffd\""},
}

func TestAppendString(t *testing.T) {
	for _, tc := range appendStringCases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, marshal(t, tc.s), "json.Marshal (the reference)")
			assert.Equal(t, tc.want, string(AppendString(nil, tc.s)), "AppendString")
		})
	}
	t.Run("every control byte", func(t *testing.T) {
		var b strings.Builder
		for c := range 0x20 {
			b.WriteByte(byte(c))
		}
		assert.Equal(t, marshal(t, b.String()), string(AppendString(nil, b.String())), "AppendString")
	})
	t.Run("appends after existing bytes", func(t *testing.T) {
		assert.Equal(t, `x:"\u003c"`, string(AppendString([]byte("x:"), "<")), "AppendString")
	})
}

func TestAppendNumber(t *testing.T) {
	tests := []struct {
		name string
		f    float64
		want string
	}{
		{"zero", 0, `0`},
		{"negative zero", math.Copysign(0, -1), `-0`},
		{"integer", 123, `123`},
		{"negative fraction", -0.5, `-0.5`},
		{"shortest round trip", 0.1, `0.1`},
		{"2^53", 1 << 53, `9007199254740992`},
		{"just below 1e21 in plain form", 1e20, `100000000000000000000`},
		{"1e21 switches to exponent", 1e21, `1e+21`},
		{"1e-6 in plain form", 1e-6, `0.000001`},
		{"below 1e-6 switches to exponent", 1e-7, `1e-7`},
		{"negative small exponent", -1.5e-10, `-1.5e-10`},
		{"three-digit exponent", 1e-100, `1e-100`},
		{"largest float64", math.MaxFloat64, `1.7976931348623157e+308`},
		{"smallest denormal", math.SmallestNonzeroFloat64, `5e-324`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, marshal(t, tc.f), "json.Marshal (the reference)")
			assert.Equal(t, tc.want, string(AppendNumber(nil, tc.f)), "AppendNumber")
		})
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		t.Run("not finite becomes null", func(t *testing.T) {
			assert.Equal(t, `null`, string(AppendNumber(nil, f)), "AppendNumber(%v)", f)
		})
	}
}

func TestAppendInt(t *testing.T) {
	for _, i := range []int64{0, -1, 42, math.MaxInt64, math.MinInt64} {
		assert.Equal(t, marshal(t, i), string(AppendInt(nil, i)), "AppendInt(%d)", i)
	}
}

func TestValueAppend(t *testing.T) {
	cyclic := make([]Value, 1)
	cyclic[0] = Value{Kind: Array, Arr: cyclic}
	tests := []struct {
		name string
		v    Value
		want string
	}{
		{"zero value is null", Value{}, `null`},
		{"booleans", Value{Kind: Array, Arr: []Value{{Kind: Bool, Bool: true}, {Kind: Bool}}}, `[true,false]`},
		{"number written from its literal", Value{Kind: Number, Str: "1E+03", Num: 1000}, `1E+03`},
		{"number without literal written from Num", Value{Kind: Number, Num: 1e21}, `1e+21`},
		{"number with invalid literal written from Num", Value{Kind: Number, Str: "+1", Num: 1}, `1`},
		{"number with literal plus garbage written from Num", Value{Kind: Number, Str: "1 ", Num: 1}, `1`},
		{"string escaped", Value{Kind: String, Str: "<\n>"}, `"\u003c\n\u003e"`},
		{"object order kept, keys escaped", Value{Kind: Object, Obj: []Member{
			{Key: "z", Value: Value{Kind: Number, Num: 1}},
			{Key: "a\"", Value: Value{Kind: Object}},
		}}, `{"z":1,"a\"":{}}`},
		{"empty array", Value{Kind: Array}, `[]`},
		{"unknown kind is null", Value{Kind: 9, Str: "x"}, `null`},
		{"cyclic value cut at MaxDepth", cyclic[0], nest("[", "]", MaxDepth, "null")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(tc.v.Append(nil)), "Value.Append")
		})
	}
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range validDocs {
		t.Run(tc.name, func(t *testing.T) {
			v, err := Parse([]byte(tc.doc))
			require.NoError(t, err, "Parse")
			out := v.Append(nil)
			again, err := Parse(out)
			require.NoError(t, err, "Parse(Append) of %s", out)
			assert.Equal(t, v, again, "Parse(Append)")
		})
	}
}
