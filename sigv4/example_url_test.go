package sigv4_test

import (
	"fmt"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// A key holding a space and a plus, on AWS (virtual-hosted style) and on
// an S3-compatible store (path style).
func ExampleObjectURL() {
	for _, in := range []sigv4.ObjectInput{
		{Endpoint: "https://s3.eu-west-1.amazonaws.com", Bucket: "examplebucket", Key: "photos/my cat+dog.jpg"},
		{Endpoint: "storage.yandexcloud.net", Bucket: "examplebucket", Key: "photos/my cat+dog.jpg"},
	} {
		u, err := sigv4.ObjectURL(in)
		if err != nil {
			panic(err)
		}
		fmt.Println(u)
	}
	// Output:
	// https://examplebucket.s3.eu-west-1.amazonaws.com/photos/my%20cat%2Bdog.jpg
	// https://storage.yandexcloud.net/examplebucket/photos/my%20cat%2Bdog.jpg
}

func ExampleInferRegion() {
	for _, host := range []string{
		"examplebucket.s3.eu-west-1.amazonaws.com",
		"s3.amazonaws.com",
		"storage.yandexcloud.net",
		"0123456789abcdef.r2.cloudflarestorage.com",
		"127.0.0.1:9000",
	} {
		region, ok := sigv4.InferRegion(host)
		fmt.Printf("%s %q %v\n", host, region, ok)
	}
	// Output:
	// examplebucket.s3.eu-west-1.amazonaws.com "eu-west-1" true
	// s3.amazonaws.com "us-east-1" true
	// storage.yandexcloud.net "ru-central1" true
	// 0123456789abcdef.r2.cloudflarestorage.com "auto" true
	// 127.0.0.1:9000 "" false
}

// HostOf gives the host as it is signed: lowercase, without the default port.
func ExampleHostOf() {
	fmt.Println(sigv4.HostOf("https://ExampleBucket.S3.amazonaws.com:443/test.txt"))
	fmt.Println(sigv4.HostOf("http://127.0.0.1:9000/bucket/key"))
	fmt.Printf("%q\n", sigv4.HostOf("not a URL"))
	// Output:
	// examplebucket.s3.amazonaws.com
	// 127.0.0.1:9000
	// ""
}

// AWS's UriEncode: a space is %20 and a plus %2B, where net/url would
// leave '+' raw in a path or write a space as '+' in a query.
func ExampleURIEncode() {
	fmt.Println(sigv4.URIEncode("photos/my cat+dog (1).jpg", true))
	fmt.Println(sigv4.URIEncode("photos/my cat+dog (1).jpg", false))
	// Output:
	// photos/my%20cat%2Bdog%20%281%29.jpg
	// photos%2Fmy%20cat%2Bdog%20%281%29.jpg
}

// A URL as a person types it, as a browser sends it.
func ExampleWireURL() {
	fmt.Println(sigv4.WireURL("https://examplebucket.s3.amazonaws.com/my cat.jpg?versionId=a|b"))
	// Output:
	// https://examplebucket.s3.amazonaws.com/my%20cat.jpg?versionId=a%7Cb
}

// A request as a command line to paste into a shell: a body starting with
// @ goes in --data-raw, so curl sends it instead of reading a file.
func ExampleRequestSnippets() {
	sn, err := sigv4.RequestSnippets(sigv4.SnippetInput{
		Method: "PUT", URL: "https://examplebucket.s3.amazonaws.com/note.txt",
		Headers: []sigv4.Header{{Name: "Content-Type", Value: "text/plain"}}, Body: []byte("@it's here"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sn.Curl)
	// Output:
	// curl --fail-with-body -X PUT \
	//   -H 'Content-Type: text/plain' \
	//   --data-raw '@it'\''s here' \
	//   https://examplebucket.s3.amazonaws.com/note.txt
}
