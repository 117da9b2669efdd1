package sigv4

import (
	"strings"
	"unicode/utf8"
)

// Addressing is how a bucket appears in an S3 URL.
type Addressing string

const (
	// AddressingAuto is virtual-hosted style on *.amazonaws.com (AWS is
	// retiring path style) and path style everywhere else, which every
	// S3-compatible store accepts.
	AddressingAuto Addressing = ""
	// AddressingPath puts the bucket in the path: https://host/bucket/key.
	AddressingPath Addressing = "path"
	// AddressingVirtual puts the bucket in the host: https://bucket.host/key.
	AddressingVirtual Addressing = "virtual"
)

// ObjectInput names an object by endpoint, bucket and raw key.
type ObjectInput struct {
	// Endpoint is the service's base URL, such as https://s3.amazonaws.com or
	// https://storage.yandexcloud.net; a bare host means https.
	Endpoint   string
	Bucket     string
	Key        string // raw, unencoded; empty for the bucket itself
	Addressing Addressing
}

// maxKeyLen is S3's limit on an object key, in UTF-8 bytes.
const maxKeyLen = 1024

// ObjectURL builds the URL of an object, its key encoded once the way S3
// signs it (every byte but A-Z a-z 0-9 - . _ ~ / as %XX). It returns a
// *ValidationError naming endpoint, bucket, key or addressing.
func ObjectURL(in ObjectInput) (string, error) {
	var p problems
	u := objectURL(&p, in)
	return u, p.err()
}

// objectURL is ObjectURL reporting into p; it returns "" when p got a problem.
func objectURL(p *problems, in ObjectInput) string {
	before := len(p.list)
	endpoint := in.Endpoint
	if endpoint != "" && !strings.Contains(endpoint, "://") {
		endpoint = "https://" + endpoint
	}
	endpoint = strings.TrimRight(endpoint, "/")
	u, err := parseURL(endpoint)
	if err != nil {
		p.addErr(FieldEndpoint, err)
	} else if u.path != "/" || u.query != "" {
		p.add(FieldEndpoint, ErrUnsupported, "must be a scheme and host only, without a path or query")
	}
	checkBucket(p, in.Bucket)
	if len(in.Key) > maxKeyLen {
		p.add(FieldKey, ErrOutOfRange, "is longer than 1024 bytes")
	} else if !utf8.ValidString(in.Key) {
		p.add(FieldKey, ErrMalformed, "is not valid UTF-8")
	}
	mode := in.Addressing
	switch mode {
	case AddressingAuto:
		mode = AddressingPath
		if err == nil && strings.HasSuffix(hostOnly(u.host), ".amazonaws.com") && dnsCompatibleBucket(in.Bucket) {
			mode = AddressingVirtual
		}
	case AddressingPath, AddressingVirtual:
	default:
		p.add(FieldAddressing, ErrUnsupported, "must be \"path\" or \"virtual\"")
	}
	if mode == AddressingVirtual && in.Bucket != "" && !p.has(FieldBucket) {
		if !dnsCompatibleBucket(in.Bucket) {
			p.add(FieldBucket, ErrUnsupported, "cannot be a host name (uppercase, '_' or dots next to dashes); use path addressing")
		} else if err == nil && isIPHost(u.host) {
			p.add(FieldAddressing, ErrUnsupported, "virtual addressing needs a host name, not an IP address")
		}
	}
	if len(p.list) > before {
		return ""
	}
	b := make([]byte, 0, len(endpoint)+len(in.Bucket)+len(in.Key)*3+4)
	b = append(b, u.scheme...)
	b = append(b, "://"...)
	if mode == AddressingVirtual {
		b = append(b, in.Bucket...)
		b = append(b, '.')
		b = append(b, u.host...)
		b = append(b, '/')
	} else {
		b = append(b, u.host...)
		b = append(b, '/')
		b = append(b, in.Bucket...)
		if in.Key != "" {
			b = append(b, '/')
		}
	}
	b = appendURIEncode(b, in.Key, true)
	return string(b)
}

// requestURL returns the URL a request names: rawURL, or the URL of obj
// when obj has an endpoint. It reports a missing URL, both forms at once, and
// obj's problems in p, and returns "" then.
func requestURL(p *problems, rawURL string, obj ObjectInput) string {
	switch {
	case rawURL != "" && obj.Endpoint != "":
		p.add(FieldEndpoint, ErrUnsupported, "give either a url or an endpoint, not both")
	case rawURL != "":
		for _, f := range [...]struct{ name, value string }{
			{FieldBucket, obj.Bucket}, {FieldKey, obj.Key}, {FieldAddressing, string(obj.Addressing)},
		} {
			if f.value != "" {
				p.add(f.name, ErrUnsupported, "goes with an endpoint, not with a url")
			}
		}
		return rawURL
	case obj.Endpoint == "":
		p.add(FieldURL, ErrMissing, "is required (or an endpoint and bucket)")
	default:
		return objectURL(p, obj)
	}
	return ""
}

// checkBucket accepts S3's bucket name rules loosely (3-63 characters of
// letters, digits, '.', '-' and '_'), because S3-compatible stores differ.
func checkBucket(p *problems, b string) {
	switch {
	case b == "":
		p.add(FieldBucket, ErrMissing, "is required")
	case len(b) < 3 || len(b) > 63:
		p.add(FieldBucket, ErrOutOfRange, "must be 3 to 63 characters long")
	default:
		for i := 0; i < len(b); i++ {
			if c := b[i]; !(isAlnum(c) || c == '.' || c == '-' || c == '_') {
				p.add(FieldBucket, ErrMalformed, "may contain only letters, digits, '.', '-' and '_'")
				return
			}
		}
	}
}

func dnsCompatibleBucket(b string) bool {
	if len(b) < 3 || len(b) > 63 || strings.Contains(b, "..") || strings.Contains(b, ".-") || strings.Contains(b, "-.") {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return b[0] != '-' && b[0] != '.' && b[len(b)-1] != '-' && b[len(b)-1] != '.'
}

// hostOnly strips the port from host[:port].
func hostOnly(h string) string {
	if strings.HasPrefix(h, "[") {
		if i := strings.IndexByte(h, ']'); i >= 0 {
			return h[:i+1]
		}
	}
	if i := strings.LastIndexByte(h, ':'); i >= 0 {
		return h[:i]
	}
	return h
}

func isIPHost(h string) bool {
	h = hostOnly(h)
	if strings.HasPrefix(h, "[") || h == "localhost" {
		return true
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; !('0' <= c && c <= '9' || c == '.') {
			return false
		}
	}
	return true
}

// InferRegion guesses the signing region from a well-known host:
// s3.eu-west-1.amazonaws.com and bucket.s3.eu-west-1.amazonaws.com give
// eu-west-1, the global s3.amazonaws.com gives us-east-1, Yandex Cloud's
// storage.yandexcloud.net and postbox.cloud.yandex.net give ru-central1,
// Cloudflare R2 and Google Cloud Storage give auto, DigitalOcean Spaces its
// region. The host may carry a port; ok is false for unknown hosts.
func InferRegion(host string) (region string, ok bool) {
	h := strings.ToLower(hostOnly(host))
	switch {
	case h == "storage.yandexcloud.net" || strings.HasSuffix(h, ".storage.yandexcloud.net"),
		h == "postbox.cloud.yandex.net":
		return "ru-central1", true
	case strings.HasSuffix(h, ".r2.cloudflarestorage.com"),
		h == "storage.googleapis.com" || strings.HasSuffix(h, ".storage.googleapis.com"):
		return "auto", true
	case strings.HasSuffix(h, ".digitaloceanspaces.com"):
		rest := strings.TrimSuffix(h, ".digitaloceanspaces.com")
		return rest[strings.LastIndexByte(rest, '.')+1:], true
	case strings.HasSuffix(h, ".amazonaws.com"):
		// Labels from the right: the first that looks like a region (or
		// s3-<region>) wins; the global s3 / s3-external-1 endpoints are
		// us-east-1. No strings.Split: this runs on every call without a
		// region.
		rest := strings.TrimSuffix(h, ".amazonaws.com")
		last := rest[strings.LastIndexByte(rest, '.')+1:]
		for rest != "" {
			l := rest[strings.LastIndexByte(rest, '.')+1:]
			if strings.HasPrefix(l, "s3-") && looksLikeRegion(l[3:]) {
				return l[3:], true
			}
			if looksLikeRegion(l) {
				return l, true
			}
			rest = strings.TrimSuffix(rest[:len(rest)-len(l)], ".")
		}
		if last == "s3" || last == "s3-external-1" {
			return "us-east-1", true
		}
	}
	return "", false
}

// looksLikeRegion matches AWS region names: two or more dash-separated
// letter groups ending in a number, such as eu-west-1 or us-gov-east-1.
func looksLikeRegion(s string) bool {
	groups, digitsOnly := 0, false
	for s != "" {
		part := s
		if i := strings.IndexByte(s, '-'); i >= 0 {
			part, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if part == "" {
			return false
		}
		groups++
		letters, digits := 0, 0
		for i := 0; i < len(part); i++ {
			switch c := part[i]; {
			case 'a' <= c && c <= 'z':
				letters++
			case '0' <= c && c <= '9':
				digits++
			default:
				return false
			}
		}
		if s == "" {
			digitsOnly = letters == 0 && digits > 0
		} else if digits > 0 {
			return false
		}
	}
	return groups >= 3 && digitsOnly
}

// HostOf returns the canonical host[:port] of an absolute URL, as it is
// signed (lowercase, without the scheme's default port), or "" when the URL
// does not parse.
func HostOf(rawURL string) string {
	u, err := parseURL(rawURL)
	if err != nil {
		return ""
	}
	return u.host
}
