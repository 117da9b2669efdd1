//go:build !js

package e2e

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBrowserContract runs the JS contract in Chromium against the served
// build, as a page author would use it: import ./sigv4.js, load(), and call
// the four functions; the AWS documented presigned GET byte for byte,
// SigV4Error with code and field, and no hostile input that kills the
// instance.
func TestBrowserContract(t *testing.T) {
	p := openPage(t, pageOptions{})
	out := p.evalAsync(`(async () => {
	  const m = await import("/sigv4.js");
	  const s = await m.load();
	  const out = { same: s === await m.load(), version: s.version };
	  const example = {
	    accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
	    region: "us-east-1", date: new Date(Date.UTC(2013, 4, 24)), endpoint: "https://s3.amazonaws.com",
	    bucket: "examplebucket", key: "test.txt", addressing: "virtual", expires: 86400,
	  };
	  out.url = s.presign(example).url;
	  out.expiresAt = s.presign(example).expiresAt;
	  const pp = s.postPolicy({ accessKeyId: example.accessKeyId, secretAccessKey: example.secretAccessKey,
	    region: "us-east-1", date: "2015-12-29T00:00:00Z", url: "http://sigv4examplebucket.s3.amazonaws.com/",
	    keyPrefix: "user/user1/", expiration: "2015-12-30T12:00:00.000Z", contentLengthRange: [1, 1048576] });
	  const names = Object.keys(pp.fields);
	  out.fields = [names[0], names[names.length - 1]];
	  out.policyOk = JSON.parse(pp.policy).expiration === "2015-12-30T12:00:00.000Z";
	  const signed = s.sign({ ...example, service: "s3", url: "https://examplebucket.s3.amazonaws.com/test.txt",
	    endpoint: undefined, bucket: undefined, key: undefined, addressing: undefined, expires: undefined,
	    headers: { Range: "bytes=0-9" } });
	  out.authorization = signed.headers.Authorization;
	  out.valid = s.verify({ url: out.url, accessKeyId: example.accessKeyId, secretAccessKey: example.secretAccessKey, now: "2013-05-24T12:00:00Z" }).valid;
	  try { s.presign({ ...example, expires: 0, foo: 1 }); } catch (e) {
	    out.err = { sigv4: e instanceof m.SigV4Error, error: e instanceof Error, code: e.code, fields: e.errors.map((x) => x.field).sort() };
	  }
	  const junk = [null, 1, -1, "x", [], {}, NaN, "\ud800", { a: { b: [] } }, "x".repeat(100000), true, 1e308];
	  const fields = ["url", "date", "expires", "headers", "accessKeyId", "conditions", "body", "query"];
	  let other = 0, calls = 0;
	  for (let i = 0; i < 400; i++) for (const fn of ["presign", "postPolicy", "sign", "verify"]) {
	    const input = { [fields[i % fields.length]]: junk[i % junk.length], [fields[(i * 7) % fields.length]]: junk[(i * 5) % junk.length] };
	    calls++;
	    try { s[fn](input); } catch (e) { if (!(e instanceof m.SigV4Error)) other++; }
	  }
	  out.hostile = { calls, other };
	  out.after = s.presign(example).url;
	  return JSON.stringify(out);
	})()`)
	var got struct {
		Same          bool
		Version       string
		URL           string
		ExpiresAt     string
		Fields        []string
		PolicyOk      bool
		Authorization string
		Valid         bool
		Err           struct {
			Sigv4, Error bool
			Code         string
			Fields       []string
		}
		Hostile struct{ Calls, Other int }
		After   string
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got), out)
	const docURL = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
	assert.True(t, got.Same, "load() twice gives the same instance")
	assert.NotEmpty(t, got.Version)
	assert.Equal(t, docURL, got.URL, "the documented presigned GET")
	assert.Equal(t, "2013-05-25T00:00:00.000Z", got.ExpiresAt)
	assert.Equal(t, []string{"key", "X-Amz-Signature"}, got.Fields, "key first, signature last")
	assert.True(t, got.PolicyOk)
	assert.Contains(t, got.Authorization, "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", "the documented GET Object signature")
	assert.True(t, got.Valid, "verify(presign(x))")
	assert.True(t, got.Err.Sigv4 && got.Err.Error, "SigV4Error is an Error")
	assert.Equal(t, []string{"expires", "foo"}, got.Err.Fields, "every problem reported")
	assert.Equal(t, 1600, got.Hostile.Calls)
	assert.Zero(t, got.Hostile.Other, "hostile input only ever throws SigV4Error")
	assert.Equal(t, docURL, got.After, "the instance survives")
	p.assertNoConsoleErrors()
}
