#!/usr/bin/env bash
# Native Go benchmarks: sigv4 against aws-sdk-go-v2 and minio-go on the same
# documented inputs, each output checked before it is timed.
#
#   bench/run.sh                  # -count 10, -benchtime 1s (about 5 minutes)
#   COUNT=5 BENCHTIME=300ms bench/run.sh
#   bench/run.sh summarize        # rewrite results/native.txt from the raw run
#
# Writes results/native-raw.txt (go test output, for `benchstat old new`) and
# results/native.txt (benchstat, then the ratio table quoted by README).
set -euo pipefail
export GOTOOLCHAIN=go1.27.3 # the project's Go (see build.sh)
cd "$(dirname "$0")"

COUNT=${COUNT:-10}
BENCHTIME=${BENCHTIME:-1s}
BIN=$(cd .. && pwd)/.cache/bin
BENCHSTAT=$BIN/benchstat

step() { printf '\n== %s\n' "$*" >&2; }

install_benchstat() {
	if [[ ! -x $BENCHSTAT ]]; then
		step "installing benchstat into $BIN"
		mkdir -p "$BIN"
		GOBIN=$BIN go install golang.org/x/perf/cmd/benchstat@latest
	fi
}

# summarize writes results/native.txt from results/native-raw.txt.
summarize() {
	step "summarizing results/native-raw.txt"
	{
		"$BENCHSTAT" results/native-raw.txt
		echo
		"$BENCHSTAT" -format csv results/native-raw.txt 2>/dev/null | go run ./cmd/ratios
	} >results/native.txt
	cat results/native.txt
}

case ${1:-run} in
summarize)
	install_benchstat
	summarize
	exit
	;;
run) ;;
*)
	echo "usage: $0 [run|summarize]" >&2
	exit 2
	;;
esac

install_benchstat

step "checking every implementation against the documented signatures"
go test -count 1 ./...

mkdir -p results
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
step "benchmarking: -count $COUNT -benchtime $BENCHTIME ($(nproc) CPUs, load average $load)"
if awk -v l="${load%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n) }' 2>/dev/null; then
	echo "warning: the load average exceeds the CPU count; wall times will be inflated and noisy" >&2
fi
{
	# benchstat shows these "key: value" lines in its header.
	echo "cpus: $(nproc)"
	echo "load-average-before: $load"
	go test -run '^$' -bench . -benchmem -count "$COUNT" -benchtime "$BENCHTIME" .
} | tee results/native-raw.txt

summarize
