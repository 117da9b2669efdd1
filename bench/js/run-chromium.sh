#!/usr/bin/env bash
# run-chromium.sh: sigv4kit's JS API in headless Chromium, next to aws4fetch
# and @smithy/signature-v4 (with @aws-crypto/sha256-js and with WebCrypto
# through @aws-crypto/sha256-browser): presigns per second in one page, and
# navigation to the first signature in fresh browser contexts, next to the
# Go floor (bench/js/floor, the smallest Go module loaded the same way). Writes
# bench/js/results/chromium.txt.
#
#   bench/js/run-chromium.sh        (build first: ./build.sh)
#
# Environment: PAGES (3 page loads for presigns per second), ROUNDS (7), ROUND_MS (300), WARM_MS (1000), FIRST_RUNS (15),
# CHROMIUM (/usr/bin/chromium). Timings never fail the run; a wrong
# signature does (exit 1).
set -euo pipefail
export GOTOOLCHAIN=go1.27.3 # the project's Go (see build.sh)
cd "$(dirname "${BASH_SOURCE[0]}")"
source ./pages.sh # HERE, ROOT, DIST, step, need_dist, prepare_pages
need_dist run-chromium.sh
command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null ||
	{ echo "run-chromium.sh: no chromium: apt-get install chromium (or ./build.sh provision)" >&2; exit 1; }
command -v brotli >/dev/null || { echo "run-chromium.sh: no brotli: apt-get install brotli" >&2; exit 1; }

prepare_pages

step "uptime: $(uptime)"
step "node chromium-bench.mjs"
node chromium-bench.mjs "$TMP/serve" "$DIST"
step "uptime: $(uptime)"
