// Command ratios reads `benchstat -format csv` on standard input and prints,
// for each operation, sigv4's time and allocations next to each anchor's and
// the floor's, then the targets of issue 6 with the measured values. It
// reports; it never fails on a timing.
//
//	benchstat -format csv raw.txt | go run ./cmd/ratios
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// ours is the implementation the others are compared with.
const ours = "sigv4"

// ops maps each compared benchmark to its floor benchmark.
var ops = []struct{ name, floor string }{
	{"Presign", "Floor/op=presign"},
	{"SignHeader", "Floor/op=header"},
	{"PostPolicy", ""},
}

// procs is the -GOMAXPROCS suffix go test adds to benchmark names.
var procs = regexp.MustCompile(`-\d+$`)

// table is unit → benchmark name (without the procs suffix) → center value.
type table map[string]map[string]float64

func parse(r io.Reader) (table, error) {
	t := table{}
	var unit string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Split(sc.Text(), ",")
		switch {
		case len(f) < 2:
			unit = ""
		case f[0] == "" && strings.Contains(f[1], "/op"):
			unit = f[1]
			t[unit] = map[string]float64{}
		case unit != "" && f[0] != "" && f[0] != "geomean" && f[1] != "":
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return nil, fmt.Errorf("ratios: %s %s: %w", f[0], unit, err)
			}
			t[unit][procs.ReplaceAllString(f[0], "")] = v
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(t["sec/op"]) == 0 {
		return nil, fmt.Errorf("ratios: no sec/op table in the input (expected benchstat -format csv)")
	}
	return t, nil
}

// impls lists the impl= values measured for op, ours first.
func (t table) impls(op string) []string {
	var out []string
	for name := range t["sec/op"] {
		if impl, ok := strings.CutPrefix(name, op+"/impl="); ok && impl != ours {
			out = append(out, impl)
		}
	}
	slices.Sort(out)
	return out
}

func dur(sec float64) string {
	switch {
	case sec >= 1e-3:
		return fmt.Sprintf("%.2f ms", sec*1e3)
	case sec >= 1e-6:
		return fmt.Sprintf("%.2f µs", sec*1e6)
	}
	return fmt.Sprintf("%.0f ns", sec*1e9)
}

func main() {
	t, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sec, cpu, allocs := t["sec/op"], t["cpu-sec/op"], t["allocs/op"]
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintf(w, "%-11s %-12s %10s %10s %7s %9s %9s\n", "op", "impl", "time", "cpu time", "allocs", "speedup", "cpu spdup")
	row := func(op, impl, name string, vs float64, vsCPU float64) {
		sp, spc := "", ""
		if vs > 0 {
			sp = fmt.Sprintf("%.2fx", sec[name]/vs)
		}
		if vsCPU > 0 && cpu[name] > 0 {
			spc = fmt.Sprintf("%.2fx", cpu[name]/vsCPU)
		}
		c := ""
		if cpu[name] > 0 {
			c = dur(cpu[name])
		}
		fmt.Fprintf(w, "%-11s %-12s %10s %10s %7.0f %9s %9s\n", op, impl, dur(sec[name]), c, allocs[name], sp, spc)
	}
	for _, op := range ops {
		name := op.name + "/impl=" + ours
		us, ok := sec[name]
		if !ok {
			continue
		}
		row(op.name, ours, name, 0, 0)
		for _, impl := range t.impls(op.name) {
			row("", impl, op.name+"/impl="+impl, us, cpu[name])
		}
		if _, ok := sec[op.floor]; ok {
			// For the floor the ratio is inverted: how many floors sigv4 costs.
			fs, fc := sec[op.floor], cpu[op.floor]
			spc := ""
			if fc > 0 {
				spc = fmt.Sprintf("%.1fx", cpu[name]/fc)
			}
			c := ""
			if fc > 0 {
				c = dur(fc)
			}
			fmt.Fprintf(w, "%-11s %-12s %10s %10s %7.0f %9s %9s\n", "", "floor", dur(fs), c, allocs[op.floor], fmt.Sprintf("1/%.1fx", us/fs), "1/"+spc)
		}
	}
	fmt.Fprintln(w, "\nspeedup = anchor / sigv4 (above 1: sigv4 is faster); for the floor, 1/N means sigv4 costs N floors.")
	fmt.Fprintln(w, "sigv4debug is sigv4 with Context.Debug (every intermediate value); sigv4key signs with a day-scoped key, no cache.")
	fmt.Fprintln(w, "time is wall time per op; cpu time is the process's CPU time per op (GC included), steadier on a loaded machine.")

	fmt.Fprintln(w, "\ntargets (issue 6), measured in this run (wall time; cpu time in brackets):")
	// A target is met when both measures meet it: on a loaded machine one of
	// them alone can pass by accident (an inflated floor, say).
	target := func(what string, f func(m map[string]float64) (string, bool)) {
		got, met := f(sec)
		mark := "met"
		if len(cpu) > 0 {
			cgot, cmet := f(cpu)
			got += " [" + cgot + "]"
			switch {
			case met && !cmet:
				mark = "NOT met (met on wall time only)"
			case !met && cmet:
				mark = "NOT met (met on cpu time only)"
			}
			met = met && cmet
		}
		if !met && !strings.HasPrefix(mark, "NOT") {
			mark = "NOT met"
		}
		fmt.Fprintf(w, "  %-44s %-22s %s\n", what, got, mark)
	}
	const p, h = "Presign/impl=" + ours, "SignHeader/impl=" + ours
	if _, ok := sec[p]; ok {
		target("presign <= 1.5 µs", func(m map[string]float64) (string, bool) { return dur(m[p]), m[p] <= 1.5e-6 })
		mark := "met"
		if allocs[p] > 8 {
			mark = "NOT met"
		}
		fmt.Fprintf(w, "  %-44s %-22.0f %s\n", "presign <= 8 allocs", allocs[p], mark)
		if _, ok := sec["Presign/impl=awsv2"]; ok {
			target("presign >= 4x aws-sdk-go-v2 PresignHTTP", func(m map[string]float64) (string, bool) {
				r := m["Presign/impl=awsv2"] / m[p]
				return fmt.Sprintf("%.2fx", r), r >= 4
			})
		}
		if _, ok := sec["Floor/op=presign"]; ok {
			target("presign within 2x of the floor", func(m map[string]float64) (string, bool) {
				r := m[p] / m["Floor/op=presign"]
				return fmt.Sprintf("%.1fx", r), r <= 2
			})
		}
	}
	if _, ok := sec[h]; ok {
		if _, ok := sec["SignHeader/impl=awsv2"]; ok {
			target("header signing >= 4x aws-sdk-go-v2 SignHTTP", func(m map[string]float64) (string, bool) {
				r := m["SignHeader/impl=awsv2"] / m[h]
				return fmt.Sprintf("%.2fx", r), r >= 4
			})
		}
	}
}
