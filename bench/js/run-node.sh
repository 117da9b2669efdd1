#!/usr/bin/env bash
# run-node.sh: presigns per second through sigv4kit's JS API in Node 20, next
# to aws4fetch, @smithy/signature-v4 (+ @aws-crypto/sha256-js) and aws4, in
# one process per run, PROCESSES (3) runs. Writes bench/js/results/node.txt.
#
#   bench/js/run-node.sh            (build first: ./build.sh)
#
# Environment: PROCESSES (3), ROUNDS (7), ROUND_MS (300), WARM_MS (1000), SIGV4_DIST
# (web/dist). Timings never fail the run; a wrong signature does (exit 1).
set -euo pipefail
export GOTOOLCHAIN=go1.27.3 # the project's Go (see build.sh)
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(cd ../.. && pwd)

[[ -f $ROOT/web/dist/sigv4.js && -f $ROOT/web/dist/sigv4.wasm ]] ||
	{ echo "run-node.sh: web/dist/sigv4.{js,wasm} missing: run ./build.sh first" >&2; exit 1; }
source ./deps.sh
ensure_deps

# A snapshot of the module under build.sh's lock, so never half a build.
SNAP=$(mktemp -d)
trap 'rm -rf "$SNAP"' EXIT
snapshot() { cp -p "$ROOT/web/dist/sigv4.js" "$ROOT/web/dist/sigv4.wasm" "$SNAP/"; }
if [[ -z ${SIGV4_DIST:-} ]]; then
	if command -v flock >/dev/null && [[ -f $ROOT/.cache/build.lock ]]; then
		flock "$ROOT/.cache/build.lock" bash -c "$(declare -f snapshot); ROOT='$ROOT' SNAP='$SNAP' snapshot"
	else
		snapshot
	fi
	export SIGV4_DIST=$SNAP
fi

# Several processes: V8's tiering makes the same signer differ by up to
# 1.6x from one process to the next (measured: @smithy 35-62 µs, sigv4kit
# 10.8-17.3 µs), more than within one. Each process writes its full report;
# results/node.txt is the report of the process with the median ratio for
# presign, followed by every process's figures.
PROCESSES=${PROCESSES:-3}
RUNS=$(mktemp -d)
trap 'rm -rf "$SNAP" "$RUNS"' EXIT
for i in $(seq 1 "$PROCESSES"); do
	echo "==> uptime: $(uptime)"
	echo "==> node node-bench.mjs, process $i of $PROCESSES ($SIGV4_DIST: web/dist/sigv4.{js,wasm})"
	OUT=$RUNS/$i.txt node node-bench.mjs >/dev/null
done
echo "==> uptime: $(uptime)"
node summarize-node.mjs "$RUNS" results/node.txt
