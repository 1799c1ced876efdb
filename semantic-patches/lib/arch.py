# SPDX-License-Identifier: GPL-2.0
#
# arch.py KDIR FILE...: the architecture each FILE is built for, one line
# each: "FILE ARCH".  mmprep-verify compiles a patch there.
# arch.py --llvm KDIR ARCH: exit 0 when the tree documents LLVM=1 builds
# of ARCH (Documentation/kbuild/llvm.rst).
#
# A file under arch/<a>/ is built for <a>.  Any other file is built when
# the config symbols of its Makefiles are set (obj-$(CONFIG_X) += f.o, a
# composite object, the directories above it); each symbol can be set on
# the architectures its Kconfig "depends on" (and enclosing if/menu
# blocks) allow.  A symbol defined in arch/<a>/Kconfig, or in a file that
# it sources, exists on <a> only; COMPILE_TEST, or a symbol the tree does
# not define, is possible everywhere.  x86 (allmodconfig there has
# COMPILE_TEST) when it is possible, else the first of PREFERRED.

import os
import re
import sys

ALL = None		# any architecture
PREFERRED = ("arm64", "arm", "powerpc", "riscv", "s390", "mips", "sparc",
             "loongarch", "arc")


def meet(a, b):
    if a is ALL:
        return b
    if b is ALL:
        return a
    return a & b


def join(a, b):
    if a is ALL or b is ALL:
        return ALL
    return a | b


class Kconfig:
    def __init__(self, kdir):
        self.kdir = kdir
        self.arches = sorted(d for d in os.listdir(os.path.join(kdir, "arch"))
                             if os.path.isfile(os.path.join(kdir, "arch", d,
                                                            "Kconfig")))
        self.defs = {}		# symbol -> [(arch or None, [dep exprs])]
        self.memo = {}
        self.read("Kconfig", None, [], set())

    def read(self, rel, arch, ctx, seen):
        path = os.path.join(self.kdir, rel)
        if (rel, arch) in seen or not os.path.isfile(path):
            return
        seen.add((rel, arch))
        with open(path, errors="replace") as f:
            text = re.sub(r"\\\n", " ", f.read())
        stack = list(ctx)	# dependencies of the enclosing blocks
        marks = []		# stack sizes at each if/menu/choice
        cur = None		# the deps list of the config being read
        block = None		# menu/choice whose "depends on" follows
        for line in text.split("\n"):
            s = line.split("#")[0].strip()
            words = s.split(None, 1)
            if not words:
                continue
            kw, rest = words[0], words[1] if len(words) > 1 else ""
            if kw in ("config", "menuconfig"):
                cur = list(stack)
                self.defs.setdefault(rest.strip(), []).append((arch, cur))
                block = None
            elif kw in ("menu", "choice", "if"):
                marks.append(len(stack))
                cur, block = None, kw
                if kw == "if":
                    stack.append(rest)
            elif kw in ("endmenu", "endchoice", "endif"):
                if marks:
                    del stack[marks.pop():]
                cur = block = None
            elif kw == "depends" and rest.startswith("on "):
                if cur is not None:
                    cur.append(rest[3:])
                elif block in ("menu", "choice"):
                    stack.append(rest[3:])
            elif kw in ("source", "rsource", "osource", "orsource"):
                cur = block = None
                m = re.search(r'"([^"]+)"', rest)
                if not m:
                    continue
                src = m.group(1)
                if kw.startswith(("rsource", "orsource")):
                    src = os.path.join(os.path.dirname(rel), src)
                if "$(SRCARCH)" in src:
                    for a in self.arches:
                        self.read(src.replace("$(SRCARCH)", a), a, stack,
                                  seen)
                elif "$" not in src:
                    self.read(src, arch, stack, seen)
            elif kw in ("comment", "mainmenu"):
                cur, block = None, kw

    def possible(self, sym, depth=0):
        """The architectures on which SYM can be set (ALL: any)."""
        if sym in ("COMPILE_TEST", "y", "m") or depth > 8:
            return ALL
        if sym in self.memo:
            return self.memo[sym]
        self.memo[sym] = ALL	# a cycle means anything
        defs = self.defs.get(sym)
        out = ALL if not defs else set()
        for arch, deps in defs or ():
            got = ALL if arch is None else {arch}
            for d in deps:
                got = meet(got, self.expr(d, depth + 1))
            out = join(out, got)
        self.memo[sym] = out
        return out

    def expr(self, text, depth):
        toks = re.findall(r"&&|\|\||!=|[!()=]|\"[^\"]*\"|[A-Za-z0-9_]+", text)
        pos = [0]

        def peek():
            return toks[pos[0]] if pos[0] < len(toks) else None

        def take():
            pos[0] += 1
            return toks[pos[0] - 1]

        def prim():
            t = take() if peek() else None
            if t == "!":
                prim()
                return ALL	# "not X" restricts nothing we track
            if t == "(":
                v = disj()
                if peek() == ")":
                    take()
                return v
            if peek() in ("=", "!="):
                op = take()
                val = take() if peek() else "y"
                return ALL if op == "!=" or val.strip('"') == "n" else \
                    self.possible(t, depth)
            return self.possible(t, depth) if t and t[0].isalpha() else ALL

        def conj():
            v = prim()
            while peek() == "&&":
                take()
                v = meet(v, prim())
            return v

        def disj():
            v = conj()
            while peek() == "||":
                take()
                v = join(v, conj())
            return v

        try:
            return disj()
        except IndexError:
            return ALL


def makefile_syms(kdir, rel):
    """The config symbols that gate FILE (relative path) in Kbuild."""
    syms = []
    d, target = os.path.dirname(rel), os.path.basename(rel)[:-2] + ".o"
    while d:
        text = ""
        for name in ("Makefile", "Kbuild"):
            p = os.path.join(kdir, d, name)
            if os.path.isfile(p):
                with open(p, errors="replace") as f:
                    text += re.sub(r"\\\n", " ", f.read()) + "\n"
        todo, seen = [target], set()
        while todo:
            obj = todo.pop()
            if obj in seen:
                continue
            seen.add(obj)
            for m in re.finditer(r"^\s*([\w-]+?)-(y|objs|\$\(CONFIG_(\w+)\))"
                                 r"\s*[:+]?=(.*)$", text, re.M):
                if obj not in m.group(4).split():
                    continue
                if m.group(3):
                    syms.append(m.group(3))
                if m.group(1) not in ("obj", "lib"):
                    todo.append(m.group(1) + ".o")
        target = os.path.basename(d) + "/"
        d = os.path.dirname(d)
    return syms


def arch_of(kdir, rel, kc=None):
    m = re.match(r"arch/([^/]+)/", rel)
    if m:
        return m.group(1)
    kc = kc or Kconfig(kdir)
    got = ALL
    for sym in makefile_syms(kdir, rel):
        got = meet(got, kc.possible(sym))
    if got is ALL or "x86" in got or not got:
        return "x86"
    return next((a for a in PREFERRED if a in got), sorted(got)[0])


def llvm_builds(kdir, arch):
    """Does the tree's Documentation/kbuild/llvm.rst say LLVM=1 builds
    ARCH?  (sparc, for one, wants CC=clang LLVM_IAS=0 and LLVM >= 20.)"""
    try:
        with open(os.path.join(kdir, "Documentation/kbuild/llvm.rst")) as f:
            text = f.read()
    except OSError:
        return False
    m = re.search(r"^\s*\* - %s\b[^\n]*\n\s*- [^\n]*\n\s*- ([^\n]*)"
                  % re.escape(arch), text, re.M)
    return bool(m) and m.group(1).strip().startswith("``LLVM=1``")


def main(argv):
    if len(argv) == 4 and argv[1] == "--llvm":
        return 0 if llvm_builds(argv[2], argv[3]) else 1
    if len(argv) < 3:
        sys.stderr.write("usage: arch.py KDIR FILE... | --llvm KDIR ARCH\n")
        return 2
    kc = None
    for rel in argv[2:]:
        if not rel.startswith("arch/") and kc is None:
            kc = Kconfig(argv[1])
        print(rel, arch_of(argv[1], rel, kc))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
