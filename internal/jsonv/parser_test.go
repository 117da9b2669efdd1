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
