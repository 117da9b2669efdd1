# deps.sh: sourced by run-node.sh and run-chromium.sh. ensure_deps installs
# the compared packages, pinned in package.json and package-lock.json, into
# bench/js/node_modules (git-ignored) when any is missing or at another
# version. They are only benchmarked against, never shipped.
ensure_deps() {
	local want
	want=$(node -e '
		const fs = require("fs");
		const deps = require("./package.json").dependencies;
		const bad = Object.entries(deps).filter(([n, v]) => {
			try { return JSON.parse(fs.readFileSync(`node_modules/${n}/package.json`, "utf8")).version !== v; }
			catch { return true; }
		});
		console.log(bad.map(([n, v]) => `${n}@${v}`).join(" "));
	')
	if [[ -z $want ]]; then
		echo "==> compared packages: installed (bench/js/node_modules)"
		return
	fi
	echo "==> npm ci in bench/js (missing or other version: $want)"
	npm ci --no-audit --no-fund --loglevel=error
}
