package main

import (
	"encoding/base64"
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// run sends input through the buffers, as register.go does for JavaScript.
func run(t *testing.T, op int32, input string) envelope {
	t.Helper()
	buf := inputBuffer(len(input))
	require.NotNil(t, buf, "inputBuffer(%d)", len(input))
	n := copy(buf, input)
	var env envelope
	out := callBuffer(op, n)
	require.NoError(t, json.Unmarshal(out, &env), "envelope is JSON")
	return env
}

func heapAfterGC() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func TestOversizedInputAllocatesNothing(t *testing.T) {
	run(t, opPresign, docPresign)
	before := cap(inBuf)
	assert.Nil(t, inputBuffer(maxInput+1), "an input over the limit gets no buffer")
	assert.Nil(t, inputBuffer(1<<30), "nor does a 1 GiB one")
	assert.Equal(t, before, cap(inBuf), "the input buffer did not grow")
	assert.NotNil(t, inputBuffer(maxInput), "an input of exactly the limit gets one")
	callBuffer(opDescribe, 0)
}

// A large legitimate call (a 10 MB body as bytes) leaves neither its input
// nor its output allocated: after the next call, the heap is back within a
// megabyte of where it was.
func TestLargeCallLeavesHeapAsItWas(t *testing.T) {
	run(t, opPresign, docPresign)
	before := heapAfterGC()
	body := make([]byte, 10_000_000)
	input := `{"accessKeyId":"AKIDEXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY","region":"us-east-1",` +
		`"service":"s3","url":"https://b.s3.amazonaws.com/k","body":{"$bytes":"` + base64.StdEncoding.EncodeToString(body) + `"}}`
	env := run(t, opSign, input)
	require.True(t, env.OK, "%+v", env.Errors)
	input = "" // the test's own copy
	run(t, opPresign, docPresign)
	after := heapAfterGC()
	t.Logf("Go heap in use: %d bytes before, %d after a 13.3 MB input and the next call", before, after)
	assert.Less(t, int64(after)-int64(before), int64(1<<20), "heap growth after a large call")
	assert.LessOrEqual(t, cap(inBuf), keepBuffer, "the input buffer kept is small")
	assert.LessOrEqual(t, cap(outBuf), keepBuffer, "the output buffer kept is small")
}

// After a call the input buffer is zero: it held the secret.
func TestCallClearsTheInputBuffer(t *testing.T) {
	env := run(t, opPresign, docPresign)
	require.True(t, env.OK, "%+v", env.Errors)
	for i, b := range inBuf[:cap(inBuf)] {
		if b != 0 {
			t.Fatalf("input buffer byte %d is %#x after the call", i, b)
		}
	}
}

func TestInputProblemsSayWhatIsWrong(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 70) + "1" + strings.Repeat("}", 70)
	for _, tc := range []struct {
		name, input, code string
		says              []string
	}{
		{"input over the size limit", `{"key":"` + strings.Repeat("k", maxInput) + `"}`, "out-of-range", []string{"16 MiB", "16777216"}},
		{"objects nested too deep", `{"query":` + deep + `}`, "out-of-range", []string{"64 deep"}},
		{"too many values", `{"query":[` + strings.Repeat("0,", 262144) + `0]}`, "out-of-range", []string{"262144 values"}},
		{"duplicate key names the key", `{"url":"a","region":"x","region":"y"}`, "malformed", []string{`"region"`, "twice"}},
		{"duplicate key in a nested object", `{"headers":{"X-Thing":"1","X-Thing":"2"}}`, "malformed", []string{`"X-Thing"`}},
		{"not JSON", `{"url":`, "malformed", []string{"not valid JSON"}},
		{"not an object", `[1]`, "malformed", []string{"plain object"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := callJSON(t, opPresign, tc.input)
			require.False(t, env.OK)
			require.Len(t, env.Errors, 1)
			assert.Equal(t, tc.code, env.Errors[0].Code)
			for _, s := range tc.says {
				assert.Contains(t, env.Errors[0].Message, s)
			}
		})
	}
}

func TestNullMeansNotGiven(t *testing.T) {
	for _, tc := range []struct {
		name  string
		op    int32
		input string
	}{
		{"presign date null", opPresign, strings.Replace(docPresign, `"date":"2013-05-24T00:00:00Z"`, `"date":null`, 1)},
		{"postPolicy expiration null", opPostPolicy, `{"accessKeyId":"AKID","secretAccessKey":"s","region":"us-east-1","endpoint":"https://s3.amazonaws.com",
			"bucket":"examplebucket","key":"a.txt","expires":3600,"expiration":null,"date":null}`},
		{"verify now null", opVerify, `{"accessKeyId":"AKIAIOSFODNN7EXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","url":"` + docURL + `","now":null}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := callJSON(t, tc.op, tc.input)
			assert.True(t, env.OK, "%+v", env.Errors)
		})
	}
}

func TestHugeSecondsGetTheRangeMessage(t *testing.T) {
	for _, tc := range []struct{ name, member, field string }{
		{"expires beyond a Duration", `"expires":9.5e9`, "expires"},
		{"maxExpires beyond a Duration", `"expires":3600,"maxExpires":9e9`, "maxExpires"},
		{"maxExpires beyond float precision", `"expires":3600,"maxExpires":1e300`, "maxExpires"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			input := strings.Replace(docPresign, `"expires":86400`, tc.member, 1)
			env := callJSON(t, opPresign, input)
			require.False(t, env.OK)
			require.Len(t, env.Errors, 1, "%+v", env.Errors)
			assert.Equal(t, tc.field, env.Errors[0].Field)
			assert.Equal(t, "out-of-range", env.Errors[0].Code)
		})
	}
}
