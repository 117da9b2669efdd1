package sigv4

import "strings"

// Request is an HTTP request. URL is absolute and is read in its wire form:
// bytes a URL cannot carry raw (space, non-ASCII, quotes, braces...) are
// percent-encoded first, as a client sends them. S3 paths are then decoded
// once and re-encoded the way S3 reads them; other services' paths are
// signed as they travel, encoded once more ("/a%20b" is signed as
// "/a%2520b").
type Request struct {
	Method  string
	URL     string
	Headers []Header
	Body    []byte
}

// SignInput describes header signing: the signature travels in the
// Authorization header.
type SignInput struct {
	Context
	Request
	// Object, instead of Request.URL, names an S3 object by endpoint, bucket
	// and key: the URL signed is ObjectURL(Object).
	Object ObjectInput
	// PayloadHash replaces the SHA-256 of Body: 64 hex digits, or
	// UNSIGNED-PAYLOAD (S3 only).
	PayloadHash string
	// UnsignedPayload signs UNSIGNED-PAYLOAD instead of the body's hash, so a
	// large body need not be read twice. S3 only.
	UnsignedPayload bool
	// ContentSHA256 adds and signs x-amz-content-sha256 for services other
	// than S3 (S3 always gets it: it refuses requests without it).
	ContentSHA256 bool
	// SessionTokenAfterSigning adds X-Amz-Security-Token after signing
	// instead of signing it, for the services that require that.
	SessionTokenAfterSigning bool
}

// SignResult is a signed request: the headers to send, Authorization last.
type SignResult struct {
	Method string
	// URL is the URL signed, in its wire form: send the request to it as it
	// is (the caller's URL itself when that was already in that form).
	URL           string
	Headers       []Header
	Authorization string
	PayloadHash   string
	// Region and Service are those of the credential scope (Region
	// inferred from the host when the input had none).
	Region, Service string
	Debug           Debug
}

// maxBody bounds the body a caller may ask to hash in memory.
const maxBody = 256 << 20

// Sign signs a request with an Authorization header. It adds X-Amz-Date,
// x-amz-content-sha256 (S3, or when asked) and X-Amz-Security-Token (session
// credentials), replacing any the caller set. Service is required: S3 and
// the other services sign paths differently, so a default would sign some
// requests wrongly. An empty Region is inferred from the URL's host
// (InferRegion) and is an error for other hosts. It returns a
// *ValidationError listing every problem of the input.
func Sign(in SignInput) (SignResult, error) {
	var p problems
	u, urlOK := in.Context.checkRequest(&p, in.Method, in.URL, in.Object)
	if in.Service == "" {
		p.add(FieldService, ErrMissing, "is required for signing a request")
	}
	checkHeaders(&p, FieldHeaders, in.Headers)
	checkPayloadHash(&p, in.PayloadHash)
	s3 := isS3Service(in.service())
	switch {
	case s3:
	case in.UnsignedPayload:
		p.add(FieldUnsignedPayload, ErrUnsupported, "is accepted only by S3")
	case in.PayloadHash == UnsignedPayload:
		p.add(FieldPayloadHash, ErrUnsupported, "UNSIGNED-PAYLOAD is accepted only by S3")
	}
	if len(in.Body) > maxBody {
		p.add(FieldBody, ErrOutOfRange, "is larger than 256 MiB")
	}
	if urlOK && hasAuthParam(u.query) {
		p.add(FieldURL, ErrUnsupported, "is a presigned URL; sign the plain URL")
	}
	if err := p.err(); err != nil {
		return SignResult{}, err
	}
	return sign(&in, u, s3), nil
}

// addedHeaders are set by the signer; values the caller gave are replaced.
var addedHeaders = [...]string{"authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token"}

func isAddedHeader(name string) bool {
	for _, a := range addedHeaders {
		if strings.EqualFold(name, a) {
			return true
		}
	}
	return false
}

func sign(in *SignInput, u target, s3 bool) SignResult {
	t := in.Time.UTC()
	service := in.service()
	method := methodOr(in.Method, "GET")
	if in.Method == "" && len(in.Body) > 0 {
		method = "POST"
	}
	var res SignResult
	res.Method = method
	res.Region, res.Service = in.Region, service
	switch {
	case in.PayloadHash != "":
		res.PayloadHash = in.PayloadHash
	case in.UnsignedPayload:
		res.PayloadHash = UnsignedPayload
	default:
		sum := sum256(in.Body)
		res.PayloadHash = string(appendHex(nil, sum[:]))
	}
	var dateBuf [16]byte
	amzDate := appendAmzDate(dateBuf[:0], t)
	var scopeBuf [96]byte
	scope := appendScope(scopeBuf[:0], amzDate[:8], in.Region, service)

	var hScratch [512]byte
	var hPairs [16]pair
	h := headerBuilder{scratch: hScratch[:0], pairs: hPairs[:0]}
	res.Headers = make([]Header, 0, len(in.Headers)+4)
	for _, hd := range in.Headers {
		if !isAddedHeader(hd.Name) {
			h = h.add(hd.Name, hd.Value)
			res.Headers = append(res.Headers, hd)
		}
	}
	h = h.addHost(u.host)
	date := string(amzDate)
	res.Headers = append(res.Headers, Header{"X-Amz-Date", date})
	h = h.addCanonical("x-amz-date", date)
	if s3 || in.ContentSHA256 {
		res.Headers = append(res.Headers, Header{"X-Amz-Content-Sha256", res.PayloadHash})
		h = h.addCanonical("x-amz-content-sha256", res.PayloadHash)
	}
	if in.SessionToken != "" {
		res.Headers = append(res.Headers, Header{"X-Amz-Security-Token", in.SessionToken})
		if !in.SessionTokenAfterSigning {
			h = h.add("x-amz-security-token", in.SessionToken)
		}
	}
	var headersBuf [1024]byte
	headers := h.appendCanonical(headersBuf[:0])
	var shBuf [256]byte
	signedHeaders := h.appendSigned(shBuf[:0])

	var qScratch [256]byte
	var qPairs [16]pair
	q := queryBuilder{scratch: qScratch[:0], pairs: qPairs[:0]}
	q = q.addRaw(u.query)
	var queryBuf [256]byte
	query := q.appendTo(queryBuf[:0])
	var uriBuf [256]byte
	uri := appendCanonicalURI(uriBuf[:0], u.path, in.pathMode())
	var crBuf [1024]byte
	cr := appendCanonicalRequest(crBuf[:0], method, uri, query, headers, signedHeaders, res.PayloadHash)

	sig := in.signCanonical(t, amzDate, cr, signedHeaders, scope, &res.Debug)
	var authBuf [512]byte
	auth := append(authBuf[:0], Algorithm+" Credential="...)
	auth = append(auth, in.AccessKeyID...)
	auth = append(auth, '/')
	auth = append(auth, scope...)
	auth = append(auth, ", SignedHeaders="...)
	auth = append(auth, signedHeaders...)
	auth = append(auth, ", Signature="...)
	auth = append(auth, sig[:]...)
	res.Authorization = string(auth)
	res.Headers = append(res.Headers, Header{"Authorization", res.Authorization})

	// The URL the request goes to, with the query as signed and, for S3
	// (which reads the path decoded once), the path encoded as signed:
	// usually the caller's URL itself, then not copied.
	var urlBuf [1024]byte
	url := append(urlBuf[:0], u.scheme...)
	url = append(url, "://"...)
	url = append(url, u.host...)
	if in.pathMode() == PathS3 {
		url = append(url, uri...)
	} else {
		url = append(url, u.path...)
	}
	if len(query) > 0 {
		url = append(url, '?')
		url = append(url, query...)
	}
	res.URL = in.URL
	if string(url) != in.URL {
		res.URL = string(url)
	}
	return res
}
