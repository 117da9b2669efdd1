package bench

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/signer"

	"github.com/sigv4kit/sigv4kit/sigv4"
)

// postForm is what a POST policy signer hands to an upload form.
type postForm struct {
	policy, signature, amzDate string
}

// postSigner builds and signs the POST policy of issue 2 at t.
type postSigner struct {
	name       string
	sign       func(t time.Time) (postForm, error)
	readsClock bool
}

var postSigners = []postSigner{
	{name: "sigv4", sign: postSigv4},
	{name: "awsv2", sign: postAWS},
	{name: "awsv2client", sign: postAWSClient, readsClock: true},
	{name: "minio", sign: postMinio},
}

// postSigv4 also renders the escaped HTML form and returns the policy JSON
// and its conditions: PostPolicy has no cheaper mode, so that is its cost.
func postSigv4(t time.Time) (postForm, error) {
	c := sigCtx
	c.Time = t
	res, err := sigv4.PostPolicy(sigv4.PostPolicyInput{
		Context:            c,
		URL:                "https://" + postBucket + ".s3.amazonaws.com/",
		Bucket:             postBucket,
		KeyPrefix:          postKeyPrefix,
		Expiration:         t.Add(postExpiration.Sub(postTime)),
		Conditions:         []sigv4.Condition{{Op: sigv4.OpStartsWith, Field: "Content-Type", Value: postTypePfx}},
		ContentLengthRange: &sigv4.LengthRange{Min: postMinLen, Max: postMaxLen},
	})
	if err != nil {
		return postForm{}, err
	}
	var amzDate string
	for _, f := range res.Fields {
		if strings.EqualFold(f.Name, "X-Amz-Date") {
			amzDate = f.Value
		}
	}
	return postForm{res.PolicyBase64, res.Debug.Signature, amzDate}, nil
}

// postMinio is minio-go's Client.PresignedPostPolicy without the client:
// the same PostPolicy calls, the three signing conditions through the
// exported SetCondition (the client adds them through an unexported method),
// and PostPresignSignatureV4. base64 of String() is what the client's
// unexported base64() computes.
func postMinio(t time.Time) (postForm, error) {
	amzDate := t.UTC().Format("20060102T150405Z")
	p := minio.NewPostPolicy()
	for _, err := range []error{
		p.SetBucket(postBucket),
		p.SetKeyStartsWith(postKeyPrefix),
		p.SetContentLengthRange(postMinLen, postMaxLen),
		p.SetContentTypeStartsWith(postTypePfx),
		p.SetExpires(t.Add(postExpiration.Sub(postTime))),
		p.SetCondition("eq", "X-Amz-Date", amzDate),
		p.SetCondition("eq", "X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
		p.SetCondition("eq", "X-Amz-Credential", signer.GetCredential(accessKeyID, region, t, signer.ServiceTypeS3)),
	} {
		if err != nil {
			return postForm{}, err
		}
	}
	policy := base64.StdEncoding.EncodeToString([]byte(p.String()))
	return postForm{policy, signer.PostPresignSignatureV4(policy, t, secretAccessKey, region), amzDate}, nil
}

// postConditions are the policy conditions aws-sdk-go-v2 is given; it adds
// bucket, x-amz-algorithm, x-amz-credential and x-amz-date itself.
var postConditions = []any{
	[]any{"starts-with", "$key", postKeyPrefix},
	[]any{"content-length-range", postMinLen, postMaxLen},
	[]any{"starts-with", "$Content-Type", postTypePfx},
}

// awsClient is an S3 client that never reaches the network: presigning runs
// its middleware stack only as far as signing.
var awsClient = s3.New(s3.Options{
	Region:      region,
	Credentials: aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) { return awsCreds, nil })),
})

// awsPostPresigner is aws-sdk-go-v2's own POST signer (the unexported
// postSignAdapter behind PresignPostObject), taken from the options
// PresignPostObject hands to its option functions. Called directly it takes
// the signing time as an argument; PresignPostObject itself reads the clock.
var awsPostPresigner = func() s3.PresignPost {
	var p s3.PresignPost
	_, err := s3.NewPresignClient(awsClient).PresignPostObject(ctx, &s3.PutObjectInput{Bucket: aws.String(postBucket), Key: aws.String(postKey)},
		func(o *s3.PresignPostOptions) { p = o.PostPresigner })
	if err != nil || p == nil {
		panic(fmt.Sprintf("aws-sdk-go-v2 PresignPostObject: %v", err))
	}
	return p
}()

func postAWS(t time.Time) (postForm, error) {
	f, err := awsPostPresigner.PresignPost(awsCreds, postBucket, postKey, region, service, t, postConditions, t.Add(postExpiration.Sub(postTime)).UTC())
	if err != nil {
		return postForm{}, err
	}
	return postForm{f["policy"], f["X-Amz-Signature"], f["X-Amz-Date"]}, nil
}

// postAWSClient is the call aws-sdk-go-v2's users make: the S3 client's
// PresignPostObject, middleware stack included. It reads the clock.
func postAWSClient(time.Time) (postForm, error) {
	r, err := s3.NewPresignClient(awsClient).PresignPostObject(ctx,
		&s3.PutObjectInput{Bucket: aws.String(postBucket), Key: aws.String(postKey)},
		func(o *s3.PresignPostOptions) {
			o.Expires = postExpiration.Sub(postTime)
			o.Conditions = postConditions
		})
	if err != nil {
		return postForm{}, err
	}
	return postForm{r.Values["policy"], r.Values["X-Amz-Signature"], r.Values["X-Amz-Date"]}, nil
}

// checkPost decodes p's policy, checks that it holds every condition of the
// input (names compared without case, as S3 does) and that its signature is
// the policy signed with the signing key of that day, which TestReference
// checks against the documented key.
func checkPost(p postSigner) (signedAt time.Time, err error) {
	f, err := p.sign(postTime)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s post policy: %w", p.name, err)
	}
	signedAt = postTime
	if p.readsClock {
		if signedAt, err = at(f.amzDate); err != nil {
			return time.Time{}, fmt.Errorf("%s post policy: X-Amz-Date: %w", p.name, err)
		}
	}
	if want := refPolicySignature(f.policy, signedAt); f.signature != want {
		return signedAt, fmt.Errorf("%s post policy: signature %s, want %s", p.name, f.signature, want)
	}
	raw, err := base64.StdEncoding.Strict().DecodeString(f.policy)
	if err != nil {
		return signedAt, fmt.Errorf("%s post policy: policy is not padded standard base64: %w", p.name, err)
	}
	var doc struct {
		Expiration string            `json:"expiration"`
		Conditions []json.RawMessage `json:"conditions"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return signedAt, fmt.Errorf("%s post policy: %w in %s", p.name, err, raw)
	}
	exp := signedAt.Add(postExpiration.Sub(postTime)).UTC()
	if e, err := time.Parse(time.RFC3339Nano, doc.Expiration); err != nil || !e.Equal(exp) {
		return signedAt, fmt.Errorf("%s post policy: expiration %q, want %v", p.name, doc.Expiration, exp)
	}
	have := make([]string, 0, len(doc.Conditions))
	for _, c := range doc.Conditions {
		have = append(have, normCondition(c))
	}
	for _, want := range []string{
		"eq $bucket " + postBucket,
		"starts-with $key " + postKeyPrefix,
		fmt.Sprintf("content-length-range %d %d", postMinLen, postMaxLen),
		"starts-with $content-type " + postTypePfx,
		"eq $x-amz-algorithm AWS4-HMAC-SHA256",
		"eq $x-amz-credential " + accessKeyID + "/" + signedAt.UTC().Format("20060102") + "/" + region + "/" + service + "/aws4_request",
		"eq $x-amz-date " + signedAt.UTC().Format("20060102T150405Z"),
	} {
		if !slices.Contains(have, want) {
			return signedAt, fmt.Errorf("%s post policy: no condition %q in %s", p.name, want, raw)
		}
	}
	return signedAt, nil
}

// normCondition writes {"name": "v"} and ["eq", "$name", "v"] alike, as
// "eq $name v" with the name lowercased.
func normCondition(c json.RawMessage) string {
	var m map[string]string
	if json.Unmarshal(c, &m) == nil && len(m) == 1 {
		for k, v := range m {
			return "eq $" + strings.ToLower(k) + " " + v
		}
	}
	var a []any
	d := json.NewDecoder(bytes.NewReader(c))
	d.UseNumber()
	if d.Decode(&a) != nil {
		return string(c)
	}
	parts := make([]string, len(a))
	for i, v := range a {
		parts[i] = fmt.Sprint(v)
	}
	if len(parts) == 3 && strings.HasPrefix(parts[1], "$") {
		parts[1] = strings.ToLower(parts[1])
	}
	return strings.Join(parts, " ")
}

// publishedPolicySigner signs an already encoded policy. AWS published a
// signature for its browser-upload example's policy (8afdbf40…), so the
// signing step alone can be checked against a document. aws-sdk-go-v2 has no
// such step to call: its HMAC and key derivation helpers are unexported
// (aws/signer/internal/v4 and service/s3's presign_post.go), and its POST
// signer always builds the policy itself.
type publishedPolicySigner struct {
	name string
	sign func(policyBase64 string, t time.Time) string
}

var publishedPolicySigners = []publishedPolicySigner{
	{name: "sigv4", sign: func(policy string, t time.Time) string {
		c := sigCtx
		c.Time = t
		d, err := sigv4.SignPostPolicy(c, policy)
		if err != nil {
			return err.Error()
		}
		return d.Signature
	}},
	{name: "minio", sign: func(policy string, t time.Time) string {
		return signer.PostPresignSignatureV4(policy, t, secretAccessKey, region)
	}},
}

func checkPublishedPolicy(p publishedPolicySigner) error {
	d := doc(idPost).Expected
	if got := p.sign(d.PolicyBase64, postTime); got != d.Signature {
		return fmt.Errorf("%s: signature of the published policy %s, want %s", p.name, got, d.Signature)
	}
	return nil
}
