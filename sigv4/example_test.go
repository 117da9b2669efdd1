package sigv4_test

import (
	"fmt"
	"time"

	"sigv4kit/sigv4"
)

// The AWS documentation's example credentials and time.
var ctx = sigv4.Context{
	Credentials: sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
	Region:      "us-east-1",
	Service:     "s3",
	Time:        time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC),
}

// The presigned GET of the S3 documentation, byte for byte, with the string
// to sign that Debug shows (as `aws --debug` prints it).
func ExamplePresign() {
	c := ctx
	c.Debug = true
	res, err := sigv4.Presign(sigv4.PresignInput{
		Context: c,
		URL:     "https://examplebucket.s3.amazonaws.com/test.txt",
		Expires: 24 * time.Hour,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.URL)
	fmt.Println(res.Debug.StringToSign)
	// Output:
	// https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404
	// AWS4-HMAC-SHA256
	// 20130524T000000Z
	// 20130524/us-east-1/s3/aws4_request
	// 3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04
}

// The GET Object example of the S3 documentation, signed with a header.
func ExampleSign() {
	res, err := sigv4.Sign(sigv4.SignInput{
		Context: ctx,
		Request: sigv4.Request{
			Method:  "GET",
			URL:     "https://examplebucket.s3.amazonaws.com/test.txt",
			Headers: []sigv4.Header{{Name: "Range", Value: "bytes=0-9"}},
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Authorization)
	// Output:
	// AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41
}

// An upload form for a static site: any image up to 10 MiB under uploads/.
func ExamplePostPolicy() {
	res, err := sigv4.PostPolicy(sigv4.PostPolicyInput{
		Context:            ctx,
		URL:                "https://examplebucket.s3.amazonaws.com/",
		KeyPrefix:          "uploads/",
		Expires:            7 * 24 * time.Hour,
		Conditions:         []sigv4.Condition{{Op: sigv4.OpStartsWith, Field: "Content-Type", Value: "image/"}},
		ContentLengthRange: &sigv4.LengthRange{Min: 1, Max: 10 << 20},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Policy)
	for _, f := range res.Fields[:4] {
		fmt.Printf("%s=%s\n", f.Name, f.Value)
	}
	// Output:
	// {"expiration":"2013-05-31T00:00:00.000Z","conditions":[{"bucket":"examplebucket"},["starts-with","$key","uploads/"],["starts-with","$Content-Type","image/"],["content-length-range",1,10485760],{"x-amz-credential":"AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"},{"x-amz-algorithm":"AWS4-HMAC-SHA256"},{"x-amz-date":"20130524T000000Z"}]}
	// key=uploads/${filename}
	// Content-Type=image/
	// X-Amz-Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request
	// X-Amz-Algorithm=AWS4-HMAC-SHA256
}

// The signing key derivation, step by step.
func ExampleDeriveKeySteps() {
	kd := sigv4.DeriveKeySteps("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam")
	fmt.Printf("kSigning %x\n", kd.KSigning)
	// Output:
	// kSigning f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d
}
