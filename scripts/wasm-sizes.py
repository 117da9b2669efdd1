#!/usr/bin/env python3
"""Breaks a Go wasm binary's code and data down by Go package.

Usage: wasm-sizes.py FILE.wasm (built without -s so the name section is kept).
Prints bytes of function bodies per package, largest first: the cost of each
import, before compression.
"""
import sys
from collections import defaultdict

def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1
        r |= (x & 0x7f) << s; s += 7
        if x < 0x80:
            return r, i

def main(path):
    b = open(path, 'rb').read()
    i = 8
    imported = 0
    bodies = []
    names = {}
    data_total = 0
    while i < len(b):
        sid = b[i]; i += 1
        size, i = leb(b, i)
        end = i + size
        if sid == 2:  # imports: count function imports (they shift indices)
            n, j = leb(b, i)
            for _ in range(n):
                l, j = leb(b, j); j += l
                l, j = leb(b, j); j += l
                kind = b[j]; j += 1
                if kind == 0:
                    _, j = leb(b, j); imported += 1
                elif kind == 1:
                    j += 1; flags, j = leb(b, j); _, j = leb(b, j)
                    if flags & 1: _, j = leb(b, j)
                elif kind == 2:
                    flags, j = leb(b, j); _, j = leb(b, j)
                    if flags & 1: _, j = leb(b, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:
            n, j = leb(b, i)
            for _ in range(n):
                l, j = leb(b, j)
                bodies.append(l); j += l
        elif sid == 11:
            data_total += size
        elif sid == 0:
            l, j = leb(b, i)
            nm = b[j:j+l].decode(); j += l
            if nm == 'name':
                while j < end:
                    sub = b[j]; j += 1
                    sl, j = leb(b, j); se = j + sl
                    if sub == 1:
                        n, k = leb(b, j)
                        for _ in range(n):
                            idx, k = leb(b, k)
                            l, k = leb(b, k)
                            names[idx] = b[k:k+l].decode('utf-8', 'replace'); k += l
                    j = se
        i = end
    per = defaultdict(int)
    for k, sz in enumerate(bodies):
        name = names.get(k + imported, '?')
        pkg = name
        # Go symbol: path/to/pkg.Func or path/to/pkg.(*T).M
        slash = pkg.rfind('/')
        dot = pkg.find('.', slash + 1)
        if dot > 0:
            pkg = pkg[:dot]
        per[pkg] += sz
    total = sum(bodies)
    print(f"{'package':40} {'code bytes':>12}")
    for pkg, sz in sorted(per.items(), key=lambda x: -x[1])[:int(sys.argv[2]) if len(sys.argv) > 2 else 40]:
        print(f"{pkg:40} {sz:12,}")
    print(f"{'(all code)':40} {total:12,}")
    print(f"{'(data segments)':40} {data_total:12,}")

if __name__ == '__main__':
    main(sys.argv[1])
