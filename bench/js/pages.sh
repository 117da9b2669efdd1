# pages.sh: sourced by run-chromium.sh and run-engines.sh from bench/js.
HERE=$PWD
ROOT=$(cd ../.. && pwd)
DIST=$HERE/dist # git-ignored (bench/js/.gitignore)

step() { printf '==> %s\n' "$*"; }

# need_dist stops the script named $1 when web/dist is not built.
need_dist() {
	[[ -f $ROOT/web/dist/sigv4.js && -f $ROOT/web/dist/sigv4.wasm && -f $ROOT/web/dist/index.html ]] ||
		{ echo "$1: web/dist is not built: run ./build.sh first" >&2; exit 1; }
}

# build_pages snapshots web/dist into $DIST, bundles the benchmark pages of
# bench/js/page and the Go floor next to it, precompresses them as build.sh
# does, and builds serve.go into $TMP/serve. It starts and ends in $HERE.
build_pages() {
	step "snapshot web/dist -> bench/js/dist (under build.sh's lock, so never half a build)"
	rm -rf "$DIST"
	mkdir -p "$DIST"
	snapshot() { cp -p "$ROOT"/web/dist/* "$DIST"/; }
	if command -v flock >/dev/null && [[ -f $ROOT/.cache/build.lock ]]; then
		flock "$ROOT/.cache/build.lock" bash -c "$(declare -f snapshot); ROOT='$ROOT' DIST='$DIST' snapshot"
	else
		snapshot
	fi

	step "bundle the pages with go tool esbuild"
	cd "$ROOT"
	# The benchmark page bundles our module (from the snapshot) and the others.
	go tool esbuild --bundle --format=esm --minify --log-level=warning --outdir="$DIST" \
		bench/js/page/bench.mjs bench/js/page/first-sig-aws4fetch.mjs
	# The first-signature page keeps ./sigv4.js external, as the app's pages do.
	go tool esbuild --bundle --format=esm --minify --log-level=warning --outdir="$DIST" \
		--external:./sigv4.js bench/js/page/first-sig.mjs bench/js/page/first-sig-steps.mjs
	# The Go floor: the smallest Go module, built as build.sh builds sigv4.wasm
	# (same flags, same wasm-opt flags, same wasm_exec.js through floor.mjs).
	step "build the Go floor: bench/js/floor -> floor.wasm, floor.js"
	[[ -f web/src/gen/wasm_exec.js ]] || { echo "run-chromium.sh: web/src/gen/wasm_exec.js missing: run ./build.sh" >&2; exit 1; }
	(cd bench && GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$DIST/floor.wasm" ./js/floor)
	eval "$(grep '^WASM_OPT_FLAGS=' build.sh)"
	if command -v wasm-opt >/dev/null; then
		wasm-opt "${WASM_OPT_FLAGS[@]}" "$DIST/floor.wasm" -o "$TMP/floor.wasm"
		if (($(stat -c %s "$TMP/floor.wasm") < $(stat -c %s "$DIST/floor.wasm"))); then mv "$TMP/floor.wasm" "$DIST/floor.wasm"; fi
	fi
	go tool esbuild --bundle --format=esm --minify --target=es2020 --log-level=warning \
		--outfile="$DIST/floor.js" bench/js/floor/floor.mjs
	go tool esbuild --bundle --format=esm --minify --log-level=warning --outdir="$DIST" \
		--external:./floor.js bench/js/page/first-sig-floor.mjs bench/js/page/first-sig-floor-steps.mjs
	echo "    floor.wasm $(stat -c %s "$DIST/floor.wasm") bytes, floor.js $(stat -c %s "$DIST/floor.js") bytes"
	cp bench/js/page/*.html "$DIST"/

	step "precompress the pages (brotli -q 11, gzip -9), as build.sh does for web/dist"
	for f in "$DIST"/bench.js "$DIST"/first-sig*.js "$DIST"/bench.html "$DIST"/first-sig*.html "$DIST"/floor.js "$DIST"/floor.wasm; do
		brotli -q 11 -f -c "$f" >"$f.br"
		gzip -9 -n -c "$f" >"$f.gz"
	done

	step "build serve.go"
	go build -o "$TMP/serve" serve.go
	cd "$HERE"

}

# prepare_pages installs the compared packages (deps.sh), makes TMP (removed
# on exit) and builds the pages.
prepare_pages() {
	source ./deps.sh
	ensure_deps
	TMP=$(mktemp -d)
	trap 'rm -rf "$TMP"' EXIT
	build_pages
}
