// Command outside signs with sigv4kit from another module and checks every
// result against the AWS documentation's worked examples, read from the
// file named by its argument (sigv4/testdata/aws-doc-examples.json). It
// prints one line per check and exits 1 when any fails.
//
// It imports nothing but the standard library and the sigv4 package: that is
// all a module requiring sigv4kit gets.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// example is one entry of aws-doc-examples.json, with the values used here.
type example struct {
	ID     string `json:"id"`
	Inputs struct {
		AccessKeyID     string      `json:"access_key_id"`
		SecretAccessKey string      `json:"secret_access_key"`
		Region          string      `json:"region"`
		Service         string      `json:"service"`
		AmzDate         string      `json:"x_amz_date"`
		ExpiresSeconds  int         `json:"expires_seconds"`
		Method          string      `json:"method"`
		Host            string      `json:"host"`
		Path            string      `json:"path"`
		Query           [][2]string `json:"query"`
		Headers         [][2]string `json:"headers"`
		Payload         string      `json:"payload"`
		PolicyDocument  string      `json:"policy_document"`
	} `json:"inputs"`
	Expected struct {
		Signature    string `json:"signature"`
		PresignedURL string `json:"presigned_url"`
		PolicyBase64 string `json:"policy_base64"`
	} `json:"expected"`
}

func (e example) context() sigv4.Context {
	t, err := sigv4.ParseAmzDate(e.Inputs.AmzDate)
	if err != nil {
		fail(e.ID+": x_amz_date", err)
	}
	return sigv4.Context{
		Credentials: sigv4.Credentials{AccessKeyID: e.Inputs.AccessKeyID, SecretAccessKey: e.Inputs.SecretAccessKey},
		Region:      e.Inputs.Region,
		Service:     e.Inputs.Service,
		Time:        t,
	}
}

var passed, failed int

func check(name, want, got string) {
	if want == got {
		passed++
		fmt.Printf("ok   %s\n", name)
		return
	}
	failed++
	fmt.Printf("FAIL %s\n     want %q\n     got  %q\n", name, want, got)
}

func fail(name string, err error) {
	fmt.Printf("FAIL %s: %v\n", name, err)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: outside path/to/aws-doc-examples.json")
		os.Exit(2)
	}
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail("read examples", err)
	}
	var doc struct {
		Examples []example `json:"examples"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		fail("parse examples", err)
	}
	ex := map[string]example{}
	for _, e := range doc.Examples {
		ex[e.ID] = e
	}

	presign(ex["s3-presigned-get-object"])
	sign(ex["s3-header-get-object"])
	sign(ex["iam-list-users-signature-20150830"])
	signPostPolicy(ex["s3-post-policy-browser-upload"])
	postPolicy(ex["s3-post-policy-browser-upload"])
	verify(ex["s3-presigned-get-object"])
	validationError()

	fmt.Printf("%d checks passed, %d failed\n", passed, failed)
	if failed > 0 || passed == 0 {
		os.Exit(1)
	}
}

func presign(e example) {
	res, err := sigv4.Presign(sigv4.PresignInput{
		Context: e.context(),
		Method:  e.Inputs.Method,
		URL:     "https://" + e.Inputs.Host + e.Inputs.Path,
		Expires: time.Duration(e.Inputs.ExpiresSeconds) * time.Second,
	})
	if err != nil {
		fail("Presign", err)
	}
	check("Presign "+e.ID, e.Expected.PresignedURL, res.URL)
}

func sign(e example) {
	u := "https://" + e.Inputs.Host + e.Inputs.Path
	for i, q := range e.Inputs.Query {
		sep := "&"
		if i == 0 {
			sep = "?"
		}
		u += sep + sigv4.URIEncode(q[0], false) + "=" + sigv4.URIEncode(q[1], false)
	}
	in := sigv4.SignInput{Context: e.context(), Request: sigv4.Request{Method: e.Inputs.Method, URL: u, Body: []byte(e.Inputs.Payload)}}
	for _, h := range e.Inputs.Headers {
		in.Headers = append(in.Headers, sigv4.Header{Name: h[0], Value: h[1]})
	}
	res, err := sigv4.Sign(in)
	if err != nil {
		fail("Sign", err)
	}
	_, signature, _ := strings.Cut(res.Authorization, "Signature=")
	check("Sign "+e.ID, e.Expected.Signature, signature)
}

// signPostPolicy signs the documentation's own policy document, whose exact
// bytes (CRLF line endings) the documented base64 and signature cover.
func signPostPolicy(e example) {
	policyBase64 := base64.StdEncoding.EncodeToString([]byte(e.Inputs.PolicyDocument))
	check("policy base64 "+e.ID, e.Expected.PolicyBase64, policyBase64)
	d, err := sigv4.SignPostPolicy(e.context(), policyBase64)
	if err != nil {
		fail("SignPostPolicy", err)
	}
	check("SignPostPolicy "+e.ID, e.Expected.Signature, d.Signature)
}

// postPolicy builds a form for the documentation's bucket and checks its
// signature with the standard library's HMAC: the AWS key derivation,
// written out, over the policy the form carries.
func postPolicy(e example) {
	ctx := e.context()
	res, err := sigv4.PostPolicy(sigv4.PostPolicyInput{
		Context:            ctx,
		URL:                "https://sigv4examplebucket.s3.amazonaws.com/",
		KeyPrefix:          "user/user1/",
		Expires:            36 * time.Hour,
		Fields:             []sigv4.Field{{Name: "acl", Value: "public-read"}},
		ContentTypes:       []string{"image/jpeg", "image/png"},
		ContentLengthRange: &sigv4.LengthRange{Min: 1, Max: 10 << 20},
	})
	if err != nil {
		fail("PostPolicy", err)
	}
	fields := map[string]string{}
	for _, f := range res.Fields {
		fields[f.Name] = f.Value
	}
	check("PostPolicy key field first", "key", res.Fields[0].Name)
	check("PostPolicy signature field last", "X-Amz-Signature", res.Fields[len(res.Fields)-1].Name)
	check("PostPolicy Policy field is the base64 of the policy", base64.StdEncoding.EncodeToString([]byte(res.Policy)), fields["Policy"])
	check("PostPolicy expiration", "2015-12-30T12:00:00.000Z", sigv4.FormatISOMillis(res.Expiration))

	mac := func(key []byte, data string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(data))
		return h.Sum(nil)
	}
	key := []byte("AWS4" + ctx.SecretAccessKey)
	for _, part := range []string{ctx.Time.Format("20060102"), ctx.Region, ctx.Service, "aws4_request"} {
		key = mac(key, part)
	}
	check("PostPolicy signature (crypto/hmac)", hex.EncodeToString(mac(key, fields["Policy"])), fields["X-Amz-Signature"])

	pol, err := sigv4.ParsePolicy(res.Policy)
	if err != nil {
		fail("ParsePolicy", err)
	}
	check("LintPostPolicy finds nothing", "0", fmt.Sprint(len(sigv4.LintPostPolicy(pol, res.Fields, ctx.Time))))
	file := sigv4.File{Name: "cat.jpg", Size: 52000, ContentType: "image/jpeg"}
	check("CheckUpload accepts an image", "0", fmt.Sprint(len(sigv4.CheckUpload(pol, res.Fields, file, ctx.Time.Add(time.Hour)))))
}

// verify checks the documentation's presigned URL with the secret: valid
// on the day it was signed, refused once a character changes.
func verify(e example) {
	ctx := e.context()
	in := sigv4.VerifyInput{
		Credentials: ctx.Credentials,
		Request:     sigv4.Request{Method: e.Inputs.Method, URL: e.Expected.PresignedURL},
		Now:         ctx.Time.Add(12 * time.Hour),
	}
	res, err := sigv4.Verify(in)
	if err != nil {
		fail("Verify", err)
	}
	check("Verify "+e.ID, sigv4.ReasonValid, res.Reason)
	in.URL = strings.Replace(in.URL, "test.txt", "test.txu", 1)
	if res, err = sigv4.Verify(in); err != nil {
		fail("Verify", err)
	}
	check("Verify refuses a tampered URL", sigv4.ReasonSignatureMismatch, res.Reason)
}

// validationError checks that bad input is reported by field, through the
// error types a caller reaches with errors.Is and errors.As.
func validationError() {
	_, err := sigv4.Presign(sigv4.PresignInput{
		Context: sigv4.Context{Credentials: sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE"}, Region: "us-east-1", Time: time.Unix(0, 0)},
		URL:     "https://examplebucket.s3.amazonaws.com/test.txt",
	})
	var fe *sigv4.FieldError
	if !errors.As(err, &fe) {
		fail("Presign without a secret", err)
	}
	check("Presign without a secret names the field", sigv4.FieldSecretAccessKey, fe.Field)
	check("Presign without a secret is ErrMissing", "true", fmt.Sprint(errors.Is(err, sigv4.ErrMissing)))
}
