# SPDX-License-Identifier: GPL-2.0
#
# check.py ORIG NEW: did a semantic patch convert NEW completely?  spatch
# applies each rewrite where it matches; in a function it cannot match
# everywhere (#ifdef blocks inside the body, say), some rewrites land and
# others do not.  Prints one line per callback left half converted, as
# report mode would ("WARNING: fn() stays on the late KSM path: ..."),
# and exits 1 when there is one; mmprep-patches then keeps the file as it
# was.
#
# Complete means, for each function renamed fn -> fn_prepare and each
# helper that now takes a struct vm_area_desc: its old VMA parameter is
# gone from its body, its old struct file parameter is declared from
# desc->file if it is still used, and every hook or helper it names
# (error_hook, success_hook, fn_iomap()) is defined in the file.

import re
import sys

HEAD = re.compile(r"^(?:static\s+)?(?:inline\s+)?int\s+(\w+)\(([^)]*)\)\s*\{",
                  re.M)


def bodies(text):
    """{name: (parameters, body)} of the functions of TEXT; a name
    defined twice (#if/#else) keeps both bodies."""
    out = {}
    for m in HEAD.finditer(text):
        i, depth = m.end(), 1
        while depth and i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        out.setdefault(m.group(1), []).append((m.group(2),
                                                text[m.end():i]))
    return out


def param(params, kind):
    m = re.search(r"struct\s+%s\s*\*\s*(\w+)" % kind, params)
    return m.group(1) if m else None


def uses(body, name):
    code = re.sub(r'/\*.*?\*/|//[^\n]*|"(\\.|[^"\\])*"', "", body, flags=re.S)
    return re.search(r"(?<![\w.>])%s\b" % re.escape(name), code) is not None


def problems(orig, new):
    old, now = bodies(orig), bodies(new)
    out = []
    for name, defs in now.items():
        base = name[:-len("_prepare")] if name.endswith("_prepare") else name
        if base not in old or not any("vm_area_desc" in p for p, _ in defs):
            continue
        vmas = {param(p, "vm_area_struct") for p, _ in old[base]} - {None}
        files = {param(p, "file") for p, _ in old[base]} - {None}
        for params, body in defs:
            if "vm_area_desc" not in params:
                continue
            for v in vmas:
                if uses(body, v):
                    out.append((base, "its VMA, %s, is still used" % v))
            for f in files:
                if uses(body, f) and not re.search(
                        r"struct\s+file\s*\*\s*%s\s*=\s*desc->file" % f, body):
                    out.append((base, "%s is used but not taken from "
                                "desc->file" % f))
            for h in re.findall(r"action\.\w+_hook\s*=\s*(\w+)|"
                                r"return\s+(\w+_iomap)\(desc", body):
                h = h[0] or h[1]
                if h not in now:
                    out.append((base, "%s() is used but not defined" % h))
    return out


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: check.py ORIG NEW\n")
        return 2
    with open(argv[1], errors="replace") as f:
        orig = f.read()
    with open(argv[2], errors="replace") as f:
        new = f.read()
    bad = problems(orig, new)
    for fn, why in bad:
        print("WARNING: %s() stays on the late KSM path: the semantic patch "
              "could not convert it completely (%s)" % (fn, why))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
