package sigv4_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// The AWS documentation's example credentials and time.
var ctx = sigv4.Context{
	Credentials: sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
	Region:      "us-east-1",
	Service:     "s3",
	Time:        time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC),
}

// The credentials, time and request of the AWS documentation's signature
// example for a service other than S3 (IAM ListUsers,
// sigv4-calculate-signature.html).
var iamContext = sigv4.Context{
	Credentials: sigv4.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},
	Region:      "us-east-1",
	Service:     "iam",
	Time:        time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC),
}

var iamListUsers = sigv4.Request{
	Method:  "GET",
	URL:     "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
	Headers: []sigv4.Header{{Name: "Content-Type", Value: "application/x-www-form-urlencoded; charset=utf-8"}},
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

// A presigned upload for Yandex Object Storage, which allows 30 days: the
// holder must send the signed Content-Type with exactly this value.
// (The signature is left out of the output: it is proven against a real
// S3 server in e2e/.)
func ExamplePresign_upload() {
	res, err := sigv4.Presign(sigv4.PresignInput{
		Context: sigv4.Context{
			Credentials: ctx.Credentials,
			Region:      "ru-central1",
			Time:        time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC),
		},
		Method:     "PUT",
		URL:        "https://storage.yandexcloud.net/examplebucket/photos/my cat.jpg",
		Expires:    30 * 24 * time.Hour,
		MaxExpires: 30 * 24 * time.Hour,
		Headers:    []sigv4.Header{{Name: "Content-Type", Value: "image/jpeg"}},
	})
	if err != nil {
		panic(err)
	}
	url, _, _ := strings.Cut(res.URL, "&X-Amz-Signature=")
	fmt.Println(res.Method, url)
	fmt.Println(res.Headers, res.ExpiresAt.Format(time.RFC3339))
	// Output:
	// PUT https://storage.yandexcloud.net/examplebucket/photos/my%20cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fru-central1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=2592000&X-Amz-SignedHeaders=content-type%3Bhost
	// [{Content-Type image/jpeg}] 2013-06-23T00:00:00Z
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

// Verifying a header-signed PUT as S3 would: bound to the expected access
// key ID, with the body compared to its signed hash. A nil Body means the
// body is not known, and the request is then never valid.
func ExampleVerify_headerSigned() {
	body := []byte("Welcome to Amazon S3.")
	signed, err := sigv4.Sign(sigv4.SignInput{
		Context: ctx,
		Request: sigv4.Request{Method: "PUT", URL: "https://examplebucket.s3.amazonaws.com/test$file.text", Body: body},
	})
	if err != nil {
		panic(err)
	}
	for _, b := range [][]byte{body, []byte("Welcome to Amazon S4."), nil} {
		res, err := sigv4.Verify(sigv4.VerifyInput{
			Credentials: ctx.Credentials,
			Request:     sigv4.Request{Method: "PUT", URL: signed.URL, Headers: signed.Headers, Body: b},
			Now:         ctx.Time.Add(time.Minute),
		})
		if err != nil {
			panic(err)
		}
		fmt.Println(res.Valid, res.Reason)
	}
	// Output:
	// true valid
	// false payload-mismatch
	// false payload-not-checked
}

// An upload form for a static site: a PNG or JPEG image up to 10 MiB under
// uploads/. The form offers the two types in a select; the policy checks
// their common prefix, the declared type, never the file's bytes.
func ExamplePostPolicy() {
	res, err := sigv4.PostPolicy(sigv4.PostPolicyInput{
		Context:            ctx,
		URL:                "https://examplebucket.s3.amazonaws.com/",
		KeyPrefix:          "uploads/",
		Expires:            7 * 24 * time.Hour,
		ContentTypes:       []string{"image/png", "image/jpeg"},
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
	// Content-Type=image/png
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

// A request to a service other than S3 (IAM's ListUsers, the AWS
// documentation's signature example): the path is normalized and the body's
// hash is not sent as a header.
func ExampleSign_otherService() {
	res, err := sigv4.Sign(sigv4.SignInput{
		Context: iamContext,
		Request: iamListUsers,
	})
	if err != nil {
		panic(err)
	}
	for _, h := range res.Headers {
		fmt.Printf("%s: %s\n", h.Name, h.Value)
	}
	// Output:
	// Content-Type: application/x-www-form-urlencoded; charset=utf-8
	// X-Amz-Date: 20150830T123600Z
	// Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7
}

// The presigned URL of the S3 documentation checked with the secret: valid
// within its day, refused once a character of it changes or the day is over.
func ExampleVerify() {
	const documented = "https://examplebucket.s3.amazonaws.com/test.txt" +
		"?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
		"&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
		"&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host" +
		"&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
	noon := time.Date(2013, 5, 24, 12, 0, 0, 0, time.UTC)
	check := func(url string, now time.Time) {
		res, err := sigv4.Verify(sigv4.VerifyInput{
			Credentials: ctx.Credentials,
			Request:     sigv4.Request{Method: "GET", URL: url},
			Now:         now,
		})
		if err != nil {
			panic(err)
		}
		fmt.Println(res.Valid, res.Reason, res.ExpiresAt.Format(time.RFC3339))
	}
	check(documented, noon)
	check(strings.Replace(documented, "test.txt", "test.txu", 1), noon)
	check(documented, noon.Add(24*time.Hour))
	// Output:
	// true valid 2013-05-25T00:00:00Z
	// false signature-mismatch 2013-05-25T00:00:00Z
	// false expired 2013-05-25T00:00:00Z
}

// Every problem of an input comes back at once, each naming its field by
// its wire name, with a reason errors.Is recognizes.
func ExampleValidationError() {
	_, err := sigv4.Presign(sigv4.PresignInput{
		Context: sigv4.Context{
			Credentials: sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE"},
			Region:      "us-east-1",
			Time:        time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC),
		},
		URL:     "https://examplebucket.s3.amazonaws.com/test.txt",
		Expires: 8 * 24 * time.Hour,
	})
	fmt.Println(errors.Is(err, sigv4.ErrMissing), errors.Is(err, sigv4.ErrOutOfRange), errors.Is(err, sigv4.ErrMalformed))
	var ve *sigv4.ValidationError
	if errors.As(err, &ve) {
		for _, fe := range ve.Errors {
			fmt.Println(fe.Field, fe.Code())
		}
	}
	var fe *sigv4.FieldError
	if errors.As(err, &fe) {
		fmt.Println("first:", fe.Field)
	}
	// Output:
	// true true false
	// secretAccessKey missing
	// expires out-of-range
	// first: secretAccessKey
}

// An object named by endpoint, bucket and key instead of a URL, without a
// region: Yandex Object Storage's host gives ru-central1. The key is encoded
// the way S3 signs it.
func ExamplePresign_object() {
	yandex := ctx
	yandex.Region = ""
	res, err := sigv4.Presign(sigv4.PresignInput{
		Context: yandex,
		Object:  sigv4.ObjectInput{Endpoint: "https://storage.yandexcloud.net", Bucket: "examplebucket", Key: "photos/my cat.jpg"},
		Expires: time.Hour,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	u, _, _ := strings.Cut(res.URL, "&X-Amz-Date")
	fmt.Println(u)
	// Output:
	// https://storage.yandexcloud.net/examplebucket/photos/my%20cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fru-central1%2Fs3%2Faws4_request
}

// For a service other than S3, the path is signed as it travels: the URL
// returned is the one signed, a space sent as %20 and signed as %2520.
func ExampleSign_wirePath() {
	ses := ctx
	ses.Service, ses.Debug = "ses", true
	res, err := sigv4.Sign(sigv4.SignInput{Context: ses, Request: sigv4.Request{URL: "https://email.us-east-1.amazonaws.com/a b/ü"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.URL)
	fmt.Println(strings.Split(res.Debug.CanonicalRequest, "\n")[1]) // the canonical URI
	// Output:
	// https://email.us-east-1.amazonaws.com/a%20b/%C3%BC
	// /a%2520b/%25C3%25BC
}
