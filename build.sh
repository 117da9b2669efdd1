#!/usr/bin/env bash
# build.sh: the one entry point for building and testing sigv4kit.
#
#   ./build.sh                 build the page and the module into web/dist
#   ./build.sh serve [flags]   build, then `go run serve.go [flags]` (-addr, -dir, -connect)
#   ./build.sh test            provision, build, then run every test
#   ./build.sh provision       install what the tests need (idempotent, fast when done)
#
# Output goes to web/dist/ and the npm package to web/npm/ (git-ignored; `npm
# pack web/npm` makes the tarball); tools and caches to .cache/ (git-ignored).
# SIGV4_SRC, SIGV4_DIST and SIGV4_PKG name other source and output folders (the
# cache-upgrade test builds a second version of the page this way).
set -euo pipefail
set -o errtrace # the ERR trap below also reports failures inside functions
cd "$(dirname "${BASH_SOURCE[0]}")"

# The project's Go. A machine starts on its own Go and ignores go.mod's
# toolchain line (GOTOOLCHAIN=local), so every script says it; the go command
# fetches this release from the module proxy the first time (~76 MB, ~10 s).
export GOTOOLCHAIN=go1.27.3

# ---- Pinned versions ---------------------------------------------------------
MINIO_MODULE=github.com/minio/minio
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
TYPESCRIPT_VERSION=5.9.3
TYPES_NODE_VERSION=20.19.43 # Node 20's types, for web/test/types-check.ts
# The bundlers and the docs tool the npm package is tested with
# (e2e/npm_package_test.go), into .cache/bundlers: only tests use them.
# Versions that run on Node 20 (webpack-cli 7 needs Node 22.15).
BUNDLER_PACKAGES=(
	vite@8.3.8
	webpack@5.113.0
	webpack-cli@6.0.1
	rollup@4.68.8
	@rollup/plugin-node-resolve@16.0.3
	@web/rollup-plugin-import-meta-assets@2.3.3
	vitepress@1.6.4
)
# The npm test tools, installed into .cache/npm: tsc, and the drivers of the
# engines besides Chromium (e2e/engines): Firefox over WebDriver BiDi with
# puppeteer-core, WebKit through WebKitWebDriver with selenium-webdriver.
# Later versions of the two drivers need Node 22.
TEST_TOOLS=(
	"typescript@$TYPESCRIPT_VERSION"
	"@types/node@$TYPES_NODE_VERSION"
	puppeteer-core@24.43.1
	selenium-webdriver@4.46.0
	axe-core@4.14.1
	lighthouse@12.2.3
	@smithy/signature-v4a@3.6.2
	@aws-crypto/sha256-js@5.2.0
)

# ---- What the build makes ----------------------------------------------------
SRC=${SIGV4_SRC:-web/src}
DIST=${SIGV4_DIST:-web/dist}
# The npm package's folder, next to DIST (web/npm): not inside it, since a
# site publishes the whole of web/dist.
PKG=${SIGV4_PKG:-$(dirname "$DIST")/npm}
CACHE=.cache
FUZZTIME=10s

# Bundles: source under web/src, file written to web/dist, and whether the
# source must exist. The page and widgets are optional only while they are
# being written: a missing one is skipped with a printed line.
BUNDLES=(
	"sigv4.js                   sigv4.js            required"
	"app.js                     app.js              optional"
	"widgets/sigv4-explainer.js sigv4-explainer.js  optional"
	"widgets/upload-enhancer.js upload-enhancer.js  optional"
)
# Files copied as they are (globs under web/src), and the one that must exist.
# sw.js is the page's service worker: a classic script, not a module, and it
# must sit at the root to control the page.
STATIC_GLOBS=("*.html" "*.css" "sw.js")
STATIC_REQUIRED=(sigv4.d.ts)
# Extensions precompressed to .br and .gz.
COMPRESS_EXTS=(js css html wasm d.ts)
# Features of Go's wasm output that wasm-opt must accept (Go >= 1.21 emits
# sign-extension and non-trapping float-to-int; bulk memory for memory.copy/fill).
WASM_OPT_FLAGS=(-Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int)

# ---- Reporting ---------------------------------------------------------------
step() { printf '\n==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
warn() { printf '    WARNING: %s\n' "$*" >&2; }
die() {
	printf '\nbuild.sh: ERROR: %s\n' "$*" >&2
	if [[ -n ${MINIO_PID:-} ]]; then kill "$MINIO_PID" 2>/dev/null || true; fi
	if [[ -n ${BUNDLERS_PID:-} ]]; then kill "$BUNDLERS_PID" 2>/dev/null || true; fi
	exit 1
}
trap 'rc=$?; printf "\nbuild.sh: FAILED (exit %s) at line %s: %s\n" "$rc" "$LINENO" "$BASH_COMMAND" >&2' ERR

have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [[ $(id -u) == 0 ]]; }
seconds_since() { echo $((SECONDS - $1)); }

# ---- Provisioning ------------------------------------------------------------

# apt_packages installs the Debian packages whose command is missing. Each
# argument is package:command:required|optional.
apt_packages() {
	local missing=() missing_required=() spec pkg cmd need
	for spec in "$@"; do
		IFS=: read -r pkg cmd need <<<"$spec"
		if have "$cmd"; then
			note "$pkg: $(command -v "$cmd")"
		else
			missing+=("$pkg")
			if [[ $need == required ]]; then missing_required+=("$pkg"); fi
		fi
	done
	((${#missing[@]})) || return 0
	if ! is_root; then
		printf '\n    MISSING: %s\n    Install as root: apt-get update && apt-get install -y %s\n' \
			"${missing[*]}" "${missing[*]}" >&2
		((${#missing_required[@]} == 0)) || warn "tests that need ${missing_required[*]} will be skipped (or fail when CI is set)"
		return 0
	fi
	note "installing from apt: ${missing[*]}"
	local apt=(apt-get -o DPkg::Lock::Timeout=600 -y)
	"${apt[@]}" -qq update
	if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" -qq install --no-install-recommends "${missing[@]}" >"$CACHE/apt.log" 2>&1; then
		tail -20 "$CACHE/apt.log" >&2
		((${#missing_required[@]} == 0)) || die "apt-get install ${missing[*]} failed (log: $CACHE/apt.log)"
		warn "apt-get install ${missing[*]} failed; continuing without the optional tools"
	fi
}

minio_installed() {
	[[ -x $CACHE/bin/minio ]] &&
		go version -m "$CACHE/bin/minio" 2>/dev/null | grep -q "^[[:space:]]mod[[:space:]]$MINIO_MODULE[[:space:]]$MINIO_VERSION[[:space:]]"
}

# start_minio_install starts `go install` of MinIO in the background (it is
# CPU-bound for minutes, apt is mostly waiting on the network) and sets
# MINIO_PID; finish_minio_install waits for it.
MINIO_PID=
start_minio_install() {
	if minio_installed; then
		note "minio $MINIO_VERSION: $CACHE/bin/minio"
		return
	fi
	note "installing minio $MINIO_VERSION into $CACHE/bin in the background (first time: ~5 minutes on 2 cores; log: $CACHE/minio-install.log)"
	GOBIN=$PWD/$CACHE/bin go install "$MINIO_MODULE@$MINIO_VERSION" >"$CACHE/minio-install.log" 2>&1 &
	MINIO_PID=$!
}

# wait_install PID LOG WHAT waits for an install started in the background,
# and fails with the end of its log when it failed.
wait_install() {
	note "waiting for $3 (pid $1)"
	if ! wait "$1"; then
		tail -30 "$2" >&2
		die "$3 failed (log: $2)"
	fi
}

finish_minio_install() {
	[[ -n $MINIO_PID ]] || return 0
	wait_install "$MINIO_PID" "$CACHE/minio-install.log" "go install $MINIO_MODULE@$MINIO_VERSION"
	MINIO_PID=
	note "minio $MINIO_VERSION: $CACHE/bin/minio"
}

npm_version() { # the installed version of an npm package in .cache/npm, or nothing
	local f=$CACHE/npm/node_modules/$1/package.json
	[[ -f $f ]] && node -p "require('./$f').version" 2>/dev/null || true
}

# ensure_test_tools installs the pinned npm test tools (TEST_TOOLS) that are
# missing or at another version into .cache/npm, and leaves the rest there.
ensure_test_tools() {
	local spec name version missing=()
	for spec in "${TEST_TOOLS[@]}"; do
		name=${spec%@*}
		version=${spec##*@}
		if [[ $(npm_version "$name") == "$version" ]]; then
			note "$spec: $CACHE/npm/node_modules/$name"
		else
			missing+=("$spec")
		fi
	done
	((${#missing[@]})) || return 0
	if ! have npm; then
		warn "npm not found: tsc and the Firefox and WebKit tests will be skipped (install nodejs and npm)"
		return
	fi
	note "installing ${missing[*]} into $CACHE/npm"
	npm install --prefix "$CACHE/npm" --no-audit --no-fund --loglevel=error --save-exact "${missing[@]}"
}

bundlers_installed() { # each of BUNDLER_PACKAGES (name@version) at its version
	node -e '
		for (const spec of process.argv.slice(2)) {
			const at = spec.lastIndexOf("@");
			const pkg = require(`${process.argv[1]}/node_modules/${spec.slice(0, at)}/package.json`);
			if (pkg.version !== spec.slice(at + 1)) process.exit(1);
		}' "$PWD/$CACHE/bundlers" "${BUNDLER_PACKAGES[@]}" 2>/dev/null
}

# start_bundlers_install installs BUNDLER_PACKAGES into $CACHE/bundlers in
# the background (about 3 minutes the first time, mostly waiting on the
# network) and sets BUNDLERS_PID; finish_bundlers_install waits for it.
BUNDLERS_PID=
start_bundlers_install() {
	if ! have npm; then
		warn "npm not found: the npm package tests will be skipped (install nodejs and npm)"
		return
	fi
	if bundlers_installed; then
		note "bundlers: ${BUNDLER_PACKAGES[*]} in $CACHE/bundlers"
		return
	fi
	note "installing ${BUNDLER_PACKAGES[*]} into $CACHE/bundlers in the background (log: $CACHE/bundlers-install.log)"
	mkdir -p "$CACHE/bundlers"
	npm install --prefix "$CACHE/bundlers" --no-audit --no-fund --loglevel=error --save-exact \
		"${BUNDLER_PACKAGES[@]}" >"$CACHE/bundlers-install.log" 2>&1 &
	BUNDLERS_PID=$!
}

finish_bundlers_install() {
	[[ -n $BUNDLERS_PID ]] || return 0
	wait_install "$BUNDLERS_PID" "$CACHE/bundlers-install.log" "npm install of the bundlers"
	BUNDLERS_PID=
	note "bundlers: ${BUNDLER_PACKAGES[*]} in $CACHE/bundlers"
}

provision() {
	local t0=$SECONDS
	step "provision: browser, compressors, the aws CLI, bundlers and the S3 server for the tests"
	mkdir -p "$CACHE/bin"
	start_minio_install
	# awscli: the e2e test of the explainer's diff pastes real `aws --debug`
	# output (Debian's package is AWS CLI v2; a v1 earlier on PATH is tested too).
	# Firefox ESR and WebKitGTK (Safari's engine; its MiniBrowser needs a
	# display, Xvfb) for e2e TestEngines, beside Chromium.
	apt_packages chromium:chromium:required brotli:brotli:required awscli:aws:required binaryen:wasm-opt:optional \
		firefox-esr:firefox-esr:required webkit2gtk-driver:WebKitWebDriver:required xvfb:Xvfb:required
	start_bundlers_install
	ensure_test_tools
	finish_bundlers_install
	finish_minio_install
	export SIGV4_MINIO_BIN=$PWD/$CACHE/bin/minio
	note "SIGV4_MINIO_BIN=$SIGV4_MINIO_BIN"
	note "provisioned in $(seconds_since "$t0")s"
}

# ---- The npm package ---------------------------------------------------------
#
# Stable names only (a package is versioned as a whole): the module and its
# wasm, which it finds by the literal new URL("./sigv4.wasm", import.meta.url)
# that bundlers follow; the explainer built whole, importing "./sigv4.js" (not
# the loader of its hashed copy); the upload enhancer; the types. Its
# package.json and README are $SRC/npm's; the version is the one the built
# module reports, asked in Node, so the two cannot differ.
PKG_FILES=(sigv4.js sigv4.wasm sigv4.d.ts sigv4-explainer.js upload-enhancer.js)

# make_package STAGE OUT writes the package from the staged build (before
# hash_names replaces the explainer by its loader) into OUT.
make_package() {
	local stage=$1 out=$2 f version
	mkdir -p "$out"
	for f in "${PKG_FILES[@]}"; do cp "$stage/$f" "$out/"; done
	cp "$SRC/npm/README.md" "$out/README.md"
	cp LICENSE "$out/LICENSE"
	version=$(cd "$out" && node --input-type=module -e 'const { load } = await import("./sigv4.js"); console.log((await load()).version)') ||
		die "the packaged module does not load in Node (load() with no argument)"
	grep -qF '"version": "0.0.0-dev"' "$SRC/npm/package.json" || die "$SRC/npm/package.json: no \"version\": \"0.0.0-dev\" to stamp"
	sed "s#\"version\": \"0\.0\.0-dev\"#\"version\": \"$version\"#" "$SRC/npm/package.json" >"$out/package.json"
	note "sigv4kit $version: ${PKG_FILES[*]} package.json README.md LICENSE"
}

# ---- Build -------------------------------------------------------------------

# optimize_wasm runs wasm-opt on the file when it is installed, and keeps the
# result only if it is smaller and still valid. The result is cached by the
# input's hash: -trimpath builds are reproducible, and -Oz takes seconds.
optimize_wasm() {
	local in=$1
	if ! have wasm-opt; then
		note "wasm-opt: not installed (apt-get install binaryen); sigv4.wasm not optimized"
		return
	fi
	local hash out
	hash=$(sha256sum "$in" | cut -c1-64)
	out=$CACHE/wasm-opt/$hash.wasm
	mkdir -p "$CACHE/wasm-opt"
	if [[ ! -s $out ]]; then
		if ! wasm-opt "${WASM_OPT_FLAGS[@]}" "$in" -o "$out.tmp" 2>"$CACHE/wasm-opt/last.log"; then
			cat "$CACHE/wasm-opt/last.log" >&2
			rm -f "$out.tmp"
			warn "wasm-opt failed; keeping the unoptimized sigv4.wasm"
			return
		fi
		# Validate twice: binaryen reads back its output, and node's engine
		# (V8, as in Chromium) must accept it.
		if ! wasm-opt "${WASM_OPT_FLAGS[@]:1}" "$out.tmp" 2>>"$CACHE/wasm-opt/last.log" ||
			! node -e 'process.exit(WebAssembly.validate(require("fs").readFileSync(process.argv[1])) ? 0 : 1)' "$out.tmp"; then
			rm -f "$out.tmp"
			warn "wasm-opt output does not validate; keeping the unoptimized sigv4.wasm"
			return
		fi
		mv "$out.tmp" "$out"
	fi
	local before after
	before=$(stat -c %s "$in")
	after=$(stat -c %s "$out")
	if ((after < before)); then
		cp "$out" "$in"
		note "wasm-opt $(wasm-opt --version | awk '{print $3}'): used, $before -> $after bytes"
	else
		note "wasm-opt: not used, output not smaller ($before -> $after bytes)"
	fi
}

# compress_one writes FILE.br and FILE.gz, from a cache keyed by content.
compress_one() {
	set -euo pipefail # it runs in a fresh bash under xargs
	local f=$1 hash c
	hash=$(sha256sum "$f" | cut -c1-64)
	for c in br gz; do
		local cached=$CACHE/compress/$hash.$c
		if [[ ! -s $cached ]]; then
			case $c in
			br) brotli -q 11 -c "$f" >"$cached.$$" ;;
			gz) gzip -9 -n -c "$f" >"$cached.$$" ;;
			esac
			mv "$cached.$$" "$cached"
		fi
		cp "$cached" "$f.$c" # written after FILE, so never older than it
	done
}
export -f compress_one
export CACHE

precompress() {
	local dir=$1 args=() ext
	for ext in "${COMPRESS_EXTS[@]}"; do args+=(-o -name "*.$ext"); done
	mkdir -p "$CACHE/compress"
	find "$dir" -type f \( "${args[@]:1}" \) -print0 |
		xargs -0 -r -n1 -P "$(nproc)" bash -c 'compress_one "$1"' _
}

# size_table prints the sizes of the files the page loads to sign: the
# content-hashed module and wasm.
size_table() {
	local dir=$1 f raw gz br total_raw=0 total_gz=0 total_br=0
	printf '    %-24s %12s %12s %12s\n' "" raw gzip brotli
	for f in "${HASHED[sigv4.wasm]}" "${HASHED[sigv4.js]}"; do
		raw=$(stat -c %s "$dir/$f")
		gz=$(stat -c %s "$dir/$f.gz")
		br=$(stat -c %s "$dir/$f.br")
		printf '    %-24s %12s %12s %12s\n' "$f" "$raw" "$gz" "$br"
		total_raw=$((total_raw + raw))
		total_gz=$((total_gz + gz))
		total_br=$((total_br + br))
	done
	printf '    %-24s %12s %12s %12s\n' "sum" "$total_raw" "$total_gz" "$total_br"
	printf '    %-24s %11sK %11sK %11sK\n' "sum (KiB)" $((total_raw / 1024)) $((total_gz / 1024)) $((total_br / 1024))
	local goal=$((650 * 1024))
	if ((total_br <= goal)); then
		note "transfer size goal (brotli, wasm + js <= 650 KiB): met, $((total_br / 1024)) KiB"
	else
		warn "transfer size goal (brotli, wasm + js <= 650 KiB): missed, $((total_br / 1024)) KiB"
	fi
}

# ---- Content-hashed names ----------------------------------------------------
#
# Every file the page loads gets a copy named NAME.HASH.EXT, HASH the first
# HASH_LEN hex digits of the SHA-256 of the copy's bytes, so a host can cache
# it for good (internal/webserver checks the hash before it says immutable).
# A copy's references are rewritten to hashed names before it is hashed, so a
# change below a file changes its name too: the wasm, then the module that
# fetches it, then the page's script and the explainer that import the module.
#
# index.html, demo.html and sw.js keep their names (revalidated) and name only
# hashed files; sw.js also carries a hash of the whole build, so each build is
# a new service worker with a cache of its own. The names people and code
# write by hand keep working, revalidated: sigv4.js and sigv4.wasm (a
# self-contained pair for import and load() by name, Node and bundlers),
# upload-enhancer.js (no dependencies, copied next to a form as one file), and
# sigv4-explainer.js, which becomes a one-line loader of its hashed copy: an
# embedding page revalidates a few bytes and caches the rest for good.
HASH_LEN=12
declare -A HASHED=() # name -> content-hashed name, filled by hash_names

# hash_copy DIR NAME [OLD NEW]... writes the content-hashed copy of DIR/NAME
# with each module reference "./OLD" replaced by "./NEW" (each must occur),
# and records its name in HASHED[NAME].
hash_copy() {
	local dir=$1 name=$2 tmp=$1/$2.tmp hash
	shift 2
	cp "$dir/$name" "$tmp"
	while (($#)); do
		grep -qF "\"./$1\"" "$tmp" || die "$name: no reference \"./$1\" to point at its hashed name"
		sed -i "s#\"\./${1//./\\.}\"#\"./$2\"#g" "$tmp"
		shift 2
	done
	hash=$(sha256sum "$tmp" | cut -c1-"$HASH_LEN")
	HASHED[$name]=${name%.*}.$hash.${name##*.}
	mv "$tmp" "$dir/${HASHED[$name]}"
}

# hash_names gives the staged build in DIR its content-hashed names (see above).
hash_names() {
	local dir=$1 name f build
	hash_copy "$dir" sigv4.wasm
	hash_copy "$dir" sigv4.js sigv4.wasm "${HASHED[sigv4.wasm]}"
	hash_copy "$dir" app.js sigv4.js "${HASHED[sigv4.js]}"
	hash_copy "$dir" sigv4-explainer.js sigv4.js "${HASHED[sigv4.js]}"
	hash_copy "$dir" upload-enhancer.js
	hash_copy "$dir" app.css
	rm "$dir/app.js" "$dir/app.css" # only the page loads them, by their hashed names
	printf '// sigv4-explainer.js: loads the build of the widget, whose name changes with its content.\nimport "./%s";\n' \
		"${HASHED[sigv4-explainer.js]}" >"$dir/sigv4-explainer.js"
	for name in $(printf '%s\n' "${!HASHED[@]}" | sort); do
		note "$name -> ${HASHED[$name]}"
		# In the pages, only real <script src> and <link href> attributes:
		# demo.html also shows the stable names in its code samples.
		for f in "$dir"/*.html; do
			sed -i -E "s#(<(script|link)[^>]*(src|href)=\")${name//./\\.}\"#\1${HASHED[$name]}\"#g" "$f"
		done
		sed -i "s#\"${name//./\\.}\"#\"${HASHED[$name]}\"#g" "$dir/sw.js"
	done
	build=$(cd "$dir" && find . -type f ! -name sw.js -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-"$HASH_LEN")
	grep -qF '"sigv4kit-dev"' "$dir/sw.js" || die "sw.js: no cache name \"sigv4kit-dev\" to stamp with the build's hash"
	sed -i "s#\"sigv4kit-dev\"#\"sigv4kit-$build\"#" "$dir/sw.js"
	note "sw.js: cache sigv4kit-$build"
}

# install_dist moves the staged build into web/dist file by file (a rename
# each, so a server or a test reading web/dist never sees half a file), then
# removes what the build no longer makes.
install_dist() {
	local stage=$1 f
	mkdir -p "$DIST"
	(cd "$stage" && find . -mindepth 1 -type d) | while IFS= read -r f; do mkdir -p "$DIST/$f"; done
	(cd "$stage" && find . -type f | sort) >"$stage.list"
	while IFS= read -r f; do mv -f "$stage/$f" "$DIST/$f"; done <"$stage.list"
	(cd "$DIST" && find . -type f | sort) | comm -13 "$stage.list" - | while IFS= read -r f; do
		rm -f "$DIST/$f"
	done
	find "$DIST" -mindepth 1 -type d -empty -delete
	rm -f "$stage.list"
}

build() {
	local t0=$SECONDS
	mkdir -p "$CACHE"
	# Several people build in one tree: one build at a time.
	exec 9>"$CACHE/build.lock"
	if have flock && ! flock -n 9; then
		note "waiting for another build to finish ($CACHE/build.lock)"
		flock 9
	fi
	step "check sources"
	have brotli || die "brotli not found: run ./build.sh provision (or apt-get install brotli)"
	[[ -d wasm ]] || die "./wasm is missing: the WebAssembly bridge must exist"
	local entry src out need f
	for entry in "${BUNDLES[@]}"; do
		read -r src out need <<<"$entry"
		if [[ $need == required && ! -f $SRC/$src ]]; then die "$SRC/$src is missing"; fi
	done
	for f in "${STATIC_REQUIRED[@]}"; do
		[[ -f $SRC/$f ]] || die "$SRC/$f is missing"
	done
	note "ok"

	local stage
	stage=$(mktemp -d "$CACHE/dist.XXXXXX")
	trap 'rm -rf "'"$stage"'" "'"$stage"'.list" "'"$stage"'.npm"' EXIT

	step "compile ./wasm -> $DIST/sigv4.wasm (GOOS=js GOARCH=wasm, -trimpath -s -w)"
	GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$stage/sigv4.wasm" ./wasm
	note "$(stat -c %s "$stage/sigv4.wasm") bytes"

	step "optimize sigv4.wasm with wasm-opt ${WASM_OPT_FLAGS[*]}"
	optimize_wasm "$stage/sigv4.wasm"

	step "copy wasm_exec.js from the Go installation -> $SRC/gen/wasm_exec.js"
	local goroot wasm_exec
	goroot=$(go env GOROOT)
	wasm_exec=$goroot/lib/wasm/wasm_exec.js
	[[ -f $wasm_exec ]] || wasm_exec=$goroot/misc/wasm/wasm_exec.js
	[[ -f $wasm_exec ]] || die "wasm_exec.js not found in $goroot/lib/wasm or $goroot/misc/wasm"
	mkdir -p "$SRC/gen"
	if ! cmp -s "$wasm_exec" "$SRC/gen/wasm_exec.js"; then
		cp "$wasm_exec" "$SRC/gen/wasm_exec.js.$$"
		mv "$SRC/gen/wasm_exec.js.$$" "$SRC/gen/wasm_exec.js"
	fi
	note "$wasm_exec ($(go env GOVERSION))"

	step "bundle with esbuild (go tool esbuild; the first run compiles it, ~40 s)"
	local entries=()
	for entry in "${BUNDLES[@]}"; do
		read -r src out need <<<"$entry"
		if [[ -f $SRC/$src ]]; then
			entries+=("${out%.js}=$SRC/$src")
			note "$SRC/$src -> $DIST/$out"
		elif [[ $need == required ]]; then
			die "$SRC/$src is missing"
		else
			note "SKIP $SRC/$src: not written yet"
		fi
	done
	# ./sigv4.js stays external in the page and widget bundles: they share the
	# one module file (and its load() singleton) instead of each carrying a
	# copy of the glue and wasm_exec.js. --charset=utf8 keeps the Russian UI
	# text as UTF-8 instead of \u escapes (a third of the i18n bundle).
	go tool esbuild --bundle --format=esm --minify --target=es2020 --log-level=warning \
		--charset=utf8 --external:./sigv4.js --outdir="$stage" "${entries[@]}"

	step "copy static files"
	local glob
	shopt -s nullglob
	for glob in "${STATIC_GLOBS[@]}" "${STATIC_REQUIRED[@]}"; do
		for f in "$SRC"/$glob; do
			cp "$f" "$stage/"
			note "$f"
		done
	done
	shopt -u nullglob

	local pkg_stage=
	if have node; then
		step "npm package -> $PKG (npm pack $PKG makes the tarball)"
		pkg_stage=$stage.npm
		make_package "$stage" "$pkg_stage"
	else
		step "npm package: SKIP, node not found (it asks the built module its version)"
	fi

	step "content-hashed names (the files a host may cache for good)"
	hash_names "$stage"

	step "precompress (brotli -q 11, gzip -9) ${COMPRESS_EXTS[*]}"
	precompress "$stage"

	step "install into $DIST"
	install_dist "$stage"
	rm -rf "$stage"
	if [[ -n $pkg_stage ]]; then
		rm -rf "$PKG"
		mv "$pkg_stage" "$PKG"
	fi
	trap - EXIT
	exec 9>&- # releases the lock

	step "sizes in bytes"
	size_table "$DIST"
	note "built in $(seconds_since "$t0")s"
}

# ---- Tests -------------------------------------------------------------------

RESULTS=()
PASSED=0
FAILED=0
SKIPPED=0

# check runs one test step, times it and records the result. A failure does
# not stop the run: every step runs, and the summary says what failed.
check() {
	local name=$1 t0=$SECONDS rc=0
	shift
	step "test: $name"
	printf '    $ %s\n' "$*"
	"$@" || rc=$?
	if ((rc == 0)); then
		PASSED=$((PASSED + 1))
		RESULTS+=("$(printf 'ok    %5ss  %s' "$(seconds_since "$t0")" "$name")")
	else
		FAILED=$((FAILED + 1))
		RESULTS+=("$(printf 'FAIL  %5ss  %s (exit %s)' "$(seconds_since "$t0")" "$name" "$rc")")
	fi
}

# skip records a step that cannot run. A missing tool (third argument
# "missing") fails the run when CI is set; nothing to test never does.
skip() {
	local name=$1 why=$2 kind=${3:-}
	step "test: $name"
	if [[ -n ${CI:-} && $kind == missing ]]; then
		printf '    MISSING (CI is set, so this fails): %s\n' "$why" >&2
		FAILED=$((FAILED + 1))
		RESULTS+=("$(printf 'FAIL  %5ss  %s: %s' 0 "$name" "$why")")
	else
		printf '    SKIP: %s\n' "$why" >&2
		SKIPPED=$((SKIPPED + 1))
		RESULTS+=("$(printf 'SKIP  %5ss  %s: %s' 0 "$name" "$why")")
	fi
}

# typecheck runs tsc on the module's declarations and the test that uses
# them, with web/test/tsconfig.json when there is one.
typecheck() {
	local cmd=("$CACHE/npm/node_modules/.bin/tsc" --noEmit)
	if [[ -f web/test/tsconfig.json ]]; then
		cmd+=(-p web/test/tsconfig.json)
	else
		cmd+=(--strict --target es2022 --module esnext --moduleResolution bundler --lib es2022,dom
			--typeRoots "$CACHE/npm/node_modules/@types" --types node "$SRC/sigv4.d.ts")
		if [[ -f web/test/types-check.ts ]]; then cmd+=(web/test/types-check.ts); fi
	fi
	printf '    $ %s\n' "${cmd[*]}"
	"${cmd[@]}"
}

# suite_counts reruns the AWS suite and the documented examples verbosely,
# so the run shows how many cases passed (go test ./... hides the output of
# passing tests, and no case may be skipped silently).
suite_counts() {
	local out
	out=$(go test -count=1 -v -run '^(TestAWSSigningSuite|TestDocExample)' ./sigv4) || { printf '%s\n' "$out"; return 1; }
	grep -E 'cases passed' <<<"$out" | sed 's/^ *[a-z_]*\.go:[0-9]*: /    /'
	# One line per documented example: the header examples are subtests.
	printf '    AWS documented examples: %s of 8 passed\n' \
		"$(grep -cE -- '--- PASS: TestDocExample(PresignedGet|SigningKey|PostPolicy|HeaderSigning/)' <<<"$out")"
	if grep -qE -- '--- SKIP' <<<"$out"; then
		echo "    a suite case or example was skipped" >&2
		return 1
	fi
}

# browser_engines runs e2e TestEngines on its own: the page, the widgets, the
# JS contract and uploads to MinIO in Firefox ESR and WebKit (e2e/engines),
# and shows each engine's count, version and time. A missing engine is a
# skip, or a failure when CI is set (the e2e package's missing()).
browser_engines() {
	local out rc=0
	out=$(go test -count=1 -v -run '^TestEngines$' ./e2e 2>&1) || rc=$?
	if ((rc != 0)); then
		printf '%s\n' "$out"
		return "$rc"
	fi
	grep -E '^ +engines_test\.go:[0-9]+: [a-z]+: [0-9]+ of [0-9]+ scenarios passed|SKIP: ' <<<"$out" |
		sed -E 's/^ *[a-z_]*\.go:[0-9]*: /    /'
}

# fuzz runs one fuzz target for FUZZTIME.
fuzz() {
	go test -run='^$' -fuzz="^$1\$" -fuzztime="$FUZZTIME" "$2"
}

fuzz_targets() { # names of the Fuzz functions of ./sigv4, one a line
	local out
	out=$(go test -list '^Fuzz' ./sigv4) || return
	grep -E '^Fuzz[A-Za-z0-9_]*$' <<<"$out" || true
}

run_tests() {
	local t0=$SECONDS
	provision
	build

	# The e2e tests append a line here for each real component they had to
	# skip, because `go test ./...` hides the output of passing packages.
	SIGV4_E2E_REPORT=$(mktemp)
	export SIGV4_E2E_REPORT
	# And a line of counts for each property test (mutations sent, verdicts).
	SIGV4_E2E_COUNTS=$(mktemp)
	export SIGV4_E2E_COUNTS

	# In CI, never report a cached result: the e2e tests talk to real
	# components that the Go test cache knows nothing about.
	local count=()
	if [[ -n ${CI:-} ]]; then count=(-count=1); fi

	check "go vet ./..." go vet ./...
	check "go test ./... (native, with e2e; TestEngines in the next step)" go test "${count[@]}" -timeout=30m -skip '^TestEngines$' ./...
	check "Firefox ESR and WebKit: the page, widgets, contract and uploads (e2e TestEngines)" browser_engines
	check "AWS signing test suite and documented examples (counts)" suite_counts
	check "go test ./sigv4/... ./internal/jsonv ./wasm under wasm in node" \
		env GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./sigv4/... ./internal/jsonv ./wasm
	if [[ -d web/test ]]; then
		check "node --test web/test/" node --test web/test/
	else
		skip "node --test web/test/" "web/test/ does not exist"
	fi
	if [[ -x $CACHE/npm/node_modules/.bin/tsc ]]; then
		check "tsc $TYPESCRIPT_VERSION: $SRC/sigv4.d.ts + web/test/types-check.ts" typecheck
	else
		skip "tsc" "typescript not installed in $CACHE/npm (needs npm; run ./build.sh provision)" missing
	fi
	local names name
	if ! compgen -G 'sigv4/*_test.go' >/dev/null; then
		skip "fuzz ./sigv4" "no test files in ./sigv4 yet"
	elif names=$(fuzz_targets); then
		if [[ -z $names ]]; then
			note "no Fuzz functions in ./sigv4"
		fi
		for name in $names; do
			check "fuzz $name for $FUZZTIME" fuzz "$name" ./sigv4
		done
	else
		check "list fuzz targets of ./sigv4" false
	fi
	# The JSON reader every call's input goes through, against encoding/json.
	check "fuzz internal/jsonv FuzzParse for $FUZZTIME" fuzz FuzzParse ./internal/jsonv

	step "summary ($(seconds_since "$t0")s in all)"
	local r
	for r in "${RESULTS[@]}"; do note "$r"; done
	if [[ -s $SIGV4_E2E_REPORT ]]; then
		printf '\n    Real components skipped by the e2e tests:\n' >&2
		sed 's/^/      SKIPPED: /' "$SIGV4_E2E_REPORT" | sort | uniq -c >&2
	fi
	rm -f "$SIGV4_E2E_REPORT"
	if [[ -s $SIGV4_E2E_COUNTS ]]; then
		printf '\n    Property tests against real components:\n' >&2
		sed 's/^/      /' "$SIGV4_E2E_COUNTS" >&2
	fi
	rm -f "$SIGV4_E2E_COUNTS"
	if [[ -d testout ]]; then note "screenshots and other test output: testout/"; fi
	printf '\ntest: %d passed, %d failed, %d skipped\n' "$PASSED" "$FAILED" "$SKIPPED"
	if ((FAILED > 0)); then exit 1; fi
}

# ---- Main --------------------------------------------------------------------

case ${1:-build} in
build)
	build
	;;
serve)
	shift
	build
	step "serve: go run serve.go $*"
	exec go run serve.go "$@"
	;;
test)
	run_tests
	;;
provision)
	provision
	;;
-h | --help | help)
	sed -n '2,10s/^# \{0,1\}//p' "$0"
	;;
*)
	sed -n '2,10s/^# \{0,1\}//p' "$0" >&2
	die "unknown subcommand: $1"
	;;
esac
