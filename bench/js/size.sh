#!/usr/bin/env bash
# size.sh: what sigv4kit costs to download. Raw, gzip -9 and brotli -q 11 of
# web/dist/sigv4.wasm and sigv4.js, and what each Go package contributes to
# the wasm: code bytes from the name section of an unstripped build
# (scripts/wasm-sizes.py) and an estimate of each package's brotli share
# (bench/js/wasm-brotli.py says how). Writes bench/js/results/size.txt.
#
#   bench/js/size.sh                (build first: ./build.sh)
set -euo pipefail
export GOTOOLCHAIN=go1.27.3 # the project's Go (see build.sh)
cd "$(dirname "${BASH_SOURCE[0]}")"
HERE=$PWD
ROOT=$(cd ../.. && pwd)
OUT=${OUT:-$HERE/results/size.txt}

[[ -f $ROOT/web/dist/sigv4.js && -f $ROOT/web/dist/sigv4.wasm ]] ||
	{ echo "size.sh: web/dist/sigv4.{js,wasm} missing: run ./build.sh first" >&2; exit 1; }
command -v brotli >/dev/null || { echo "size.sh: no brotli: apt-get install brotli" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# A snapshot under build.sh's lock, so never half a build.
snapshot() { cp -p "$ROOT/web/dist/sigv4.wasm" "$ROOT/web/dist/sigv4.js" "$TMP/"; }
if command -v flock >/dev/null && [[ -f $ROOT/.cache/build.lock ]]; then
	flock "$ROOT/.cache/build.lock" bash -c "$(declare -f snapshot); ROOT='$ROOT' TMP='$TMP' snapshot"
else
	snapshot
fi

size() { stat -c %s "$1"; }
gz() { gzip -9 -n -c "$1" | wc -c; }
br() { brotli -q 11 -c "$1" | wc -c; }
kib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

GOROOT=$(go env GOROOT)
WASM_EXEC=$GOROOT/lib/wasm/wasm_exec.js
[[ -f $WASM_EXEC ]] || WASM_EXEC=$GOROOT/misc/wasm/wasm_exec.js

echo "==> unstripped build of ./wasm for the per-package breakdown"
(cd "$ROOT" && GOOS=js GOARCH=wasm go build -trimpath -o "$TMP/x.wasm" ./wasm)
(cd "$ROOT" && GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$TMP/stripped.wasm" ./wasm)
# wasm_exec.js minified alone: the part of sigv4.js that is Go's runtime glue.
(cd "$ROOT" && go tool esbuild --minify --log-level=warning "$WASM_EXEC" >"$TMP/wasm_exec.min.js")

echo "==> compressing"
{
	echo "# Size of sigv4kit (bench/js/size.sh)"
	echo
	echo "date         $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "uptime       $(uptime)"
	echo "go           $(go version | cut -d' ' -f3-)"
	echo "tree         $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '(not a git tree)')"
	echo "compressors  gzip -9 -n, brotli -q 11 (as build.sh precompresses)"
	echo
	echo "## What the browser downloads (web/dist, as built by ./build.sh: -trimpath -s -w, then wasm-opt -Oz if installed)"
	echo
	total_raw=0 total_gz=0 total_br=0
	printf '%-14s %12s %12s %12s\n' file raw gzip brotli
	printf '%-14s %12s %12s %12s\n' -------------- ------------ ------------ ------------
	for f in sigv4.wasm sigv4.js; do
		r=$(size "$TMP/$f") g=$(gz "$TMP/$f") b=$(br "$TMP/$f")
		printf '%-14s %12s %12s %12s\n' "$f" "$r" "$g" "$b"
		total_raw=$((total_raw + r)) total_gz=$((total_gz + g)) total_br=$((total_br + b))
	done
	printf '%-14s %12s %12s %12s\n' "sum" "$total_raw" "$total_gz" "$total_br"
	printf '%-14s %12s %12s %12s\n' "sum (KiB)" "$(kib $total_raw)" "$(kib $total_gz)" "$(kib $total_br)"
	echo
	goal=$((650 * 1024))
	if ((total_br <= goal)); then verdict=met; else verdict=missed; fi
	echo "target (issue 6): sigv4.wasm + sigv4.js <= 650 KiB brotli: $(kib $total_br) KiB, $verdict" \
		"($((goal - total_br)) bytes to spare; $total_br bytes = $(awk -v b=$total_br 'BEGIN{printf "%.1f", b/1000}') kB decimal)"
	echo
	r=$(size "$TMP/wasm_exec.min.js")
	echo "sigv4.js holds Go's wasm_exec.js: minified alone $r bytes raw, $(gz "$TMP/wasm_exec.min.js") gzip, $(br "$TMP/wasm_exec.min.js") brotli;" \
		"the rest is the glue."
	echo
	echo "## The same source built by hand (GOOS=js GOARCH=wasm go build -trimpath ./wasm, the tree as it is now)"
	echo
	printf '%-34s %12s %12s %12s\n' build raw gzip brotli
	printf '%-34s %12s %12s %12s\n' ---------------------------------- ------------ ------------ ------------
	printf '%-34s %12s %12s %12s\n' "unstripped (names kept)" "$(size "$TMP/x.wasm")" "$(gz "$TMP/x.wasm")" "$(br "$TMP/x.wasm")"
	printf '%-34s %12s %12s %12s\n' "-ldflags='-s -w', no wasm-opt" "$(size "$TMP/stripped.wasm")" "$(gz "$TMP/stripped.wasm")" "$(br "$TMP/stripped.wasm")"
	printf '%-34s %12s %12s %12s\n' "web/dist/sigv4.wasm (shipped)" "$(size "$TMP/sigv4.wasm")" "$(gz "$TMP/sigv4.wasm")" "$(br "$TMP/sigv4.wasm")"
	echo
	echo "## Code bytes per Go package (scripts/wasm-sizes.py on the unstripped build; before wasm-opt)"
	echo
	echo "Package names as the wasm name section spells them ('/' -> '_'); main is ./wasm (the bridge);"
	echo "type_ are the compiler's generated type functions (equality, hashing)."
	echo
	python3 "$ROOT/scripts/wasm-sizes.py" "$TMP/x.wasm" 60
	echo
	echo "## Estimated brotli share per Go package (bench/js/wasm-brotli.py)"
	echo
	echo "'br alone' = the package's function bodies compressed alone; 'br share' = alone scaled so the shares add up to"
	echo "the code section compressed at once; '% of br' = of code + data compressed (each at once). The data segments"
	echo "(runtime.pclntab: function names and pc tables, type descriptors, constants) have no per-package labels."
	echo
	python3 "$HERE/wasm-brotli.py" "$TMP/x.wasm" 1024 15
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
echo "==> wrote $OUT"
