#!/usr/bin/env python3
"""Estimates what each Go package of a wasm binary costs after brotli.

Usage: wasm-brotli.py FILE.wasm [MIN_BYTES [TOP]]   (an unstripped build: the
name section gives each function its package, as scripts/wasm-sizes.py does)

With TOP, it also lists the TOP largest functions of our own packages
(github.com/sigv4kit/sigv4kit/... and main, the bridge).

Brotli cannot be split by package exactly: a package's code compresses
better next to similar code. So for each package (with at least MIN_BYTES,
default 1024, of function bodies; the rest are pooled) this compresses the
package's function bodies alone, in their order in the binary, with
brotli -q 11 ("alone"), then scales every "alone" figure by one factor so that
they add up to the brotli size of the whole code section compressed at once
("share"). The share is an estimate of the transfer bytes the package's code
costs; the data segments (runtime.pclntab with every function's name and
line tables, type descriptors, string constants) are not attributed and are
shown as one line.
"""
import subprocess
import sys
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def sections(b):
    """Yields (id, start, end, bytes) of each section."""
    i = 8
    while i < len(b):
        sid = b[i]
        i += 1
        size, i = leb(b, i)
        yield sid, i, i + size
        i += size


def parse(b):
    imported = 0
    bodies = []  # bytes of each function body, in order
    names = {}
    data = b""
    for sid, i, end in sections(b):
        if sid == 2:  # imports: function imports shift the function indices
            n, j = leb(b, i)
            for _ in range(n):
                l, j = leb(b, j)
                j += l
                l, j = leb(b, j)
                j += l
                kind = b[j]
                j += 1
                if kind == 0:
                    _, j = leb(b, j)
                    imported += 1
                elif kind == 1:
                    j += 1
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 2:
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:
            n, j = leb(b, i)
            for _ in range(n):
                l, j = leb(b, j)
                bodies.append(b[j : j + l])
                j += l
        elif sid == 11:
            data = b[i:end]
        elif sid == 0:
            l, j = leb(b, i)
            if b[j : j + l] == b"name":
                j += l
                while j < end:
                    sub = b[j]
                    j += 1
                    sl, j = leb(b, j)
                    se = j + sl
                    if sub == 1:
                        n, k = leb(b, j)
                        for _ in range(n):
                            idx, k = leb(b, k)
                            l, k = leb(b, k)
                            names[idx] = b[k : k + l].decode("utf-8", "replace")
                            k += l
                    j = se
    return imported, bodies, names, data


def package(name):
    # The same rule as scripts/wasm-sizes.py: path/to/pkg.Func, pkg.(*T).M.
    slash = name.rfind("/")
    dot = name.find(".", slash + 1)
    return name[:dot] if dot > 0 else name


def brotli(data):
    if not data:
        return 0
    return len(subprocess.run(["brotli", "-q", "11", "-c"], input=data, stdout=subprocess.PIPE, check=True).stdout)


def main():
    path = sys.argv[1]
    min_bytes = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
    b = open(path, "rb").read()
    imported, bodies, names, data = parse(b)
    if not names:
        sys.exit(f"{path} has no name section: build it without -ldflags=-s")
    per = OrderedDict()
    for k, body in enumerate(bodies):
        per.setdefault(package(names.get(k + imported, "?")), []).append(body)
    groups = OrderedDict()
    for pkg, bs in per.items():
        raw = sum(len(x) for x in bs)
        key = pkg if raw >= min_bytes else f"(packages under {min_bytes} bytes)"
        g = groups.setdefault(key, {"bodies": [], "funcs": 0, "pkgs": 0})
        g["bodies"] += bs
        g["funcs"] += len(bs)
        g["pkgs"] += 1
    code = b"".join(bodies)
    jobs = {k: b"".join(g["bodies"]) for k, g in groups.items()}
    with ThreadPoolExecutor(max_workers=2) as ex:
        whole = ex.submit(brotli, code)
        whole_data = ex.submit(brotli, data)
        alone = {k: ex.submit(brotli, v) for k, v in jobs.items()}
        whole, whole_data = whole.result(), whole_data.result()
        alone = {k: f.result() for k, f in alone.items()}
    factor = whole / sum(alone.values())
    rows = sorted(groups, key=lambda k: -len(jobs[k]))
    print(f"{'package':44} {'funcs':>6} {'code raw':>10} {'br alone':>9} {'br share':>9} {'% of br':>8}")
    for k in rows:
        g = groups[k]
        label = k if g["pkgs"] == 1 else f"{k} ({g['pkgs']})"
        share = alone[k] * factor
        print(f"{label:44} {g['funcs']:6} {len(jobs[k]):10,} {alone[k]:9,} {share:9,.0f} {100 * share / (whole + whole_data):7.1f}%")
    print(f"{'(all code, compressed at once)':44} {len(bodies):6} {len(code):10,} {sum(alone.values()):9,} {whole:9,} {100 * whole / (whole + whole_data):7.1f}%")
    print(f"{'(data segments, not attributed)':44} {'':6} {len(data):10,} {'':9} {whole_data:9,} {100 * whole_data / (whole + whole_data):7.1f}%")
    print(f"scale factor alone -> share: {factor:.3f} (code compresses better as a whole than package by package)")
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    if top:
        ours = [(len(body), names.get(k + imported, "?")) for k, body in enumerate(bodies)]
        ours = sorted((x for x in ours if package(x[1]) == "main" or x[1].startswith("github.com/sigv4kit/sigv4kit/")), reverse=True)
        print(f"\nlargest functions of our packages (code raw bytes, of {sum(n for n, _ in ours):,} in all):")
        for n, name in ours[:top]:
            print(f"  {n:8,}  {name}")


if __name__ == "__main__":
    main()
