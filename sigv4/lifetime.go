package sigv4

import "time"

// Warning is something a caller should know about a result that is still
// valid: Field is the wire name of the input it concerns, Code a stable
// kebab-case code (one of the Warn* constants), Message a short phrase that
// reads well after the field's label and never holds an input's value.
type Warning struct {
	Field   string
	Code    string
	Message string
}

// WarnCredentialsExpireFirst: the credentials (CredentialsExpireAt) expire
// before the presigned URL or the form does, so ValidUntil is earlier than
// the expiry asked for. S3 refuses a request signed with temporary
// credentials once they have expired (AWS: 400 ExpiredToken; MinIO: 403
// InvalidAccessKeyId), whatever X-Amz-Expires or the policy's expiration
// says (boto3 #2392, botocore #2604, aws-sdk-js-v3 #3608).
const WarnCredentialsExpireFirst = "credentials-expire-first"

// checkCredentialsExpireAt validates Context.CredentialsExpireAt against the
// signing time t: credentials that have expired sign nothing that works.
func checkCredentialsExpireAt(p *problems, credsEnd, t time.Time) {
	switch {
	case credsEnd.IsZero():
	case credsEnd.Unix() < 0 || credsEnd.Unix() >= endOfYear9999:
		p.add(FieldCredentialsExpireAt, ErrOutOfRange, "must be between the years 1970 and 9999")
	case !t.IsZero() && !credsEnd.After(t):
		p.add(FieldCredentialsExpireAt, ErrOutOfRange, "is not after the signing time: the credentials have expired, and nothing signed with them works")
	}
}

// lifetime returns when a result that expires at end really stops working
// with credentials that expire at credsEnd (zero: not given), and the
// warning when the credentials end first.
func lifetime(end, credsEnd time.Time) (time.Time, []Warning) {
	if credsEnd.IsZero() || !credsEnd.Before(end) {
		return end, nil
	}
	return credsEnd.UTC(), []Warning{{
		Field:   FieldCredentialsExpireAt,
		Code:    WarnCredentialsExpireFirst,
		Message: "is earlier than the requested expiry: the result stops working when the credentials expire",
	}}
}
