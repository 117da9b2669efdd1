#!/usr/bin/env bash
# run-engines.sh: sigv4kit's JS API in Firefox ESR and WebKit (Safari's
# engine), next to aws4fetch and @smithy/signature-v4 in the same engine:
# presigns per second in one page, and navigation to the first signature in
# fresh browsers, with the pages of run-chromium.sh. Writes
# bench/js/results/engines.txt.
#
#   bench/js/run-engines.sh        (build first: ./build.sh; ./build.sh provision installs the engines)
#
# Environment: ENGINES (firefox,webkit), ROUNDS (7), ROUND_MS (300), WARM_MS (1000), FIRST_RUNS (7),
# FIREFOX (/usr/bin/firefox-esr), MINIBROWSER (WebKitGTK's). Timings never
# fail the run; a wrong signature does (exit 1).
set -euo pipefail
export GOTOOLCHAIN=go1.27.3 # the project's Go (see build.sh)
cd "$(dirname "${BASH_SOURCE[0]}")"
source ./pages.sh # HERE, ROOT, DIST, step, need_dist, prepare_pages
need_dist run-engines.sh
for cmd in "${FIREFOX:-/usr/bin/firefox-esr}" WebKitWebDriver Xvfb brotli; do
	command -v "$cmd" >/dev/null || { echo "run-engines.sh: no $cmd: run ./build.sh provision as root" >&2; exit 1; }
done
for pkg in puppeteer-core selenium-webdriver; do
	[[ -f $ROOT/.cache/npm/node_modules/$pkg/package.json ]] ||
		{ echo "run-engines.sh: $pkg not in .cache/npm: run ./build.sh provision" >&2; exit 1; }
done

prepare_pages

step "uptime: $(uptime)"
step "node engines-bench.mjs"
node engines-bench.mjs "$TMP/serve" "$DIST"
step "uptime: $(uptime)"
