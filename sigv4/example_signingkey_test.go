package sigv4_test

import (
	"fmt"
	"time"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// The signing key of the S3 documentation's examples: the day's key for
// us-east-1 and s3 on 24 May 2013. Any time of that UTC day gives the same key.
func ExampleDeriveSigningKey() {
	key := sigv4.DeriveSigningKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
		time.Date(2013, 5, 24, 23, 59, 59, 0, time.UTC), "us-east-1", "s3")
	fmt.Println(key)
	// Output:
	// dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378
}

// A page or a service can hold the day-scoped signing key instead of the
// secret: signing the IAM example of the AWS documentation with the key it
// derives gives the documented signature.
func ExampleParseSigningKey() {
	key, err := sigv4.ParseSigningKey("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
	if err != nil {
		panic(err)
	}
	c := iamContext
	c.Credentials = sigv4.Credentials{AccessKeyID: "AKIDEXAMPLE", SigningKey: &key}
	res, err := sigv4.Sign(sigv4.SignInput{
		Context: c,
		Request: iamListUsers,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Authorization)
	// Output:
	// AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7
}

func ExampleSigningKey_String() {
	key := sigv4.DeriveSigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
		time.Date(2015, 8, 30, 0, 0, 0, 0, time.UTC), "us-east-1", "iam")
	fmt.Println(key.String())
	// Output:
	// c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9
}
