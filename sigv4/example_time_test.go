package sigv4_test

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// Each way a signing time may be typed gives the same UTC instant.
func ExampleParseTime() {
	for _, s := range []string{"2013-05-24T00:00:00Z", "2013-05-24T03:00:00+03:00", "20130524T000000Z", "2013-05-24"} {
		t, err := sigv4.ParseTime(s)
		if err != nil {
			panic(err)
		}
		fmt.Println(t)
	}
	_, err := sigv4.ParseTime("24/05/2013")
	fmt.Println(errors.Is(err, sigv4.ErrMalformed))
	// Output:
	// 2013-05-24 00:00:00 +0000 UTC
	// 2013-05-24 00:00:00 +0000 UTC
	// 2013-05-24 00:00:00 +0000 UTC
	// 2013-05-24 00:00:00 +0000 UTC
	// true
}

// The X-Amz-Date of a signed request.
func ExampleParseAmzDate() {
	t, err := sigv4.ParseAmzDate("20150830T123600Z")
	if err != nil {
		panic(err)
	}
	fmt.Println(t)
	// Output:
	// 2015-08-30 12:36:00 +0000 UTC
}

// A POST policy's expiration is written with milliseconds, in UTC.
func ExampleFormatISOMillis() {
	moscow := time.FixedZone("MSK", 3*60*60)
	fmt.Println(sigv4.FormatISOMillis(time.Date(2015, 12, 30, 15, 0, 0, 0, moscow)))
	// Output:
	// 2015-12-30T12:00:00.000Z
}

func ExampleAppendISOMillis() {
	b := []byte(`{"expiration":"`)
	b = sigv4.AppendISOMillis(b, time.Date(2015, 12, 30, 12, 0, 0, 250e6, time.UTC))
	b = append(b, `"}`...)
	fmt.Println(string(b))
	// Output:
	// {"expiration":"2015-12-30T12:00:00.250Z"}
}

// JavaScript's Date.now() and Date.getTime() give epoch milliseconds.
func ExampleTimeFromMillis() {
	t, err := sigv4.TimeFromMillis(1369353600000)
	fmt.Println(t, err)
	_, err = sigv4.TimeFromMillis(math.NaN())
	fmt.Println(errors.Is(err, sigv4.ErrMalformed))
	// Output:
	// 2013-05-24 00:00:00 +0000 UTC <nil>
	// true
}
