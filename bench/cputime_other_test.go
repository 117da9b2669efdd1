//go:build !unix

package bench

// cpuTime is not measured here; loop then reports wall time only.
func cpuTime() int64 { return 0 }
