package sigv4

import (
	"maps"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// SigningKey is the day-scoped key kSigning derived from a secret access key
// for one date, region and service. It can sign any request of that scope but
// reveals nothing about the secret, so a page can hold it instead.
type SigningKey [32]byte

// KeyDerivation is every step of the signing key derivation, as the AWS
// documentation (and Yandex Object Storage's) lists them:
//
//	kDate    = HMAC("AWS4" + secret, date)
//	kRegion  = HMAC(kDate, region)
//	kService = HMAC(kRegion, service)
//	kSigning = HMAC(kService, "aws4_request")
type KeyDerivation struct {
	Date, Region, Service              string
	KDate, KRegion, KService, KSigning [32]byte
}

// DeriveKeySteps derives the signing key for date (YYYYMMDD), region and
// service and returns each intermediate key, for display.
func DeriveKeySteps(secretAccessKey, date, region, service string) KeyDerivation {
	var kd KeyDerivation
	kd.Date, kd.Region, kd.Service = date, region, service
	var secret [4 + maxCredentialID]byte // on the stack, cleared below
	k := append(secret[:0], "AWS4"...)
	k = append(k, secretAccessKey...)
	var msg [64]byte
	kd.KDate = hmacSHA256(k, append(msg[:0], date...))
	kd.KRegion = hmacSHA256(kd.KDate[:], append(msg[:0], region...))
	kd.KService = hmacSHA256(kd.KRegion[:], append(msg[:0], service...))
	kd.KSigning = hmacSHA256(kd.KService[:], []byte(scopeTerminator))
	clear(k)
	return kd
}

// DeriveSigningKey returns kSigning for the UTC day of t, region and service.
func DeriveSigningKey(secretAccessKey string, t time.Time, region, service string) SigningKey {
	var d [8]byte
	return SigningKey(DeriveKeySteps(secretAccessKey, string(appendScopeDate(d[:0], t.UTC())), region, service).KSigning)
}

// ParseSigningKey reads a signing key written as 64 hex digits.
func ParseSigningKey(s string) (SigningKey, error) {
	var k SigningKey
	if len(s) != 64 {
		return k, ErrMalformed
	}
	for i := range k {
		hi, ok1 := unhex(s[2*i])
		lo, ok2 := unhex(s[2*i+1])
		if !ok1 || !ok2 {
			return k, ErrMalformed
		}
		k[i] = hi<<4 | lo
	}
	return k, nil
}

// String returns the key as 64 lowercase hex digits.
// (encoding/hex is avoided: it imports fmt, which costs the wasm build
// about 150 KB of download.)
func (k SigningKey) String() string { return string(appendHex(nil, k[:])) }

const scopeTerminator = "aws4_request"

// keyCache remembers recently derived signing keys. A key is valid for a whole
// UTC day, and deriving it costs four HMACs, more than the signature itself,
// so signing a list of URLs would otherwise spend most of its time here.
//
// The cache never holds the secret: an entry is found by a fingerprint,
// SHA-256 over the day, region, service and secret, which like the signing
// key it maps to is bound to one day and scope and reveals nothing about the
// secret (in the wasm build, whatever stays in the Go heap stays readable in
// the page's linear memory).
//
// Signing reads the map without a lock: a map is never written once stored.
// A miss stores a copy holding the new key (a fresh map once keyCacheSize
// keys are held), under mu so that two misses do not drop each other's key.
var keyCache struct {
	mu      sync.Mutex
	entries atomic.Pointer[map[keyFingerprint]*macKey]
}

type keyFingerprint [sha256Size]byte

const keyCacheSize = 64

// fingerprintFor returns the cache's fingerprint for a secret, the day (days
// since 1970-01-01), region and service, and false for a secret too long
// to fingerprint on the stack (longer than validation allows).
func fingerprintFor(secret string, day int32, region, service string) (keyFingerprint, bool) {
	var buf [16 + 2*64 + maxCredentialID]byte
	if len(region)+len(service)+len(secret) > len(buf)-16 {
		return keyFingerprint{}, false
	}
	// Region and service hold no '/' (validated), and the secret comes
	// last: the text cannot be read two ways.
	b := strconv.AppendInt(buf[:0], int64(day), 10)
	b = append(b, '/')
	b = append(b, region...)
	b = append(b, '/')
	b = append(b, service...)
	b = append(b, '/')
	b = append(b, secret...)
	fp := keyFingerprint(sum256(b))
	clear(buf[:])
	return fp, true
}

func cachedSigningKey(secret string, t time.Time, region, service string) *macKey {
	fp, ok := fingerprintFor(secret, int32(t.Unix()/86400), region, service)
	if !ok {
		return newMacKey(DeriveSigningKey(secret, t, region, service))
	}
	if m := keyCache.entries.Load(); m != nil {
		if k, ok := (*m)[fp]; ok {
			return k
		}
	}
	k := newMacKey(DeriveSigningKey(secret, t, region, service))
	keyCache.mu.Lock()
	defer keyCache.mu.Unlock()
	next := make(map[keyFingerprint]*macKey, keyCacheSize)
	if old := keyCache.entries.Load(); old != nil && len(*old) < keyCacheSize {
		maps.Copy(next, *old)
	}
	next[fp] = k
	keyCache.entries.Store(&next)
	return k
}
