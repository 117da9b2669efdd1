package jsonv

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One Parser reads every document as Parse does, whatever it read before.
func TestParserReusedAgreesWithParse(t *testing.T) {
	var p Parser
	for round := 0; round < 2; round++ {
		for _, tc := range validDocs {
			want, err := Parse([]byte(tc.doc))
			require.NoError(t, err, tc.doc)
			got, err := p.ParseBorrowed([]byte(tc.doc))
			require.NoError(t, err, tc.doc)
			assert.Equal(t, want, got, tc.doc)
		}
		for _, tc := range invalidDocs {
			_, want := Parse([]byte(tc.doc))
			_, got := p.ParseBorrowed([]byte(tc.doc))
			assert.Equal(t, want, got, tc.doc)
		}
	}
}

// The bridge's input for a presign, parsed again and again, allocates
// nothing once the Parser has its memory.
func TestParserAllocatesNothingWhenWarm(t *testing.T) {
	doc := []byte(`{"accessKeyId":"AKIAIOSFODNN7EXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",` +
		`"region":"us-east-1","date":"2013-05-24T00:00:00Z","url":"https://examplebucket.s3.amazonaws.com/test.txt",` +
		`"expires":86400,"headers":{"Content-Type":"text/plain"},"query":[["a","b"],["c","d"]]}`)
	var p Parser
	allocs := testing.AllocsPerRun(100, func() {
		v, err := p.ParseBorrowed(doc)
		if err != nil || len(v.Obj) != 8 {
			t.Fatal(err, len(v.Obj))
		}
	})
	assert.Zero(t, allocs)
}

// After an unusually large document the Parser gives its memory back.
func TestParserDropsLargeMemory(t *testing.T) {
	var p Parser
	big := "[" + strings.Repeat("{\"a\":1},", arenaKeep*2) + "0]"
	_, err := p.ParseBorrowed([]byte(big))
	require.NoError(t, err)
	assert.Greater(t, cap(p.st.objArena), arenaKeep)
	_, err = p.ParseBorrowed([]byte(`{"a":[1]}`))
	require.NoError(t, err)
	assert.LessOrEqual(t, cap(p.st.objArena), arenaKeep)
	assert.LessOrEqual(t, cap(p.st.arrArena), arenaKeep)
}

// Clear leaves nothing of the document in the Parser's memory: not the
// unescaped strings (in their arena, even after it was outgrown), not the
// tree's pointers into the input.
func TestParserClearLeavesNothing(t *testing.T) {
	const secret = `s3cr\"t/with\\escapes` // escaped: copied out of the input
	var p Parser
	long := strings.Repeat(`\"x`, 200) // outgrows the first string arena
	doc := []byte(`{"secretAccessKey":"` + secret + `","a":"` + long + `","b":["` + secret + `"]}`)
	v, err := p.ParseBorrowed(doc)
	require.NoError(t, err)
	got, _ := v.Get("secretAccessKey")
	assert.Equal(t, `s3cr"t/with\escapes`, got.Str, "ParseBorrowed")
	require.NotEmpty(t, p.st.oldStr, "the test outgrows the string arena")
	old := p.st.oldStr

	p.Clear()
	assert.NotContains(t, got.Str, "s3cr", "the unescaped string is zeroed where it lay")
	for _, arena := range append(old, p.st.strArena) {
		assert.NotContains(t, string(arena[:cap(arena)]), "s3cr", "every string arena is zeroed")
	}
	assert.NotContains(t, string(p.st.buf[:cap(p.st.buf)]), "s3cr", "the unescape buffer is zeroed")
	for _, m := range p.st.objArena[:cap(p.st.objArena)] {
		assert.Equal(t, Member{}, m, "no member of the tree survives")
	}
	for _, e := range p.st.arrArena[:cap(p.st.arrArena)] {
		assert.Equal(t, Value{}, e, "no element of the tree survives")
	}
}

// A duplicate key's error names the key, a copy that outlives the input.
func TestDuplicateKeyErrorNamesTheKey(t *testing.T) {
	var p Parser
	doc := []byte(`{"url":"a","headers":{"X-Thing":"1","X-Thing":"2"}}`)
	_, err := p.ParseBorrowed(doc)
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	clear(doc)
	assert.Equal(t, MsgDuplicate, se.Msg)
	assert.Equal(t, "X-Thing", se.Key)
}
