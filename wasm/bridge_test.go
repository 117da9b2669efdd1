package main

import (
	"encoding/json"
	"maps"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

type envelope struct {
	OK     bool            `json:"ok"`
	Value  json.RawMessage `json:"value"`
	Errors []struct {
		Field, Code, Message string
	} `json:"errors"`
}

func callJSON(t *testing.T, op int32, input string) envelope {
	t.Helper()
	out := call(op, []byte(input), nil)
	var env envelope
	require.NoError(t, json.Unmarshal(out, &env), "envelope is JSON: %s", out)
	return env
}

const docPresign = `{"accessKeyId":"AKIAIOSFODNN7EXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
	"date":"2013-05-24T00:00:00Z","endpoint":"https://s3.amazonaws.com","bucket":"examplebucket","key":"test.txt",
	"addressing":"virtual","expires":86400}`

const docURL = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"

func TestBridgePresignDocumentedExample(t *testing.T) {
	env := callJSON(t, opPresign, docPresign)
	require.True(t, env.OK, "%+v", env.Errors)
	var v struct {
		URL, Method, ExpiresAt string
		Debug                  map[string]string
	}
	require.NoError(t, json.Unmarshal(env.Value, &v))
	assert.Equal(t, docURL, v.URL)
	assert.Equal(t, "2013-05-25T00:00:00.000Z", v.ExpiresAt)
	assert.Nil(t, v.Debug, "debug only on request")
	assert.NotContains(t, string(env.Value), "wJalrXUtnFEMI", "secret never in output")
}

func TestBridgeDebugOption(t *testing.T) {
	for _, tc := range []struct {
		option              string
		debug, withKey, bad bool
	}{
		{`false`, false, false, false},
		{`true`, true, false, false},
		{`{}`, true, false, false},
		{`{"signingKey":false}`, true, false, false},
		{`{"signingKey":true}`, true, true, false},
		{`"yes"`, false, false, true},
		{`{"signingKey":1}`, false, false, true},
	} {
		env := callJSON(t, opPresign, strings.Replace(docPresign, `{`, `{"debug":`+tc.option+`,`, 1))
		if tc.bad {
			require.False(t, env.OK, tc.option)
			assert.Contains(t, env.Errors[0].Field, "debug", tc.option)
			continue
		}
		require.True(t, env.OK, "%s: %+v", tc.option, env.Errors)
		var v struct{ Debug map[string]string }
		require.NoError(t, json.Unmarshal(env.Value, &v))
		if !tc.debug {
			assert.Nil(t, v.Debug, tc.option)
			continue
		}
		assert.Equal(t, "host", v.Debug["signedHeaders"], tc.option)
		assert.Equal(t, "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", v.Debug["signature"], tc.option)
		_, hasKey := v.Debug["signingKey"]
		assert.Equal(t, tc.withKey, hasKey, tc.option)
	}
}

func TestBridgeDateForms(t *testing.T) {
	for _, date := range []string{`"20130524T000000Z"`, `1369353600000`, `"2013-05-24T00:00:00.000Z"`} {
		in := strings.Replace(docPresign, `"2013-05-24T00:00:00Z"`, date, 1)
		env := callJSON(t, opPresign, in)
		require.True(t, env.OK, date)
		assert.Contains(t, string(env.Value), "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", date)
	}
}

func TestBridgeDefaultsDateToNow(t *testing.T) {
	now = func() time.Time { return time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC) }
	defer func() { now = time.Now }()
	in := strings.Replace(docPresign, `"date":"2013-05-24T00:00:00Z",`, "", 1)
	env := callJSON(t, opPresign, in)
	require.True(t, env.OK)
	assert.Equal(t, docURL, presignedURL(t, env))
}

func presignedURL(t *testing.T, env envelope) string {
	var v struct{ URL string }
	require.NoError(t, json.Unmarshal(env.Value, &v))
	return v.URL
}

func TestBridgeErrors(t *testing.T) {
	tests := []struct {
		name, input, field, code string
	}{
		{"missing access key", `{"secretAccessKey":"s","region":"us-east-1","url":"https://b.s3.amazonaws.com/k"}`, "accessKeyId", "missing"},
		{"expires not a number", strings.Replace(docPresign, `86400`, `"abc"`, 1), "expires", "malformed"},
		{"NaN date from the glue", strings.Replace(docPresign, `"2013-05-24T00:00:00Z"`, `"NaN"`, 1), "date", "malformed"},
		{"expires zero", strings.Replace(docPresign, `86400`, `0`, 1), "expires", "out-of-range"},
		{"expires above 7 days", strings.Replace(docPresign, `86400`, `604801`, 1), "expires", "out-of-range"},
		{"unknown field", strings.Replace(docPresign, `{`, `{"foo":1,`, 1), "foo", "unsupported"},
		{"bad addressing", strings.Replace(docPresign, `"virtual"`, `"sideways"`, 1), "addressing", "unsupported"},
		{"nested debug unknown", strings.Replace(docPresign, `{`, `{"debug":{"x":true},`, 1), "debug.x", "unsupported"},
		{"region unknown host", `{"accessKeyId":"a","secretAccessKey":"s","url":"https://example.com/k"}`, "region", "missing"},
		{"header not a string", strings.Replace(docPresign, `{`, `{"headers":{"X-A":{}},`, 1), "headers.X-A", "malformed"},
		{"condition operator", `{"accessKeyId":"a","secretAccessKey":"s","region":"us-east-1","url":"https://bkt.s3.amazonaws.com/","key":"k","expires":60,"conditions":[["ends-with","$key","x"]]}`, "conditions[0]", "unsupported"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			op := int32(opPresign)
			if strings.Contains(tc.input, "conditions") {
				op = opPostPolicy
			}
			env := callJSON(t, op, tc.input)
			require.False(t, env.OK)
			found := false
			for _, e := range env.Errors {
				if e.Field == tc.field {
					found = true
					assert.Equal(t, tc.code, e.Code, "code for %s", tc.field)
				}
				assert.NotContains(t, e.Message, "wJalrXUtnFEMI", "no secret in messages")
			}
			assert.True(t, found, "an error names %q: %+v", tc.field, env.Errors)
		})
	}
	env := callJSON(t, opPresign, strings.Replace(docPresign, `86400`, `2592000,"maxExpires":2592000`, 1))
	assert.True(t, env.OK, "maxExpires raises the bound: %+v", env.Errors)
}

func TestBridgeMaxExpiresYandex(t *testing.T) {
	env := callJSON(t, opPresign, `{"accessKeyId":"a","secretAccessKey":"s","url":"https://storage.yandexcloud.net/b/k","expires":2592000,"maxExpires":2592000,"date":"2024-01-01T00:00:00Z"}`)
	require.True(t, env.OK, "%+v", env.Errors)
	assert.Contains(t, string(env.Value), "ru-central1", "region inferred from storage.yandexcloud.net")
}

func TestBridgeSignSES(t *testing.T) {
	env := callJSON(t, opSign, `{"accessKeyId":"AKIDEXAMPLE","secretAccessKey":"s","service":"ses","region":"us-east-1","method":"POST",
		"url":"https://email.us-east-1.amazonaws.com/v2/email/outbound-emails","headers":{"Content-Type":"application/json"},
		"body":"{\"a\":1}","date":"2024-01-01T00:00:00Z"}`)
	require.True(t, env.OK, "%+v", env.Errors)
	var v struct {
		Headers  map[string]string
		Snippets struct {
			Curl, CurlAwsSigv4, Fetch string
			CurlAwsSigv4Issues        []string
			BodyFile                  *string
			BrowserURL                bool `json:"browserUrl"`
		}
	}
	require.NoError(t, json.Unmarshal(env.Value, &v))
	assert.Contains(t, v.Headers["Authorization"], "Credential=AKIDEXAMPLE/20240101/us-east-1/ses/aws4_request")
	assert.Equal(t, "20240101T000000Z", v.Headers["X-Amz-Date"])
	// What the snippets send is proven in e2e (TestSnippetsSendWhatWasSigned);
	// here, that the bridge hands out the core's snippets for the signed request.
	want, err := sigv4.RequestSnippets(sigv4.SnippetInput{Method: "POST", URL: "https://email.us-east-1.amazonaws.com/v2/email/outbound-emails",
		Headers: []sigv4.Header{{Name: "Content-Type", Value: "application/json"}, {Name: "X-Amz-Date", Value: "20240101T000000Z"},
			{Name: "Authorization", Value: v.Headers["Authorization"]}},
		Body: []byte(`{"a":1}`), Region: "us-east-1", Service: "ses"})
	require.NoError(t, err, "RequestSnippets")
	assert.Equal(t, want.Curl, v.Snippets.Curl, "curl")
	assert.Equal(t, want.CurlAWSSigV4, v.Snippets.CurlAwsSigv4, "curl --aws-sigv4")
	assert.Equal(t, want.Fetch, v.Snippets.Fetch, "fetch")
	assert.Empty(t, v.Snippets.CurlAwsSigv4Issues, "curl --aws-sigv4 issues")
	assert.Nil(t, v.Snippets.BodyFile, "bodyFile")
	assert.True(t, v.Snippets.BrowserURL, "browserUrl")
}

func TestBridgeVerifyRoundTrip(t *testing.T) {
	const creds = `"accessKeyId":"AKIAIOSFODNN7EXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","now":"2013-05-24T12:00:00Z"`
	env := callJSON(t, opVerify, `{"url":"`+docURL+`",`+creds+`}`)
	require.True(t, env.OK, "%+v", env.Errors)
	assert.Contains(t, string(env.Value), `"valid":true`)
	bad := strings.Replace(docURL, "d404", "d405", 1)
	env = callJSON(t, opVerify, `{"url":"`+bad+`",`+creds+`}`)
	assert.Contains(t, string(env.Value), `"reason":"signature-mismatch"`)
	env = callJSON(t, opVerify, `{"url":"`+docURL+`","accessKeyId":"AKIDOTHER","secretAccessKey":"x","now":"2013-05-24T12:00:00Z"}`)
	assert.Contains(t, string(env.Value), `"reason":"wrong-access-key"`)
	env = callJSON(t, opVerify, `{"url":"`+docURL+`","secretAccessKey":"x","now":"2013-05-24T12:00:00Z"}`)
	require.False(t, env.OK, "verify without accessKeyId")
	assert.Equal(t, "accessKeyId", env.Errors[0].Field)
	assert.Equal(t, "missing", env.Errors[0].Code)
}

// The body contract crosses the bridge: absent (or null) is not given, ""
// is an empty body.
func TestBridgeVerifyBody(t *testing.T) {
	env := callJSON(t, opSign, `{"url":"https://b.s3.amazonaws.com/k","service":"s3","method":"PUT","body":"","accessKeyId":"AKIDEXAMPLE","secretAccessKey":"s","date":"2024-01-01T00:00:00Z"}`)
	require.True(t, env.OK, "%+v", env.Errors)
	var signed struct {
		Headers map[string]string
	}
	require.NoError(t, json.Unmarshal(env.Value, &signed))
	hs, err := json.Marshal(signed.Headers)
	require.NoError(t, err)
	base := `"url":"https://b.s3.amazonaws.com/k","method":"PUT","headers":` + string(hs) + `,"accessKeyId":"AKIDEXAMPLE","secretAccessKey":"s","now":"2024-01-01T00:00:00Z"`
	for _, tc := range []struct{ name, body, reason string }{
		{"empty body", `,"body":""`, "valid"},
		{"body absent", ``, "payload-not-checked"},
		{"body null", `,"body":null`, "payload-not-checked"},
		{"other body", `,"body":"x"`, "payload-mismatch"},
	} {
		env := callJSON(t, opVerify, `{`+base+tc.body+`}`)
		require.True(t, env.OK, "%s: %+v", tc.name, env.Errors)
		assert.Contains(t, string(env.Value), `"reason":"`+tc.reason+`"`, tc.name)
	}
}

func TestBridgeBatch(t *testing.T) {
	env := callJSON(t, opPresignBatch, `{"items":[`+docPresign+`,{"foo":1},42]}`)
	require.True(t, env.OK)
	var items []envelope
	require.NoError(t, json.Unmarshal(env.Value, &items))
	require.Len(t, items, 3)
	assert.True(t, items[0].OK)
	assert.False(t, items[1].OK)
	assert.False(t, items[2].OK)
}

// Hostile input never panics out of call and always yields an envelope; a
// good call afterwards still gives the documented URL.
func TestBridgeSurvivesHostileInput(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	fields := []string{"accessKeyId", "secretAccessKey", "signingKey", "sessionToken", "region", "service", "date", "url", "endpoint",
		"bucket", "key", "keyPrefix", "addressing", "expires", "maxExpires", "query", "headers", "body", "method", "fields",
		"conditions", "contentLengthRange", "expiration", "now", "debug", "unsignedPayload", "items", "submitLabel"}
	values := []string{`null`, `true`, `-1`, `1e308`, `-0`, `0.5`, `"NaN"`, `""`, `"\ud800"`, `"\u0000"`, `[]`, `{}`, `[[]]`,
		`{"$bytes":"!!"}`, `"` + strings.Repeat("a", 70000) + `"`, `"https://[::1]:99999/"`, `[1,2]`, `[["a"]]`, `{"a":{"b":[]}}`,
		`"http://u@h/"`, `"2013-02-30"`, `"\r\n"`, `[["starts-with","$key"]]`, `[{"a":"b","c":"d"}]`, strings.Repeat("[", 100) + strings.Repeat("]", 100)}
	for i := 0; i < 3000; i++ {
		var b strings.Builder
		b.WriteString("{")
		n := rng.Intn(8)
		for j := 0; j < n; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString(`"` + fields[rng.Intn(len(fields))] + `":` + values[rng.Intn(len(values))])
		}
		b.WriteString("}")
		input := b.String()
		if rng.Intn(10) == 0 {
			input = input[:rng.Intn(len(input)+1)]
		}
		for _, op := range []int32{opPresign, opPostPolicy, opSign, opVerify, opPresignBatch, 99} {
			out := call(op, []byte(input), nil)
			require.True(t, json.Valid(out), "op %d input %.200s gave %.200s", op, input, out)
		}
	}
	env := callJSON(t, opPresign, docPresign)
	require.True(t, env.OK)
	assert.Equal(t, docURL, presignedURL(t, env))
}

func TestBridgeRecoversPanics(t *testing.T) {
	now = func() time.Time { panic("boom") }
	defer func() { now = time.Now }()
	env := callJSON(t, opPresign, `{}`)
	require.False(t, env.OK)
	assert.Equal(t, "internal", env.Errors[0].Code)
}

func TestBridgeReportsBridgeAndCoreProblemsTogether(t *testing.T) {
	env := callJSON(t, opPostPolicy, `{"accessKeyId":"a","secretAccessKey":"s","region":"us-east-1","url":"https://bkt.s3.amazonaws.com/",
		"key":"k","expires":"soon","contentLengthRange":[10,1],"fields":{"success_action_redirect":"not a url"},"bogus":1}`)
	require.False(t, env.OK)
	got := map[string]string{}
	for _, e := range env.Errors {
		got[e.Field] = e.Code
	}
	assert.Equal(t, map[string]string{"expires": "malformed", "contentLengthRange": "out-of-range",
		"fields.success_action_redirect": "malformed", "bogus": "unsupported"}, got)
}

func TestBridgeDoesNotEchoDerivedURL(t *testing.T) {
	env := callJSON(t, opPresign, `{"accessKeyId":"a","secretAccessKey":"s","region":"us-east-1","endpoint":"https://s3.amazonaws.com","key":"k"}`)
	require.False(t, env.OK)
	var fields []string
	for _, e := range env.Errors {
		fields = append(fields, e.Field)
	}
	assert.Equal(t, []string{"bucket"}, fields, "only the real problem, not an echo on url")
}

func TestBridgeDateAsMillisecondText(t *testing.T) {
	env := callJSON(t, opPresign, strings.Replace(docPresign, `"2013-05-24T00:00:00Z"`, `"1369353600000"`, 1))
	require.True(t, env.OK, "%+v", env.Errors)
	assert.Equal(t, docURL, presignedURL(t, env))
}

// The bridge parses input borrowed from a buffer it reuses. Overwriting that
// buffer with another secret at the same place must not make the key cache
// hand back the first secret's key.
func TestBridgeReusedInputBufferDoesNotLeakIntoCache(t *testing.T) {
	buf := []byte(docPresign)
	first := callJSONBuf(t, buf)
	require.True(t, first.OK)
	other := strings.Replace(docPresign, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ", 1)
	copy(buf, other)
	second := callJSONBuf(t, buf)
	require.True(t, second.OK)
	assert.NotEqual(t, presignedURL(t, first), presignedURL(t, second), "another secret signs differently")
	fresh := callJSON(t, opPresign, other)
	assert.Equal(t, presignedURL(t, fresh), presignedURL(t, second), "and as a fresh input does")
}

func callJSONBuf(t *testing.T, buf []byte) envelope {
	t.Helper()
	var env envelope
	require.NoError(t, json.Unmarshal(call(opPresign, buf, nil), &env))
	return env
}

// An input with more members than the bit set of read fields holds: every
// unknown one is still reported.
func TestBridgeManyUnknownFields(t *testing.T) {
	var b strings.Builder
	b.WriteString(docPresign[:len(docPresign)-1])
	for i := 0; i < 70; i++ {
		b.WriteString(`,"unknown` + strconv.Itoa(i) + `":1`)
	}
	b.WriteString("}")
	env := callJSON(t, opPresign, b.String())
	require.False(t, env.OK)
	assert.Len(t, env.Errors, 70)
	assert.Equal(t, "unknown69", env.Errors[69].Field)
	assert.Equal(t, "unsupported", env.Errors[0].Code)
}

// The codes describe advertises (the only place JavaScript learns them) each
// reach an operation: the documented presign input gives the documented URL
// through presign and a one-item presignBatch, and every other one answers
// with its own validation errors, never "unknown operation".
func TestBridgeDescribeGivesEveryOperationsCode(t *testing.T) {
	env := callJSON(t, opDescribe, `{}`)
	require.True(t, env.OK, "describe")
	var d struct {
		Version string
		Ops     map[string]int32
	}
	require.NoError(t, json.Unmarshal(env.Value, &d))
	assert.Equal(t, version, d.Version)
	assert.ElementsMatch(t, []string{"presign", "postPolicy", "sign", "verify", "presignBatch", "snippets"}, slices.Collect(maps.Keys(d.Ops)))

	presign := callJSON(t, d.Ops["presign"], docPresign)
	require.True(t, presign.OK, "presign")
	assert.Contains(t, string(presign.Value), docURL)
	batch := callJSON(t, d.Ops["presignBatch"], `{"items":[`+docPresign+`]}`)
	require.True(t, batch.OK, "presignBatch")
	assert.Contains(t, string(batch.Value), docURL)
	for _, name := range []string{"postPolicy", "sign", "verify"} {
		env := callJSON(t, d.Ops[name], `{}`)
		require.False(t, env.OK, name)
		for _, e := range env.Errors {
			assert.NotEqual(t, "", e.Field, "%s: %s", name, e.Message)
		}
	}
}

// credentialsExpireAt is translated to the core and its verdict back:
// validUntil, the warning, and the error naming the field.
func TestBridgeCredentialsExpireAt(t *testing.T) {
	const form = `{"accessKeyId":"AKIAIOSFODNN7EXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
	"date":"2013-05-24T00:00:00Z","url":"https://examplebucket.s3.amazonaws.com/","key":"k","expires":86400}`
	tests := []struct {
		name       string
		op         int32
		input      string
		validUntil string
		warned     bool
	}{
		{"presign without it: validUntil is expiresAt", opPresign, docPresign, "2013-05-25T00:00:00.000Z", false},
		{"presign, credentials expire first (ISO string)", opPresign, withMember(docPresign, `"credentialsExpireAt":"2013-05-24T00:15:00Z"`), "2013-05-24T00:15:00.000Z", true},
		{"presign, credentials expire first (epoch ms of a Date)", opPresign, withMember(docPresign, `"credentialsExpireAt":1369354500000`), "2013-05-24T00:15:00.000Z", true},
		{"presign, credentials outlive the URL", opPresign, withMember(docPresign, `"credentialsExpireAt":"2013-05-26T00:00:00Z"`), "2013-05-25T00:00:00.000Z", false},
		{"presign, null is not given", opPresign, withMember(docPresign, `"credentialsExpireAt":null`), "2013-05-25T00:00:00.000Z", false},
		{"postPolicy, credentials expire first (offset time)", opPostPolicy, withMember(form, `"credentialsExpireAt":"2013-05-24T03:30:00+03:00"`), "2013-05-24T00:30:00.000Z", true},
		{"postPolicy without it: validUntil is the expiration", opPostPolicy, form, "2013-05-25T00:00:00.000Z", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := callJSON(t, tc.op, tc.input)
			require.True(t, env.OK, "%+v", env.Errors)
			var v struct {
				SignedAt, ValidUntil string
				Warnings             []struct{ Field, Code, Message string }
			}
			require.NoError(t, json.Unmarshal(env.Value, &v))
			assert.Equal(t, "2013-05-24T00:00:00.000Z", v.SignedAt, "signedAt")
			assert.Equal(t, tc.validUntil, v.ValidUntil, "validUntil")
			require.NotNil(t, v.Warnings, "warnings is always an array")
			if !tc.warned {
				assert.Empty(t, v.Warnings, "warnings")
				return
			}
			require.Len(t, v.Warnings, 1, "warnings")
			assert.Equal(t, "credentialsExpireAt", v.Warnings[0].Field, "warning field")
			assert.Equal(t, "credentials-expire-first", v.Warnings[0].Code, "warning code")
		})
	}

	refused := []struct{ name, input, code string }{
		{"expired at the signing time", withMember(docPresign, `"credentialsExpireAt":"2013-05-24T00:00:00Z"`), "out-of-range"},
		{"not a time", withMember(docPresign, `"credentialsExpireAt":"soon"`), "malformed"},
		{"a boolean", withMember(docPresign, `"credentialsExpireAt":true`), "malformed"},
	}
	for _, tc := range refused {
		t.Run("refused: "+tc.name, func(t *testing.T) {
			env := callJSON(t, opPresign, tc.input)
			require.False(t, env.OK, "presign")
			require.Len(t, env.Errors, 1, "errors")
			assert.Equal(t, "credentialsExpireAt", env.Errors[0].Field, "error field")
			assert.Equal(t, tc.code, env.Errors[0].Code, "error code")
		})
	}
}

// withMember adds a member to a JSON object's text.
func withMember(obj, member string) string {
	return strings.Replace(obj, `{`, `{`+member+`,`, 1)
}
