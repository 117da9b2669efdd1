package jsonv

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func nest(open, close string, n int, inner string) string {
	return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
}

func manyKeys(n int, dupAt int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		k := i
		if i == dupAt {
			k = 3
		}
		b.WriteString(`"k` + strconv.Itoa(k) + `":` + strconv.Itoa(i))
	}
	b.WriteString("}")
	return b.String()
}

var validDocs = []struct{ name, doc string }{
	{"null", `null`},
	{"true", `true`},
	{"false", `false`},
	{"zero", `0`},
	{"negative zero", `-0`},
	{"integer", `123`},
	{"negative fraction", `-0.5`},
	{"exponent", `1e3`},
	{"upper-case exponent with plus", `1E+2`},
	{"fraction with negative exponent", `2.5e-3`},
	{"largest float64", `1.7976931348623157e308`},
	{"smallest denormal", `5e-324`},
	{"underflow becomes zero", `1e-400`},
	{"integer beyond 2^53", `12345678901234567890`},
	{"more digits than float64 holds", `0.1000000000000000055511151231257827`},
	{"empty string", `""`},
	{"every short escape", `"\"\\\/\b\f\n\r\t"`},
	{"unicode escapes", `"\u00e9\u4E2D"`},
	{"escaped NUL", `"a\u0000b"`},
	{"surrogate pair", `"\ud83d\ude00"`},
	{"lone high surrogate", `"\ud800"`},
	{"lone low surrogate", `"\udc00x"`},
	{"low then high surrogate", `"\udc00\ud800"`},
	{"high surrogate then plain escape", `"\ud800\u0041"`},
	{"high surrogate then short escape", `"\ud800\n"`},
	{"two highs then a low", `"\ud800\ud800\udc00"`},
	{"raw multi-byte UTF-8", `"héllo 中文 😀"`},
	{"raw invalid byte", "\"a\xffb\""},
	{"raw encoded surrogate", "\"\xed\xa0\x80\""},
	{"truncated multi-byte sequence", "\"\xe4\xb8\""},
	{"overlong encoding", "\"\xc0\x80\""},
	{"raw DEL and line separator", "\"\x7f\u2028\""},
	{"empty array", `[]`},
	{"empty object", `{}`},
	{"nested containers", `{"a":[1,{"b":null}],"c":{"d":[[],{}]},"e":"x"}`},
	{"whitespace everywhere", " \t\n\r[ 1 , { \"a\" : 2 } , [ ] ]\r\n "},
	{"keys out of sorted order", `{"z":1,"a":2,"m":{"y":3,"b":4}}`},
	{"escaped keys", `{"\u0061b":1,"a\\b":2,"":3}`},
	{"mixed array", `[null,true,false,0,"",[],{}]`},
	{"arrays nested 64 deep", nest("[", "]", 64, "")},
	{"objects nested 64 deep", nest(`{"a":`, "}", 63, "{}")},
	{"object large enough for the key map", manyKeys(40, -1)},
	{"exactly MaxValues values", "[" + strings.Repeat("0,", MaxValues-2) + "0]"},
}

var invalidDocs = []struct {
	name, doc string
	msg       string
	offset    int
}{
	{"empty input", ``, msgEOF, 0},
	{"only whitespace", "  ", msgEOF, 2},
	{"trailing comma in array", `[1,]`, msgValue, 3},
	{"trailing comma in object", `{"a":1,}`, msgKey, 7},
	{"leading comma", `[,1]`, msgValue, 1},
	{"double comma", `[1,,2]`, msgValue, 3},
	{"missing comma", `[1 2]`, msgArrayNext, 3},
	{"single-quoted string", `['a']`, msgValue, 1},
	{"unquoted key", `{a:1}`, msgKey, 1},
	{"number key", `{1:1}`, msgKey, 1},
	{"missing colon", `{"a" 1}`, msgColon, 5},
	{"missing member value", `{"a":}`, msgValue, 5},
	{"leading zero", `01`, msgLeadingZero, 1},
	{"negative leading zero", `-01`, msgLeadingZero, 2},
	{"leading plus", `+1`, msgValue, 0},
	{"NaN", `NaN`, msgValue, 0},
	{"Infinity", `Infinity`, msgValue, 0},
	{"negative Infinity", `-Infinity`, msgNumber, 1},
	{"hex number", `0x10`, msgTrailing, 1},
	{"dot without fraction digits", `1.`, msgNumber, 2},
	{"leading dot", `.5`, msgValue, 0},
	{"exponent without digits", `1e`, msgNumber, 2},
	{"exponent sign without digits", `1e+`, msgNumber, 3},
	{"minus alone", `-`, msgEOF, 1},
	{"number beyond float64", `1e400`, msgRange, 0},
	{"negative number beyond float64", `[-1e400]`, msgRange, 1},
	{"unterminated string", `"abc`, msgUnterminated, 4},
	{"unterminated escape", `"abc\`, msgUnterminated, 5},
	{"unknown escape", `"\x"`, msgEscape, 1},
	{"escaped single quote", `"\'"`, msgEscape, 1},
	{"short unicode escape", `"\u12"`, msgUnicode, 1},
	{"non-hex unicode escape", `"\u12g4"`, msgUnicode, 1},
	{"bad escape after high surrogate", `"\ud800\uZZZZ"`, msgUnicode, 7},
	{"raw newline in string", "\"a\nb\"", msgControl, 2},
	{"raw tab in string", "\"a\tb\"", msgControl, 2},
	{"raw NUL in string", "\"\x00\"", msgControl, 1},
	{"unterminated array", `[1,`, msgEOF, 3},
	{"unterminated object", `{"a":1,`, msgEOF, 7},
	{"key without anything after", `{"a"`, msgEOF, 4},
	{"unclosed nested array", `[[[]]`, msgEOF, 5},
	{"mismatched brackets", `[}`, msgValue, 1},
	{"extra closing bracket", `{"a":1}}`, msgTrailing, 7},
	{"second value after the first", `1 2`, msgTrailing, 2},
	{"two objects", `{}{}`, msgTrailing, 2},
	{"capitalised literal", `True`, msgValue, 0},
	{"truncated literal", `tru`, msgEOF, 3},
	{"misspelt literal", `nul1`, msgLiteral, 3},
	{"comment", `[1 /* c */]`, msgArrayNext, 3},
	{"byte order mark", "\xef\xbb\xbf1", msgValue, 0},
	{"non-breaking space", "\u00a01", msgValue, 0},
	{"form feed as whitespace", "\f1", msgValue, 0},
}

// limitDocs are valid to encoding/json but refused by Parse.
var limitDocs = []struct {
	name, doc string
	msg       string
	offset    int
}{
	{"arrays nested 65 deep", nest("[", "]", 65, ""), MsgDepth, 64},
	{"objects nested 65 deep", nest(`{"a":`, "}", 64, "{}"), MsgDepth, 64 * 5},
	{"duplicate key", `{"a":1,"b":2,"a":3}`, MsgDuplicate, 13},
	{"duplicate key spelt with an escape", `{"a":1,"\u0061":2}`, MsgDuplicate, 7},
	{"duplicate key in a large object", manyKeys(40, 20), MsgDuplicate, len(manyKeys(20, -1))},
	{"duplicate key in a nested object", `[{"x":{"a":1,"a":1}}]`, MsgDuplicate, 13},
	{"one value over MaxValues", "[" + strings.Repeat("0,", MaxValues-1) + "0]", MsgValues, 1 + 2*(MaxValues-1)},
	{"one value over MaxValues in an object", manyKeys(MaxValues, -1), MsgValues, strings.LastIndex(manyKeys(MaxValues, -1), ":") + 1},
}

func requireSyntaxError(t *testing.T, err error, msg string, offset int, call string) {
	t.Helper()
	var se *SyntaxError
	require.True(t, errors.As(err, &se), "%s: want *SyntaxError, got %v", call, err)
	assert.Equal(t, msg, se.Msg, "%s: reason", call)
	assert.Equal(t, offset, se.Offset, "%s: offset", call)
}

func TestParseAgreesWithEncodingJSON(t *testing.T) {
	for _, tc := range validDocs {
		t.Run(tc.name, func(t *testing.T) {
			want, err := unmarshal([]byte(tc.doc))
			require.NoError(t, err, "json.Unmarshal")
			v, err := Parse([]byte(tc.doc))
			require.NoError(t, err, "Parse")
			assert.Equal(t, want, toAny(v), "Parse")
			assert.Equal(t, shapeOf(t, []byte(tc.doc)).keys, keysOf(v), "Parse: key order")
		})
	}
}

func TestParseRejectsInvalid(t *testing.T) {
	for _, tc := range invalidDocs {
		t.Run(tc.name, func(t *testing.T) {
			_, err := unmarshal([]byte(tc.doc))
			require.Error(t, err, "json.Unmarshal")
			v, err := Parse([]byte(tc.doc))
			requireSyntaxError(t, err, tc.msg, tc.offset, "Parse")
			assert.Equal(t, Value{}, v, "Parse: value on error")
		})
	}
}

func TestParseLimits(t *testing.T) {
	for _, tc := range limitDocs {
		t.Run(tc.name, func(t *testing.T) {
			_, err := unmarshal([]byte(tc.doc))
			require.NoError(t, err, "json.Unmarshal")
			_, err = Parse([]byte(tc.doc))
			requireSyntaxError(t, err, tc.msg, tc.offset, "Parse")
		})
	}
	t.Run("input of exactly MaxSize bytes is read", func(t *testing.T) {
		doc := `"` + strings.Repeat("a", MaxSize-2) + `"`
		v, err := Parse([]byte(doc))
		require.NoError(t, err, "Parse")
		assert.Len(t, v.Str, MaxSize-2, "Parse")
	})
	t.Run("input one byte over MaxSize is refused", func(t *testing.T) {
		doc := `"` + strings.Repeat("a", MaxSize-1) + `"`
		_, err := Parse([]byte(doc))
		requireSyntaxError(t, err, MsgSize, MaxSize, "Parse")
	})
}

func TestParseNumberKeepsLiteral(t *testing.T) {
	tests := []struct {
		name, doc string
		num       float64
	}{
		{"exponent", `1e3`, 1000},
		{"negative fraction", `-0.5`, -0.5},
		{"trailing zeros", `1.500`, 1.5},
		{"more digits than float64 holds", `12345678901234567890`, 12345678901234567890},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := Parse([]byte(tc.doc))
			require.NoError(t, err, "Parse")
			assert.Equal(t, Value{Kind: Number, Str: tc.doc, Num: tc.num}, v, "Parse")
		})
	}
	t.Run("negative zero keeps its sign", func(t *testing.T) {
		v, err := Parse([]byte(`-0`))
		require.NoError(t, err, "Parse")
		assert.True(t, math.Signbit(v.Num), "Parse: sign of -0")
	})
}

func TestParseStrings(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"surrogate pair combined", `"\ud83d\ude00"`, "😀"},
		{"lone high surrogate", `"\ud800"`, "\ufffd"},
		{"lone low surrogate", `"\udc00"`, "\ufffd"},
		{"high surrogate then letter", `"\ud800\u0041"`, "\ufffdA"},
		{"two highs then a low", `"\ud800\ud800\udc00"`, "\ufffd\U00010000"},
		{"each invalid byte replaced", "\"a\xff\xfeb\"", "a\ufffd\ufffdb"},
		{"escapes after plain text", `"ab\ncd"`, "ab\ncd"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := Parse([]byte(tc.doc))
			require.NoError(t, err, "Parse")
			assert.Equal(t, Value{Kind: String, Str: tc.want}, v, "Parse")
		})
	}
}

func TestGet(t *testing.T) {
	obj := Value{Kind: Object, Obj: []Member{
		{Key: "a", Value: Value{Kind: Bool, Bool: true}},
		{Key: "b", Value: Value{Kind: String, Str: "x"}},
	}}
	tests := []struct {
		name string
		v    Value
		key  string
		want Value
		ok   bool
	}{
		{"member found", obj, "b", Value{Kind: String, Str: "x"}, true},
		{"member missing", obj, "c", Value{}, false},
		{"not an object", Value{Kind: Array, Obj: obj.Obj}, "a", Value{}, false},
		{"null", Value{}, "a", Value{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.v.Get(tc.key)
			assert.Equal(t, tc.ok, ok, "Get: found")
			assert.Equal(t, tc.want, got, "Get")
		})
	}
}

func TestKindString(t *testing.T) {
	tests := []struct {
		kind Kind
		want string
	}{
		{Null, "null"}, {Bool, "boolean"}, {Number, "number"}, {String, "string"},
		{Array, "array"}, {Object, "object"}, {Kind(42), "kind(42)"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.kind.String(), "Kind.String")
		})
	}
}

func TestSyntaxErrorText(t *testing.T) {
	_, err := Parse([]byte(`[1,]`))
	require.Error(t, err, "Parse")
	assert.Equal(t, "jsonv: expected a value at offset 3", err.Error(), "SyntaxError.Error")
}
