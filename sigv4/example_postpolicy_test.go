package sigv4_test

import (
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// The policy of the S3 documentation's browser upload example
// (sigv4-post-example.html), byte for byte: its lines end in CRLF, and the
// signature covers exactly these bytes.
var awsPolicy = strings.ReplaceAll(`{ "expiration": "2015-12-30T12:00:00.000Z",
  "conditions": [
    {"bucket": "sigv4examplebucket"},
    ["starts-with", "$key", "user/user1/"],
    {"acl": "public-read"},
    {"success_action_redirect": "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"},
    ["starts-with", "$Content-Type", "image/"],
    {"x-amz-meta-uuid": "14365123651274"},
    {"x-amz-server-side-encryption": "AES256"},
    ["starts-with", "$x-amz-meta-tag", ""],

    {"x-amz-credential": "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"},
    {"x-amz-algorithm": "AWS4-HMAC-SHA256"},
    {"x-amz-date": "20151229T000000Z" }
  ]
}`, "\n", "\r\n")

// The form fields of that example, in its order.
var awsFormFields = []sigv4.Field{
	{Name: "key", Value: "user/user1/${filename}"},
	{Name: "acl", Value: "public-read"},
	{Name: "success_action_redirect", Value: "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"},
	{Name: "Content-Type", Value: "image/jpeg"},
	{Name: "x-amz-meta-uuid", Value: "14365123651274"},
	{Name: "x-amz-server-side-encryption", Value: "AES256"},
	{Name: "X-Amz-Credential", Value: "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"},
	{Name: "X-Amz-Algorithm", Value: "AWS4-HMAC-SHA256"},
	{Name: "X-Amz-Date", Value: "20151229T000000Z"},
	{Name: "x-amz-meta-tag", Value: ""},
}

// A policy written by hand, signed: the S3 documentation's browser upload
// example. The form carries the base64 in its Policy field and the
// signature in X-Amz-Signature.
func ExampleSignPostPolicy() {
	c := ctx
	c.Time = time.Date(2015, 12, 29, 0, 0, 0, 0, time.UTC)
	policyBase64 := base64.StdEncoding.EncodeToString([]byte(awsPolicy))
	d, err := sigv4.SignPostPolicy(c, policyBase64)
	if err != nil {
		panic(err)
	}
	fmt.Println(d.CredentialScope)
	fmt.Println(d.Signature)
	// Output:
	// 20151229/us-east-1/s3/aws4_request
	// 8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e
}

func ExampleParsePolicy() {
	pol, err := sigv4.ParsePolicy(awsPolicy)
	if err != nil {
		panic(err)
	}
	fmt.Println("expires", pol.Expiration.Format(time.RFC3339))
	for _, c := range pol.Conditions[:4] {
		fmt.Printf("%s %s %q\n", c.Op, c.Field, c.Value)
	}
	fmt.Println(len(pol.Conditions), "conditions")
	// Output:
	// expires 2015-12-30T12:00:00Z
	// eq bucket "sigv4examplebucket"
	// starts-with key "user/user1/"
	// eq acl "public-read"
	// eq success_action_redirect "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"
	// 11 conditions
}

func ExampleParseCondition() {
	for _, doc := range []string{
		`{"acl": "public-read"}`,
		`["starts-with", "$key", "user/user1/"]`,
		`["content-length-range", 1, 10485760]`,
	} {
		c, err := sigv4.ParseCondition(doc)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%+v\n", c)
	}
	// Output:
	// {Op:eq Field:acl Value:public-read Min:0 Max:0}
	// {Op:starts-with Field:key Value:user/user1/ Min:0 Max:0}
	// {Op:content-length-range Field: Value: Min:1 Max:10485760}
}

// The documentation's form satisfies its policy. The same form with acl
// changed, x-amz-meta-tag left out and a field the policy does not name is
// refused by S3, for the three reasons listed.
func ExampleLintPostPolicy() {
	pol, err := sigv4.ParsePolicy(awsPolicy)
	if err != nil {
		panic(err)
	}
	signedAt := time.Date(2015, 12, 29, 0, 0, 0, 0, time.UTC)
	fmt.Println(len(sigv4.LintPostPolicy(pol, awsFormFields, signedAt)), "findings")

	var broken []sigv4.Field
	for _, f := range awsFormFields {
		switch f.Name {
		case "acl":
			f.Value = "private"
		case "x-amz-meta-tag":
			continue
		}
		broken = append(broken, f)
	}
	broken = append(broken, sigv4.Field{Name: "x-amz-meta-owner", Value: "user1"})
	for _, f := range sigv4.LintPostPolicy(pol, broken, signedAt) {
		fmt.Println(f.Code, f.Field)
	}
	// Output:
	// 0 findings
	// field-violates-condition acl
	// condition-without-field x-amz-meta-tag
	// field-without-condition x-amz-meta-owner
}

// Whether S3 would take a file through the documentation's form: the
// upload enhancer asks this before sending, with the file the user chose.
func ExampleCheckUpload() {
	pol, err := sigv4.ParsePolicy(awsPolicy)
	if err != nil {
		panic(err)
	}
	before := time.Date(2015, 12, 30, 11, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		file sigv4.File
		now  time.Time
	}{
		{sigv4.File{Name: "cat.jpg", Size: 52000, ContentType: "image/jpeg"}, before},
		{sigv4.File{Name: "notes.txt", Size: 800, ContentType: "text/plain"}, before},
		{sigv4.File{Name: "cat.jpg", Size: 52000, ContentType: "image/jpeg"}, before.Add(2 * time.Hour)},
	} {
		findings := sigv4.CheckUpload(pol, awsFormFields, tc.file, tc.now)
		if len(findings) == 0 {
			fmt.Println(tc.file.Name, "accepted")
		}
		for _, f := range findings {
			fmt.Println(tc.file.Name, f.Code, f.Field)
		}
	}
	// Output:
	// cat.jpg accepted
	// notes.txt field-violates-condition Content-Type
	// cat.jpg policy-expired expiration
}

// The HTML of an upload form. PostPolicy renders its result's HTML this
// way; RenderForm serves forms whose fields come from elsewhere. With more
// than one content type, the Content-Type field is a select of them.
func ExampleRenderForm() {
	fmt.Print(sigv4.RenderForm("https://examplebucket.s3.amazonaws.com/",
		[]sigv4.Field{{Name: "key", Value: "uploads/${filename}"}, {Name: "Content-Type", Value: "image/png"}},
		[]sigv4.Condition{
			{Op: sigv4.OpStartsWith, Field: "Content-Type", Value: "image/"},
			{Op: sigv4.OpContentLengthRange, Min: 1, Max: 10 << 20},
		},
		[]string{"image/png", "image/jpeg"},
		"Send"))
	// Output:
	// <form action="https://examplebucket.s3.amazonaws.com/" method="post" enctype="multipart/form-data" data-min-size="1" data-max-size="10485760" data-accept="image/png,image/jpeg">
	//   <input type="hidden" name="key" value="uploads/${filename}">
	//   <select name="Content-Type" required>
	//     <option value="">Content-Type</option>
	//     <option>image/png</option>
	//     <option>image/jpeg</option>
	//   </select>
	//   <input type="file" name="file" required accept="image/png,image/jpeg">
	//   <button type="submit">Send</button>
	// </form>
}
