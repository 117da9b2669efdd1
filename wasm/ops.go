package main

import (
	"errors"
	"strconv"
	"time"

	"github.com/sigv4kit/sigv4kit/internal/jsonv"
	"github.com/sigv4kit/sigv4kit/sigv4"
)

// now is the clock, read here and never in sigv4. Tests replace it.
var now = time.Now

// credentials reads the access key id and the secret or signing key.
func (in *input) credentials() sigv4.Credentials {
	var c sigv4.Credentials
	c.AccessKeyID = in.str(sigv4.FieldAccessKeyID)
	c.SecretAccessKey = in.str(sigv4.FieldSecretAccessKey)
	if hex := in.str(sigv4.FieldSigningKey); hex != "" {
		k, err := sigv4.ParseSigningKey(hex)
		if err != nil {
			in.fail(sigv4.FieldSigningKey, "malformed", "must be 64 hex digits")
		} else {
			c.SigningKey = &k
		}
	}
	return c
}

// context reads the inputs every operation shares.
func (in *input) context() sigv4.Context {
	var c sigv4.Context
	c.Credentials = in.credentials()
	c.SessionToken = in.str(sigv4.FieldSessionToken)
	c.Region = in.str(sigv4.FieldRegion)
	c.Service = in.str(sigv4.FieldService)
	if in.has(sigv4.FieldDate) {
		c.Time = in.time(sigv4.FieldDate)
	} else {
		c.Time = now().UTC().Truncate(time.Second)
	}
	c.CredentialsExpireAt = in.time(sigv4.FieldCredentialsExpireAt)
	c.Debug, c.ShowSigningKey = in.debugOption()
	return c
}

// debugOption reads debug: true (the intermediate values) or
// debug: {signingKey: true} (those and the signing key).
func (in *input) debugOption() (on, signingKey bool) {
	v, ok := in.get("debug")
	if !ok {
		return false, false
	}
	switch v.Kind {
	case jsonv.Bool:
		return v.Bool, false
	case jsonv.Object:
	default:
		in.fail("debug", "malformed", "must be true, false or {signingKey: true}")
		return false, false
	}
	d := in.object("debug")
	signingKey = d.boolean("signingKey")
	d.finish()
	return true, signingKey
}

// debugIf writes the intermediate values when the caller asked for them.
func (w *writer) debugIf(c *sigv4.Context, d sigv4.Debug) {
	if c.Debug || c.ShowSigningKey {
		w.debug(d)
	}
}

// target reads endpoint, bucket, key and addressing: an object named
// instead of a url. wantKey is false for postPolicy, whose key is the form's.
func (in *input) target(wantKey bool) sigv4.ObjectInput {
	o := sigv4.ObjectInput{
		Endpoint:   in.str(sigv4.FieldEndpoint),
		Bucket:     in.str(sigv4.FieldBucket),
		Addressing: sigv4.Addressing(in.str(sigv4.FieldAddressing)),
	}
	if wantKey {
		o.Key = in.str(sigv4.FieldKey)
	}
	return o
}

// addErr records a core error; it reports whether there was any problem.
// The core always runs, even after the bridge found a problem, so that every
// problem is reported at once; but a field the bridge could not read (a
// string where a number belongs) reaches the core as "not given", so the
// core's complaint about that same field is dropped.
func (in *input) addErr(err error) bool {
	if err == nil {
		return len(*in.errs) > 0
	}
	var ve *sigv4.ValidationError
	if errors.As(err, &ve) {
		bridgeFound := len(*in.errs)
		for _, fe := range ve.Errors {
			if !hasField((*in.errs)[:bridgeFound], fe.Field) {
				*in.errs = append(*in.errs, fieldErr{fe.Field, fe.Code(), fe.Message})
			}
		}
		return true
	}
	*in.errs = append(*in.errs, fieldErr{"", "internal", "unexpected error"})
	return true
}

func presignOp(in *input, w *writer) bool {
	var p sigv4.PresignInput
	p.Context = in.context()
	p.URL = in.str(sigv4.FieldURL)
	p.Object = in.target(true)
	p.Method = in.str(sigv4.FieldMethod)
	p.Expires = in.seconds(sigv4.FieldExpires)
	p.MaxExpires = in.seconds(sigv4.FieldMaxExpires)
	for _, q := range in.pairs(sigv4.FieldQuery) {
		p.Query = append(p.Query, sigv4.QueryParam{Name: q[0], Value: q[1]})
	}
	p.Headers = in.headers(sigv4.FieldHeaders)
	wantSnippets := in.boolean(sigv4.FieldSnippets)
	in.finish()
	res, err := sigv4.Presign(p)
	if in.addErr(err) {
		return false
	}
	w.open()
	w.str("url", res.URL)
	w.str("method", res.Method)
	w.headers("headers", res.Headers)
	w.time("expiresAt", res.ExpiresAt)
	w.time("signedAt", res.SignedAt)
	w.time("validUntil", res.ValidUntil)
	w.warnings("warnings", res.Warnings)
	if wantSnippets {
		w.snippets(res.Snippets())
	}
	w.debugIf(&p.Context, res.Debug)
	w.close()
	return true
}

func postPolicyOp(in *input, w *writer) bool {
	var p sigv4.PostPolicyInput
	p.Context = in.context()
	p.URL = in.str(sigv4.FieldURL)
	o := in.target(false)
	p.Endpoint, p.Bucket, p.Addressing = o.Endpoint, o.Bucket, o.Addressing
	p.Key = in.str(sigv4.FieldKey)
	p.KeyPrefix = in.str(sigv4.FieldKeyPrefix)
	p.Expires = in.seconds(sigv4.FieldExpires)
	if in.has(sigv4.FieldExpiration) {
		p.Expiration = in.time(sigv4.FieldExpiration)
	}
	for _, f := range in.pairs(sigv4.FieldFields) {
		p.Fields = append(p.Fields, sigv4.Field{Name: f[0], Value: f[1]})
	}
	p.Conditions = in.conditions()
	p.ContentTypes = in.strs(sigv4.FieldContentTypes)
	p.ContentLengthRange = in.lengthRange()
	p.SubmitLabel = in.str(sigv4.FieldSubmitLabel)
	in.finish()
	res, err := sigv4.PostPolicy(p)
	if in.addErr(err) {
		return false
	}
	w.open()
	w.str("url", res.URL)
	w.str("method", "POST")
	w.pairs("fields", func(i int) string { return res.Fields[i].Name }, func(i int) string { return res.Fields[i].Value }, len(res.Fields))
	w.str("policy", res.Policy)
	w.str("policyBase64", res.PolicyBase64)
	w.time("signedAt", res.SignedAt)
	w.time("expiration", res.Expiration)
	w.time("validUntil", res.ValidUntil)
	w.warnings("warnings", res.Warnings)
	if res.ContentTypes != nil {
		w.strs("contentTypes", res.ContentTypes)
	}
	w.str("html", res.HTML)
	w.debugIf(&p.Context, res.Debug)
	w.close()
	return true
}

// conditions reads raw S3 conditions; the core parses each one.
func (in *input) conditions() []sigv4.Condition {
	v, ok := in.get(sigv4.FieldConditions)
	if !ok {
		return nil
	}
	if v.Kind != jsonv.Array {
		in.fail(sigv4.FieldConditions, "malformed", "must be an array of conditions")
		return nil
	}
	// Every condition is passed on, even one that did not parse, so that the
	// core's conditions[i] is the caller's; its second complaint about a
	// condition reported here is dropped (addErr).
	out := make([]sigv4.Condition, len(v.Arr))
	for i, c := range v.Arr {
		cond, err := sigv4.ParseCondition(string(c.Append(nil)))
		var ve *sigv4.ValidationError
		if errors.As(err, &ve) {
			for _, fe := range ve.Errors {
				in.fail(sigv4.FieldConditions+"["+strconv.Itoa(i)+"]", fe.Code(), fe.Message)
			}
		}
		out[i] = cond
	}
	return out
}

func (in *input) lengthRange() *sigv4.LengthRange {
	v, ok := in.get(sigv4.FieldContentLengthRange)
	if !ok {
		return nil
	}
	if v.Kind != jsonv.Array || len(v.Arr) != 2 || v.Arr[0].Kind != jsonv.Number || v.Arr[1].Kind != jsonv.Number {
		in.fail(sigv4.FieldContentLengthRange, "malformed", "must be [min, max] in bytes")
		return nil
	}
	lo, hi := v.Arr[0].Num, v.Arr[1].Num
	if lo != float64(int64(lo)) || hi != float64(int64(hi)) || lo > 1e15 || hi > 1e15 {
		in.fail(sigv4.FieldContentLengthRange, "malformed", "must hold whole numbers of bytes")
		return nil
	}
	return &sigv4.LengthRange{Min: int64(lo), Max: int64(hi)}
}

func signOp(in *input, w *writer) bool {
	var s sigv4.SignInput
	s.Context = in.context()
	s.URL = in.str(sigv4.FieldURL)
	s.Object = in.target(true)
	s.Method = in.str(sigv4.FieldMethod)
	s.Headers = in.headers(sigv4.FieldHeaders)
	body, text := in.body(sigv4.FieldBody)
	s.Body = body
	s.UnsignedPayload = in.boolean("unsignedPayload")
	in.finish()
	res, err := sigv4.Sign(s)
	if in.addErr(err) {
		return false
	}
	w.open()
	w.str("method", res.Method)
	w.str("url", res.URL)
	w.headers("headers", res.Headers)
	if text && len(body) > 0 {
		w.str("body", string(body))
	} else {
		w.null("body")
	}
	w.snippets(res.Snippets(body))
	w.debugIf(&s.Context, res.Debug)
	w.close()
	return true
}

// snippetsOp writes the snippets of an unsigned request, such as one that
// carries a Yandex Cloud IAM token read from the environment (envHeaders).
func snippetsOp(in *input, w *writer) bool {
	var s sigv4.SnippetInput
	s.Method = in.str(sigv4.FieldMethod)
	// As sign does for services other than S3: a URL as typed, as a
	// browser would send it (a space becomes %20).
	s.URL = sigv4.WireURL(in.str(sigv4.FieldURL))
	s.Headers = in.headers(sigv4.FieldHeaders)
	s.EnvHeaders = in.headers(sigv4.FieldEnvHeaders)
	s.Body, _ = in.body(sigv4.FieldBody)
	in.finish()
	sn, err := sigv4.RequestSnippets(s)
	if in.addErr(err) {
		return false
	}
	w.open()
	w.snippetFields(sn)
	w.close()
	return true
}

func verifyOp(in *input, w *writer) bool {
	var v sigv4.VerifyInput
	v.Credentials = in.credentials()
	v.URL = in.str(sigv4.FieldURL)
	v.Method = in.str(sigv4.FieldMethod)
	v.Headers = in.headers(sigv4.FieldHeaders)
	// An absent body is "not given" (nil); "" is an empty body.
	if _, given := in.get(sigv4.FieldBody); given {
		v.Body, _ = in.body(sigv4.FieldBody)
		if v.Body == nil {
			v.Body = []byte{}
		}
	}
	v.MaxExpires = in.seconds(sigv4.FieldMaxExpires)
	if in.has(sigv4.FieldNow) {
		v.Now = in.time(sigv4.FieldNow)
	} else {
		v.Now = now().UTC()
	}
	// A verdict always carries the expected values: they are its explanation.
	_, v.ShowSigningKey = in.debugOption()
	in.finish()
	res, err := sigv4.Verify(v)
	if in.addErr(err) {
		return false
	}
	w.open()
	w.boolean("valid", res.Valid)
	w.boolean("expired", res.Expired)
	w.boolean("notYetValid", res.NotYetValid)
	w.boolean("presigned", res.Presigned)
	w.str("reason", res.Reason)
	w.str("accessKeyId", res.AccessKeyID)
	w.str("region", res.Region)
	w.str("service", res.Service)
	w.time("signedAt", res.SignedAt)
	w.time("expiresAt", res.ExpiresAt)
	w.str("provided", res.Provided)
	if res.Header != "" {
		w.str("header", res.Header)
	}
	w.debug(res.Debug)
	w.close()
	return true
}

func hasField(errs []fieldErr, field string) bool {
	for _, e := range errs {
		if e.field == field {
			return true
		}
	}
	return false
}
