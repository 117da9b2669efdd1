package sigv4

import (
	"testing"
	"time"
)

// Benchmarks of the core alone; bench/ compares it with other signers.

func BenchmarkPresign(b *testing.B) {
	in := PresignInput{Context: exampleCtx, URL: "https://examplebucket.s3.amazonaws.com/test.txt", Expires: 86400 * time.Second}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Presign(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSign(b *testing.B) {
	in := SignInput{Context: exampleCtx, Request: Request{Method: "GET", URL: "https://examplebucket.s3.amazonaws.com/test.txt",
		Headers: []Header{{"Range", "bytes=0-9"}}}, PayloadHash: EmptySHA256}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Sign(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPresignParallel signs from every P at once with one cached key,
// as a server presigning for many clients does: a lock on the signing path
// shows here as time per operation that does not fall with -cpu.
func BenchmarkPresignParallel(b *testing.B) {
	in := PresignInput{Context: exampleCtx, URL: "https://examplebucket.s3.amazonaws.com/test.txt", Expires: 86400 * time.Second}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := Presign(in); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
