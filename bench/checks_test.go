package bench

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"time"
)

// The checks return an error naming what differs. For the signers that take
// the time as an argument they compare with the documented values directly;
// for those that read the clock, with the same values re-signed at the
// instant the signer chose (refSignature), because no document covers that
// instant. TestAnchorsAgree runs those signers with the clock set to the
// documented time, so every implementation meets the documented values there.

// at parses an X-Amz-Date.
func at(amzDate string) (time.Time, error) {
	return time.Parse("20060102T150405Z", amzDate)
}

// redate rewrites the documented time in s (full X-Amz-Date and scope date)
// to t.
func redate(s string, t time.Time) string {
	t = t.UTC()
	s = strings.ReplaceAll(s, docTime.Format("20060102T150405Z"), t.Format("20060102T150405Z"))
	return strings.ReplaceAll(s, docTime.Format("20060102"), t.Format("20060102"))
}

// checkPresign checks p's URL. exact reports whether it is the expected URL
// byte for byte; otherwise it has the same scheme, host, path and query
// parameters in another order (still a valid presigned URL).
func checkPresign(p presigner) (exact bool, signedAt time.Time, err error) {
	got, err := p.presign(docTime)
	if err != nil {
		return false, time.Time{}, fmt.Errorf("%s presign: %w", p.name, err)
	}
	gu, err := url.Parse(got)
	if err != nil {
		return false, time.Time{}, fmt.Errorf("%s presign: unparsable URL: %w", p.name, err)
	}
	signedAt = docTime
	if p.readsClock {
		if signedAt, err = at(gu.Query().Get("X-Amz-Date")); err != nil {
			return false, time.Time{}, fmt.Errorf("%s presign: X-Amz-Date: %w", p.name, err)
		}
	}
	d := doc(idPresign).Expected
	want := strings.Replace(redate(d.PresignedURL, signedAt), d.Signature, refSignature(idPresign, signedAt), 1)
	if got == want {
		return true, signedAt, nil
	}
	wu, _ := url.Parse(want)
	if gu.Scheme != wu.Scheme || gu.Host != wu.Host || gu.EscapedPath() != wu.EscapedPath() || !reflect.DeepEqual(gu.Query(), wu.Query()) {
		return false, signedAt, fmt.Errorf("%s presign:\n got %s\nwant %s", p.name, got, want)
	}
	return false, signedAt, nil
}

// checkHeader checks s's Authorization header: credential, signed headers and
// signature. The S3 document prints it without spaces after the commas; the
// SDKs write ", ", which AWS accepts as well.
func checkHeader(s headerSigner) (signedAt time.Time, err error) {
	auth, amzDate, err := s.sign(docTime)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s sign: %w", s.name, err)
	}
	signedAt = docTime
	if s.readsClock {
		if signedAt, err = at(amzDate); err != nil {
			return time.Time{}, fmt.Errorf("%s sign: X-Amz-Date: %w", s.name, err)
		}
	}
	if want := signedAt.UTC().Format("20060102T150405Z"); amzDate != want {
		return signedAt, fmt.Errorf("%s sign: X-Amz-Date %q, want %q", s.name, amzDate, want)
	}
	d := doc(idHeader).Expected
	want := strings.Replace(redate(d.AuthorizationHeader, signedAt), d.Signature, refSignature(idHeader, signedAt), 1)
	if norm := strings.ReplaceAll(auth, ", ", ","); norm != want {
		return signedAt, fmt.Errorf("%s sign: Authorization\n got %s\nwant %s", s.name, auth, want)
	}
	return signedAt, nil
}
