package sigv4

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseTimeForms(t *testing.T) {
	want := time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"2013-05-24T00:00:00Z", "20130524T000000Z", "2013-05-24", "2013-05-24T00:00:00.000Z", "2013-05-24T03:00:00+03:00", "2013-05-23T20:00:00-04:00", "2013-05-24t00:00:00z"} {
		got, err := ParseTime(s)
		require.NoError(t, err, s)
		assert.True(t, want.Equal(got), "%s gave %v", s, got)
	}
	for _, s := range []string{"", "2013-13-01", "2013-02-30", "2013-05-24T24:00:00Z", "2013-05-24T00:00:00", "2013-05-24T00:00:00.Z", "NaN", "Invalid Date", "2013-5-24", "2013-05-24T00:00:00+3:00"} {
		_, err := ParseTime(s)
		assert.Error(t, err, s)
	}
}

// Whatever ParseTime accepts in RFC 3339 form, time.Parse accepts too and
// reads as the same instant. (time.Parse is laxer: it takes one-digit hours,
// which RFC 3339 forbids.)
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2013-05-24T00:00:00Z", "2013-05-24T00:00:00.123456789+05:30", "1999-12-31T23:59:59-00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseTime(s)
		want, stdErr := time.Parse(time.RFC3339Nano, s)
		if err == nil && stdErr == nil && !got.Equal(want) {
			t.Fatalf("%q: got %v, time.Parse %v", s, got, want)
		}
		// RFC 3339 allows a lowercase t and z; time.Parse does not.
		lower := strings.ContainsAny(s, "tz")
		if err == nil && stdErr != nil && len(s) > 10 && s[8] != 'T' && !lower {
			t.Fatalf("%q: ParseTime accepts what time.Parse refuses: %v", s, stdErr)
		}
	})
}
