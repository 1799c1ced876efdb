# SPDX-License-Identifier: GPL-2.0
#
# Shapes of legacy ->mmap code that struct vm_area_desc can express in
# one step, recognised by lib/find.cocci and rewritten by
# lib/mmap_prepare.cocci.  A mixin of mmprep_cocci.State: each method is
# given a position in a member function and either marks the VMA use
# there as known (rewritable) or says why it is not.

import re

from flags import flag_bits

# Debug-level prints: dropping an argument changes nothing a user sees
# unless the message is enabled for debugging.
DEBUG_PRINT = re.compile(r"^(pr_devel|pr_debug|dev_dbg|\w+_dbg|\w+_debug)$")
# Prints that may move into an error hook: constant arguments only.
PRINT = re.compile(r"^(pr_(emerg|alert|crit|err|warn|notice|info|debug|"
                   r"devel)|printk)(_ratelimited|_once)?$")
CONV = re.compile(r"%[-+ #0]*(\d+|\*)?(\.(\d+|\*))?(hh|h|ll|l|z|t|j|L)?"
                  r"[diouxXcspneEfgGaA%]")


def drop_conversion(fmt, n):
    """FMT (a C string literal) without its Nth conversion and the text
    that labels it (", flags=0x%lx" -> ""); None when unsure."""
    convs = [m for m in CONV.finditer(fmt) if m.group() != "%%"]
    if n >= len(convs) or "*" in convs[n].group():
        return None
    m = convs[n]
    # a label is "name=", "name:" or a word about flags; "twin %lx"
    # keeps its "twin", which is the message
    label = re.search(r"(,\s*|\s+)?([A-Za-z_.]+\s*[=:]\s*|"
                      r"[A-Za-z_.]*flags\s*)?(0x)?$", fmt[:m.start()])
    cut = label.start() if label else m.start()
    return fmt[:cut] + fmt[m.end():]


def spaced(e):
    """An expression as the kernel writes it: "f(a->b, (A | B))", not
    "f ( a -> b , ( A | B ) )"."""
    e = re.sub(r"\s*(->|\.(?!\.))\s*", r"\1", " ".join(str(e).split()))
    e = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", e))
    return re.sub(r"\s+,", ",", re.sub(r"(\w)\s+\(", r"\1(", e))


def nargs(es):
    """The number of expressions in an SmPL expression list."""
    d, n = 0, 1
    text = re.sub(r'"(\\.|[^"\\])*"', '""', str(es))
    if not text.strip():
        return 0
    for c in text:
        d += {"(": 1, ")": -1, "[": 1, "]": -1, "{": 1, "}": -1}.get(c, 0)
        n += c == "," and d == 0
    return n


def constant_args(call):
    """Does the call text pass only literals and constants?"""
    inner = call[call.index("(") + 1:call.rindex(")")]
    inner = re.sub(r'"(\\.|[^"\\])*"', "", inner)
    return all(re.fullmatch(r"\s*([A-Z0-9_]+|__func__|[0-9x]+[uUlL]*)?\s*",
                            a) for a in inner.split(","))


class Shapes:
    def flag_cmp(self, p, v, f, e):
        """(vma->vm_flags & F) == E, != E: rewritable when E is 0 (any of
        the bits) or F itself (all of them)."""
        self.at(p[0].file)
        if cmp_kind(f, e):
            self.know(p, v)
        else:
            self.veto(p, "compares vm_flags & %s with %s; the descriptor "
                      "tests whether any or all of the bits are set" % (
                          spaced(f), spaced(e)))

    def dbg_flags(self, p, v, pr, fmt, n):
        """vma->vm_flags, last argument of a debug print: vm_area_desc
        keeps its flags in a bitmap, so the print drops it."""
        self.at(p[0].file)
        if not DEBUG_PRINT.match(str(pr)) or \
                drop_conversion(str(fmt), int(n)) is None:
            self.why(p, "prints vm_flags with %s(), which struct "
                     "vm_area_desc keeps as a bitmap" % pr)
            return
        self.know(p, v)

    def generic(self, p, v, f, g):
        """return generic_file_mmap(file, vma): the same on the
        descriptor, when FILE is the file being mapped."""
        self.at(p[0].file)
        fn = p[0].current_element
        if str(f) != self.fileparam.get(fn):
            self.why(p, "calls %s() on %s, not on the file being mapped"
                     % (g, f))
            return
        self.know(p, v)

    def iomap(self, p, v):
        """return vm_iomap_memory(vma, start, len): its checks on the
        descriptor and mmap_action_ioremap_full() (category
        iomap_memory)."""
        self.at(p[0].file)
        if not self.allows("iomap"):
            self.why(p, "vm_iomap_memory() [iomap_memory]: the range checks "
                     "and the I/O remap it does go to a descriptor helper: "
                     "use iomap_memory.cocci")
            return
        self.know(p, v)
        self.need(p)
        self.hook(p, "iomap", None)

    def field_reason(self, p, fld):
        """Why a use of vma->FLD that no shape took blocks."""
        self.at(p[0].file)
        fld = str(fld)
        if fld == "vm_flags":
            why = ("uses vma->vm_flags other than to set, clear or test a "
                   "constant mask, which is all the descriptor's "
                   "vma_flags helpers do")
        elif fld == "vm_mm":
            why = ("uses vma->vm_mm; the descriptor's mm is const, and the "
                   "mapping is not in it yet")
        else:
            why = "uses vma->%s, which struct vm_area_desc does not have" % fld
        self.why(p, why)

    def iomap_ignored(self, p):
        """vm_iomap_memory() as a statement (hwtracing/stm): its errors
        were ignored, an action's would fail the mmap."""
        self.at(p[0].file)
        self.veto(p, "ignores what vm_iomap_memory() returns; as an action "
                  "its errors would fail the mmap")

    def error_print(self, p, call):
        """A print before "return -E..." after a failed remap: it moves
        into the error hook when its arguments are constants."""
        if not PRINT.match(str(call).split("(")[0].strip()) or \
                not constant_args(str(call)):
            self.why(p, "runs %s when the remap fails, which an error hook "
                     "cannot do" % spaced(call))
            return False
        return True

    def tail_ok(self, p, r):
        """Between the remap's error return and the "return 0" at R only
        debug prints may run: the remap now happens after the hook
        returns, so nothing there may depend on it or fail."""
        self.at(p[0].file)
        with open(p[0].file, errors="replace") as f:
            lines = f.read().split("\n")[int(p[0].line):int(r[0].line) - 1]
        text = "\n".join(lines)
        # skip the rest of the remap call and its error return
        m = re.search(r"\breturn\b[^;]*;\s*(\}\s*)?", text)
        rest = text[m.end():] if m else text
        rest = re.sub(r"/\*.*?\*/", "", rest, flags=re.S)
        for stmt in [x.strip() for x in rest.split(";") if x.strip()]:
            name = stmt.split("(")[0].strip()
            if not (DEBUG_PRINT.match(name) or PRINT.match(name)):
                self.why(p, "runs \"%s\" after the remap, which would now "
                         "run before it" % " ".join(stmt.split()))
                return False
        return True

    # Hooks the core runs once the VMA exists, and the vm_iomap_memory()
    # helper; lib/mmap_prepare.cocci inserts each before the definition
    # that uses it (not before an #else stub of the same name).
    def hook(self, p, kind, ret, msg=None):
        if msg:
            msg = re.sub(r"\s*\(\s*", "(", spaced(msg), count=1)
        self.hooks[(p[0].current_element, kind)] = (
            re.sub(r"^-\s+", "-", str(ret).strip()), msg)

    def wants_hook(self, f, kind, msg=None):
        """Is a KIND hook needed for F?  MSG: only those with (True) or
        without (False) a print."""
        self.decide()
        h = self.hooks.get((str(f), kind))
        if str(f) not in self.converting or h is None:
            return False
        return msg is None or bool(h[1]) == msg

    def hook_code(self, f, kind):
        return self.hooks[(str(f), kind)][0]

    def hook_msg(self, f, kind):
        return self.hooks[(str(f), kind)][1]

    def hook_name(self, f, kind):
        return "%s_%s" % (f, {"error": "filter_error", "success": "success",
                              "iomap": "iomap"}[kind])


def cmp_kind(f, e):
    """How (vm_flags & F) compared with E reads on the descriptor: "zero"
    (E is 0: any of the bits), "one" (E is F, one bit: that bit), "all"
    (E is F, several bits: all of them), or None."""
    norm = lambda x: re.sub(r"[()\s]", "", str(x))
    if not flag_bits(f):
        return None
    if norm(e) == "0":
        return "zero"
    if norm(e) == norm(f):
        return "all" if "," in flag_bits(f) else "one"
    return None
