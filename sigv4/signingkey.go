package sigv4

import (
	"strings"
	"sync"
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
	var secret [4 + 128]byte
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
// so signing a list of URLs would otherwise spend most of its time here. The
// cache is small and keyed by the full secret: an entry is found only by
// someone who already holds the secret.
var keyCache struct {
	sync.Mutex
	entries map[keyCacheKey]*cacheEntry
	// last is the most recent hit: signing many URLs with one key, the
	// common case, then compares strings instead of hashing the secret.
	last    keyCacheKey
	lastKey *macKey
}

type keyCacheKey struct {
	secret, region, service string
	day                     int32 // days since 1970-01-01: no string to build per call
}

const keyCacheSize = 64

// cacheEntry keeps the cache's own copy of its key's strings.
type cacheEntry struct {
	ck  keyCacheKey
	key *macKey
}

func cachedSigningKey(secret string, t time.Time, region, service string) *macKey {
	ck := keyCacheKey{secret, region, service, int32(t.Unix() / 86400)}
	keyCache.Lock()
	if keyCache.lastKey != nil && keyCache.last == ck {
		k := keyCache.lastKey
		keyCache.Unlock()
		return k
	}
	if e, ok := keyCache.entries[ck]; ok {
		// e.ck, not ck: the caller's strings may alias a reused buffer.
		keyCache.last, keyCache.lastKey = e.ck, e.key
		keyCache.Unlock()
		return e.key
	}
	keyCache.Unlock()
	var d [8]byte
	k := newMacKey(SigningKey(DeriveKeySteps(secret, string(appendScopeDate(d[:0], t)), region, service).KSigning))
	k.prepare()
	// The map keeps its own copies: the caller's strings may alias a buffer
	// that is reused (the wasm bridge's input).
	ck = keyCacheKey{strings.Clone(secret), strings.Clone(region), strings.Clone(service), ck.day}
	keyCache.Lock()
	if keyCache.entries == nil || len(keyCache.entries) >= keyCacheSize {
		keyCache.entries = make(map[keyCacheKey]*cacheEntry, keyCacheSize)
	}
	keyCache.entries[ck] = &cacheEntry{ck, k}
	keyCache.last, keyCache.lastKey = ck, k
	keyCache.Unlock()
	return k
}
