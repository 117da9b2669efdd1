package bench

import "testing"

// sink keeps the compiler from discarding the outputs being timed.
var sink string

// run checks an implementation once, then times it. A check that fails stops
// the benchmark: a fast wrong signer is not a result.
func run(b *testing.B, check func() error, op func() (string, error)) {
	b.Helper()
	if err := check(); err != nil {
		b.Fatal(err)
	}
	loop(b, func() {
		s, err := op()
		if err != nil {
			b.Fatal(err)
		}
		sink = s
	})
}

// loop times body and also reports cpu-ns/op: the CPU time of the whole
// process (garbage collection included) per operation. On a shared machine
// wall time grows with other processes' load while CPU time mostly does not,
// so the two together show whether a run was disturbed.
func loop(b *testing.B, body func()) {
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		body()
	}
	if end := cpuTime(); end > 0 && b.N > 0 {
		b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
	}
}
