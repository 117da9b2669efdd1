package sigv4

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// manyParams is a query of n parameters in a seeded random order, written
// short so that the presigned URL fits the 16 KiB URL limit: one-character
// names, most repeated many times (sorted by value then), a tenth with a
// value ('+' there is a space, signed as %20).
func manyParams(n int, seed uint64) string {
	const names, values = "abcdefghijklmnopqrstuvwxyz0123456789~", "xyz+~"
	rng := rand.New(rand.NewPCG(seed, seed))
	parts := make([]string, n)
	for i := range parts {
		parts[i] = names[rng.IntN(len(names)):][:1]
		if rng.IntN(10) == 0 {
			parts[i] += "=" + values[rng.IntN(len(values)):][:1]
		}
	}
	return strings.Join(parts, "&")
}

func TestQuerySortManyParameters(t *testing.T) {
	const n = 5000
	raw := manyParams(n, 10)
	res, err := Presign(PresignInput{Context: exampleCtx, URL: "https://examplebucket.s3.amazonaws.com/k?" + raw, Expires: time.Hour})
	require.NoError(t, err, "Presign")

	// The reference: the parameters sorted by encoded name, then value, with
	// the standard library's sort over strings.
	var want []string
	for _, seg := range strings.Split(raw, "&") {
		name, value, _ := strings.Cut(seg, "=")
		want = append(want, URIEncode(percentDecode(name, true), false)+"="+URIEncode(percentDecode(value, true), false))
	}
	want = append(want, "X-Amz-Algorithm=AWS4-HMAC-SHA256",
		"X-Amz-Credential="+exampleCtx.AccessKeyID+"%2F20130524%2Fus-east-1%2Fs3%2Faws4_request",
		"X-Amz-Date=20130524T000000Z", "X-Amz-Expires=3600", "X-Amz-SignedHeaders=host")
	sort.Slice(want, func(i, j int) bool {
		ni, vi, _ := strings.Cut(want[i], "=")
		nj, vj, _ := strings.Cut(want[j], "=")
		return ni < nj || ni == nj && vi < vj
	})
	lines := strings.Split(res.Debug.CanonicalRequest, "\n")
	require.Equal(t, n+5, strings.Count(lines[2], "&")+1, "every parameter and the five X-Amz-* are signed")
	assert.Equal(t, strings.Join(want, "&"), lines[2], "canonical query of %d parameters", n)

	v, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: "GET", URL: res.URL}, Now: exampleTime})
	require.NoError(t, err, "Verify")
	assert.True(t, v.Valid, "Verify of the %d-parameter URL: %s", n, v.Reason)
}

// sortPairs is the library's stable sort with pairOrder: counting
// pairOrder's calls under that sort shows O(n log n) comparisons, where the
// insertion sort it replaced made about n²/4 (6.25 million for 5,000).
func TestQuerySortComparisons(t *testing.T) {
	const n = 5000
	q := queryBuilder{}.addRaw(manyParams(n, 11))
	viaSortPairs := slices.Clone(q.pairs)
	sortPairs(q.scratch, viaSortPairs, true)

	compares := 0
	order := pairOrder(q.scratch, true)
	counted := slices.Clone(q.pairs)
	slices.SortStableFunc(counted, func(x, y pair) int { compares++; return order(x, y) })
	assert.Equal(t, counted, viaSortPairs, "sortPairs is the library sort with pairOrder")

	bound := int(2 * n * math.Log2(n))
	t.Logf("%d parameters sorted with %d comparisons (bound 2 n log2 n = %d; n²/4 = %d)", n, compares, bound, n*n/4)
	assert.LessOrEqual(t, compares, bound, "comparisons for %d parameters", n)
	assert.True(t, slices.IsSortedFunc(viaSortPairs, order), "sorted")
}

func TestPresignRefusesURLCarryingSigningParameter(t *testing.T) {
	for _, tc := range []struct{ name, query string }{
		{"X-Amz-Signature", "X-Amz-Signature=abc"},
		{"X-Amz-Expires in lower case", "x-amz-expires=5"},
		{"X-Amz-Date in upper case", "X-AMZ-DATE=junk"},
		{"X-Amz-Credential after another parameter", "a=1&X-Amz-Credential=AKID%2F20130524"},
		{"X-Amz-Algorithm without a value", "x-amz-algorithm"},
		{"X-Amz-SignedHeaders in mixed case", "X-amz-signedheaders=host"},
		{"X-Amz-Security-Token", "X-Amz-Security-Token=t"},
		{"X-Amz-Date with an escaped letter", "X-Amz-%44ate=20130524T000000Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Presign(PresignInput{Context: exampleCtx, URL: "https://examplebucket.s3.amazonaws.com/k?" + tc.query})
			requireFieldError(t, err, FieldURL, ErrUnsupported)
		})
	}
	for _, query := range []string{"X-Amz-Expiresx=1", "x-amz-meta-date=1", "X-Amz-Content-Sha256=UNSIGNED-PAYLOAD"} {
		_, err := Presign(PresignInput{Context: exampleCtx, URL: "https://examplebucket.s3.amazonaws.com/k?" + query})
		assert.NoError(t, err, "a parameter that merely resembles a signing one: %s", query)
	}
}

func TestPresignExpiryBounds(t *testing.T) {
	url := "https://examplebucket.s3.amazonaws.com/k"
	t.Run("maxExpires beyond the ceiling is refused", func(t *testing.T) {
		_, err := Presign(PresignInput{Context: exampleCtx, URL: url, Expires: time.Hour, MaxExpires: 9e9 * time.Second})
		requireFieldError(t, err, FieldMaxExpires, ErrOutOfRange)
	})
	t.Run("expires beyond the ceiling names expires", func(t *testing.T) {
		_, err := Presign(PresignInput{Context: exampleCtx, URL: url, Expires: ExpiresCeiling + time.Second, MaxExpires: 9e9 * time.Second})
		requireFieldError(t, err, FieldExpires, ErrOutOfRange)
	})
	t.Run("a URL at the ceiling verifies", func(t *testing.T) {
		res, err := Presign(PresignInput{Context: exampleCtx, URL: url, Expires: ExpiresCeiling, MaxExpires: ExpiresCeiling})
		require.NoError(t, err)
		v, err := Verify(VerifyInput{Credentials: exampleCtx.Credentials, Request: Request{Method: "GET", URL: res.URL}, MaxExpires: ExpiresCeiling, Now: exampleTime})
		require.NoError(t, err, "Verify")
		assert.True(t, v.Valid, v.Reason)
		assert.Equal(t, exampleTime.Add(ExpiresCeiling), v.ExpiresAt)
	})
	t.Run("an expiry after the year 9999 is refused", func(t *testing.T) {
		ctx := exampleCtx
		ctx.Time = time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC)
		_, err := Presign(PresignInput{Context: ctx, URL: url, Expires: 2 * time.Hour})
		requireFieldError(t, err, FieldExpires, ErrOutOfRange)
	})
	t.Run("an expiry at the last second of 9999 is allowed", func(t *testing.T) {
		ctx := exampleCtx
		ctx.Time = time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC)
		res, err := Presign(PresignInput{Context: ctx, URL: url, Expires: time.Hour - time.Second})
		require.NoError(t, err)
		assert.Equal(t, 9999, res.ExpiresAt.Year())
	})
}

func TestSignUnsignedPayloadErrorNamesItsField(t *testing.T) {
	ctx := exampleCtx
	ctx.Service = "ses"
	req := Request{Method: "GET", URL: "https://email.us-east-1.amazonaws.com/"}
	_, err := Sign(SignInput{Context: ctx, Request: req, UnsignedPayload: true})
	requireFieldError(t, err, FieldUnsignedPayload, ErrUnsupported)
	_, err = Sign(SignInput{Context: ctx, Request: req, PayloadHash: UnsignedPayload})
	requireFieldError(t, err, FieldPayloadHash, ErrUnsupported)
}
