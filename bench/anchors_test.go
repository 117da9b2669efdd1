package bench

import (
	"context"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/minio/minio-go/v7/pkg/signer"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// Each implementation goes from the same input (method, URL string, extra
// headers, credentials, time) to the same output (a URL string, an
// Authorization value). The anchors need an *http.Request, so building it is
// part of their cost, as it is for their users; BenchmarkNewRequest shows
// what that part weighs. Signer values (aws-sdk-go-v2's Signer and its key
// cache) are made once, as an application would.

var (
	ctx      = context.Background()
	awsCreds = aws.Credentials{AccessKeyID: accessKeyID, SecretAccessKey: secretAccessKey}
	// S3 signs the path encoded once: DisableURIPathEscaping is how
	// aws-sdk-go-v2's S3 client configures its signer.
	awsSigner = v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	sigCtx    = sigv4.Context{
		Credentials: sigv4.Credentials{AccessKeyID: accessKeyID, SecretAccessKey: secretAccessKey},
		Region:      region,
		Service:     service,
	}
)

// presigner returns the presigned URL of the documented GET made at t.
type presigner struct {
	name    string
	presign func(t time.Time) (string, error)
	// readsClock is set for signers that take the time from time.Now and
	// ignore t.
	readsClock bool
}

var presigners = []presigner{
	{name: "sigv4", presign: presignSigv4},
	{name: "sigv4debug", presign: presignSigv4Debug},
	{name: "sigv4key", presign: presignSigv4Key},
	{name: "awsv2", presign: presignAWS},
	{name: "minio", presign: presignMinio, readsClock: true},
}

func presignSigv4(t time.Time) (string, error) {
	c := sigCtx
	c.Time = t
	res, err := sigv4.Presign(sigv4.PresignInput{Context: c, Method: http.MethodGet, URL: objectURL, Expires: expires})
	return res.URL, err
}

// presignSigv4Debug also fills Debug (canonical request, string to sign...),
// which a page showing them asks for: its figures show what that costs.
func presignSigv4Debug(t time.Time) (string, error) {
	c := sigCtx
	c.Time = t
	c.Debug = true
	res, err := sigv4.Presign(sigv4.PresignInput{Context: c, Method: http.MethodGet, URL: objectURL, Expires: expires})
	return res.URL, err
}

// presignKey is the day-scoped signing key that sigv4key passes instead of
// the secret, so its figures show the signature without the key cache.
var presignKey = sigv4.DeriveSigningKey(secretAccessKey, docTime, region, service)

func presignSigv4Key(t time.Time) (string, error) {
	c := sigCtx
	c.Time = t
	c.SecretAccessKey = ""
	c.SigningKey = &presignKey
	if !sameDay(t, docTime) {
		k := sigv4.DeriveSigningKey(secretAccessKey, t, region, service)
		c.SigningKey = &k
	}
	res, err := sigv4.Presign(sigv4.PresignInput{Context: c, Method: http.MethodGet, URL: objectURL, Expires: expires})
	return res.URL, err
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.UTC().Date()
	by, bm, bd := b.UTC().Date()
	return ay == by && am == bm && ad == bd
}

// presignAWS is how aws-sdk-go-v2's PresignHTTP is used outside the SDK: the
// expiry travels as an X-Amz-Expires query parameter set by the caller, and S3
// presigns UNSIGNED-PAYLOAD.
func presignAWS(t time.Time) (string, error) {
	r, err := http.NewRequest(http.MethodGet, objectURL+"?X-Amz-Expires=86400", nil)
	if err != nil {
		return "", err
	}
	u, _, err := awsSigner.PresignHTTP(ctx, awsCreds, r, sigv4.UnsignedPayload, service, region, t)
	return u, err
}

// presignMinio calls minio-go's PreSignV4, which reads time.Now: t is
// ignored. TestAnchorsAgree moves the clock to the documented time with
// testing/synctest to check the documented URL byte for byte.
func presignMinio(time.Time) (string, error) {
	r, err := http.NewRequest(http.MethodGet, objectURL, nil)
	if err != nil {
		return "", err
	}
	return signer.PreSignV4(*r, accessKeyID, secretAccessKey, "", region, int64(expires/time.Second)).URL.String(), nil
}

// headerSigner signs the documented GET Object (Range: bytes=0-9, empty
// body) made at t and returns its Authorization and X-Amz-Date headers.
type headerSigner struct {
	name       string
	sign       func(t time.Time) (auth, amzDate string, err error)
	readsClock bool
}

var headerSigners = []headerSigner{
	{name: "sigv4", sign: signSigv4},
	{name: "awsv2", sign: signAWS},
	{name: "minio", sign: signMinio, readsClock: true},
}

func signSigv4(t time.Time) (string, string, error) {
	c := sigCtx
	c.Time = t
	res, err := sigv4.Sign(sigv4.SignInput{
		Context:     c,
		Request:     sigv4.Request{Method: http.MethodGet, URL: objectURL, Headers: []sigv4.Header{{Name: "Range", Value: rangeHdr}}},
		PayloadHash: sigv4.EmptySHA256,
	})
	var date string
	for _, h := range res.Headers {
		if h.Name == "X-Amz-Date" {
			date = h.Value
		}
	}
	return res.Authorization, date, err
}

// signAWS sets X-Amz-Content-Sha256 itself: in the SDK a middleware adds it
// before SignHTTP, which only adds X-Amz-Date and Authorization.
func signAWS(t time.Time) (string, string, error) {
	r, err := http.NewRequest(http.MethodGet, objectURL, nil)
	if err != nil {
		return "", "", err
	}
	r.Header.Set("Range", rangeHdr)
	r.Header.Set("X-Amz-Content-Sha256", emptySHA256)
	if err := awsSigner.SignHTTP(ctx, awsCreds, r, emptySHA256, service, region, t); err != nil {
		return "", "", err
	}
	return r.Header.Get("Authorization"), r.Header.Get("X-Amz-Date"), nil
}

// signMinio reads time.Now like presignMinio. minio-go takes the payload hash
// from the X-Amz-Content-Sha256 header, which its client sets.
func signMinio(time.Time) (string, string, error) {
	r, err := http.NewRequest(http.MethodGet, objectURL, nil)
	if err != nil {
		return "", "", err
	}
	r.Header.Set("Range", rangeHdr)
	r.Header.Set("X-Amz-Content-Sha256", emptySHA256)
	s := signer.SignV4(*r, accessKeyID, secretAccessKey, "", region)
	return s.Header.Get("Authorization"), s.Header.Get("X-Amz-Date"), nil
}
