# SPDX-License-Identifier: GPL-2.0
#
# Python side of mmprep's semantic patches, shared by every .cocci in
# semantic-patches/ through "#include" of lib/*.cocci.  Keeps the state of
# one spatch run: which callbacks are blocked and why, which positions use
# the VMA in a way the descriptor can express, and the API names of the
# tree (semantic-patches/api.tsv).

import os
import re

from entries import load_categories
from flags import flag_bits		# noqa: F401 (for the .cocci)
from shapes import Shapes

HERE = os.path.dirname(os.path.abspath(__file__))

# What each patch category may rewrite, and what it must find.
CATEGORIES = {
    "descriptor_only": {"allows": set(), "needs": None},
    "whole_vma_remap": {"allows": {"remap"},
                        "needs": "no remap_pfn_range() or "
                                 "io_remap_pfn_range() of the whole VMA"},
    "iomap_memory": {"allows": {"remap", "iomap"},
                     "needs": "no vm_iomap_memory() of the VMA as its "
                              "return value"},
    # Converts nothing: says why, call by call.
    "report_only": {"allows": set(), "needs": None, "converts": False},
}

REMAPS = ("remap_pfn_range", "io_remap_pfn_range")

# Calls that take something a later call gives back, and calls that give
# it back, by the kernel's naming habits (kref_get/kref_put,
# atomic_inc/atomic_dec, kzalloc/kfree, get_device/put_device, ...).
TAKES = re.compile(r"(^|_)(get|inc|alloc|zalloc|ref|pin|hold|grab|take|"
                   r"add|new|create|start|enable|acquire)(_|$)|^atomic\w*_set$"
                   r"|^k\w*alloc|^v\w*alloc")
RELEASES = re.compile(r"(^|_)(put|dec|free|release|unpin|unref|sub|drop|"
                      r"destroy|del|remove|disable|stop)(_|$)|^kv?free$")


def load_reasons(path=os.path.join(HERE, "..", "categories.tsv")):
    """Report-only rows of categories.tsv: {function: (category, reason)}
    from their "calls~a|b" conditions."""
    out = {}
    for cat, row in load_categories(path).items():
        if row["mode"] != "report":
            continue
        out.setdefault(cat, (cat, row["reason"]))
        for clause in row["when"].split():
            m = re.fullmatch(r"calls~([\w|]+)", clause)
            if m:
                for fn in m.group(1).split("|"):
                    out.setdefault(fn, (cat, row["reason"]))
    return out


def load_api(path=os.path.join(HERE, "..", "api.tsv")):
    """api.tsv as {api: {key: value}}, later generations inheriting."""
    rows = {}
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if cols[0] == "api" or len(cols) < 3:
                continue
            rows.setdefault(cols[0], {})[cols[1]] = cols[2]
    merged, acc = {}, {}
    for api in sorted(rows, key=lambda v: [int(x) for x in v.split(".")]):
        acc = dict(acc)
        acc.update(rows[api])
        merged[api] = acc
    return merged


class State(Shapes):
    """What one spatch run learnt about the file it is working on."""

    def __init__(self):
        self.apis = load_api()
        self.reasons_by_call = load_reasons()
        self.api = os.environ.get("MMPREP_API", "7.0")
        self.mode = "patch"
        self.messages = []
        self.category = "descriptor_only"
        # the callbacks of this category's entries (mmprep-patches);
        # empty: every callback of the file
        self.only = set(os.environ.get("MMPREP_CALLBACKS", "").split())
        self.file = None
        self.reset(None)

    def reset(self, file):
        self.file = file
        self.members = {}	# function -> (callback, {VMA parameters})
        self.known = set()	# positions of VMA uses we can rewrite
        self.reasons = {}	# position -> why it cannot be rewritten
        self.vetoed = set()
        self.uses = []		# (function, VMA, position, line)
        self.blocked = {}	# callback -> reason
        self.hazard = {}	# callbacks blocked by a leak or a race
        self.has = set()	# callbacks holding what the category needs
        self.fullsize = {}	# (function, variable) = whole VMA size
        self.hooks = {}		# (function, line, kind) -> (code, print)
        self.fileparam = {}	# callback -> its struct file parameter
        self.converting = {}	# function -> {VMA parameters}
        self.whole_remaps = set()
        self.decided = False
        self.ops_refs = set()	# the .mmap = fn initializers
        self.tables = {}	# callback -> {file_operations naming it}
        self.openers = set()	# the .open functions of the file
        self.swapped = {}	# table -> (function, line) swapping it in
        self.swappable = None	# (call, line) letting f_op be swapped
        self.releasing = set()	# vm_ops close hooks that release
        self.close_seen = set()	# close hooks whose body was seen
        self.closes = {}	# function -> (vm_ops, close) it stores
        self.taken = {}		# function -> [(line, what it takes)]

    def at(self, file):
        if file != self.file:
            self.reset(file)

    def name(self, key):
        return self.apis[self.api][key]

    def set_api(self, api):
        if api not in self.apis:
            raise SystemExit("mmprep: unknown API generation %s" % api)
        self.api = api

    def allows(self, what):
        return what in CATEGORIES.get(self.category, {}).get("allows", ())

    def add_member(self, file, f, cb, vma):
        """F hands its VMA parameter VMA on for callback CB; a function
        with alternate definitions (#if/#else) may name it differently
        in each."""
        self.at(file)
        if self.only and cb not in self.only:
            return
        self.members.setdefault(f, (cb, set()))[1].add(str(vma))

    def block(self, cb, reason, first=False):
        """CB stays on ->mmap.  The first reason is kept, unless FIRST: a
        hazard of the conversion itself (a leak, a race) says more than
        the first use the descriptor cannot express."""
        if first and cb not in self.hazard:
            self.hazard[cb] = True
            self.blocked[cb] = reason
        else:
            self.blocked.setdefault(cb, reason)

    def helper_ref(self, file, g, where, line):
        self.at(file)
        if g in self.members and where != self.members[g][0]:
            self.block(self.members[g][0], "its helper %s() is also used "
                       "by %s() (line %s), so it cannot take a descriptor"
                       % (g, where, line))

    def member_of(self, p, v):
        f = p[0].current_element
        m = self.members.get(f)
        return m if m and str(v) in m[1] else None

    def know(self, p, v):
        self.at(p[0].file)
        if self.member_of(p, v):
            self.known.add(key(p))

    def why(self, p, reason):
        self.at(p[0].file)
        self.reasons.setdefault(key(p), reason)

    def veto(self, p, reason):
        self.why(p, reason)
        self.vetoed.add(key(p))

    def use(self, p, v):
        self.at(p[0].file)
        m = self.member_of(p, v)
        if not m:
            return
        k = key(p)
        if k in self.known and k not in self.vetoed:
            return
        reason = self.reasons.get(k, "uses the VMA in a way struct "
                                  "vm_area_desc cannot express")
        self.block(m[0], "line %s: %s" % (p[0].line, reason))

    def need(self, p):
        """The category's own construct was found in this function."""
        self.at(p[0].file)
        f = p[0].current_element
        if f in self.members:
            self.has.add(self.members[f][0])

    def alias(self, p, fn, e):
        """"#define FN E" under another configuration."""
        self.at(p[0].file)
        if re.sub(r"[()\s]", "", str(e)) != "NULL":
            self.block(str(fn), "line %s defines %s as %s under another "
                       "configuration, which would need converting too"
                       % (p[0].line, fn, e))

    def reference(self, p, fn):
        self.at(p[0].file)
        if key(p) not in self.ops_refs:
            self.block(fn, "%s() is also referenced at line %s"
                       % (fn, p[0].line))

    def close_call(self, cl, g):
        self.close_seen.add(str(cl))
        if RELEASES.search(str(g)):
            self.releasing.add(str(cl))

    def close_write(self, cl, e):
        self.close_seen.add(str(cl))
        if re.search(r"->|\.|^\*", str(e)):
            self.releasing.add(str(cl))

    def close_store(self, p, v, ops, cl):
        self.at(p[0].file)
        if self.member_of(p, v):
            self.closes[p[0].current_element] = (str(ops), str(cl))

    def take(self, p, what, call=False, value=None):
        """A call or a write in a member function that may take what a
        vm_ops close releases: not the VMA's own fields, not locals."""
        self.at(p[0].file)
        f = p[0].current_element
        if f not in self.members:
            return
        if call and not TAKES.search(what[:-2]):
            return
        what = re.sub(r"\s*(->|\.)\s*", r"\1", what)
        if value is not None and value.strip() in self.members[f][1]:
            return	# the VMA pointer itself: the use rule says why
        if not call:
            base = re.split(r"->|\.|\[", what.lstrip("*( "))[0].strip()
            if base in self.members[f][1] or \
                    not re.search(r"->|\.|^\*|\[", what):
                return
        self.taken.setdefault(f, []).append((p[0].line, what))

    def swap(self, p, table):
        """TABLE stored into a file's f_op; harmless in an open
        function, before the file is installed."""
        self.at(p[0].file)
        f = p[0].current_element
        if f in self.openers or f.endswith("_open"):
            return
        self.swapped.setdefault(str(table), (f, p[0].line))

    def registered(self, p, g):
        self.at(p[0].file)
        if not self.swappable:
            self.swappable = (str(g), p[0].line)

    def swaps_in_text(self):
        """The swaps of the file's text, in case spatch could not parse
        the function that does one: the rules would not see it."""
        try:
            with open(self.file, errors="replace") as f:
                lines = f.read().split("\n")
        except (OSError, TypeError):
            return
        func = None
        for n, line in enumerate(lines, 1):
            m = re.match(r"^[A-Za-z_][\w\s*]*?\b(\w+)\s*\(", line)
            if m and not line.rstrip().endswith(";"):
                func = m.group(1)
            m = re.search(r"(?:->|\.)f_op\s*=\s*&\s*(\w+)\s*;|"
                          r"\breplace_fops\s*\([^,]+,\s*&\s*(\w+)\s*\)", line)
            if m and func and func not in self.openers and \
                    not func.endswith("_open"):
                self.swapped.setdefault(m.group(1) or m.group(2),
                                        (func, str(n)))

    def swaps(self):
        """Block what a run-time f_op swap makes unsafe to convert."""
        self.swaps_in_text()
        live = sorted(self.swapped.items())
        for f, (cb, _) in self.members.items():
            if cb != f:
                continue
            mine = sorted(self.tables.get(cb, ()))
            for t in mine:
                if t in self.swapped:
                    g, line = self.swapped[t]
                    self.block(cb, "%s is swapped into live files' f_op by "
                               "%s() (line %s); the tables it replaces keep "
                               "->mmap, and __mmap_region() reads "
                               "->mmap_prepare and ->mmap at different "
                               "times, so it can only convert together "
                               "with them" % (t, g, line), first=True)
            if live and not set(mine) & set(self.swapped):
                t, (g, line) = live[0]
                self.block(cb, "%s() (line %s) swaps %s, which keeps ->mmap, "
                           "into live files' f_op; a table it may replace "
                           "can only convert together with it" % (g, line, t),
                           first=True)
            if self.swappable:
                g, line = self.swappable
                self.block(cb, "%s() (line %s) lets snd_card_disconnect() "
                           "swap this file's f_op for snd_shutdown_f_ops, "
                           "which keeps ->mmap; __mmap_region() reads "
                           "->mmap_prepare and ->mmap at different times"
                           % (g, line), first=True)

    def leaks(self):
        """Block the callbacks that take what their vm_ops close
        releases."""
        for f, (ops, cl) in self.closes.items():
            # a close of which no rule saw a call or a write may be one
            # spatch could not parse: assume it releases something
            if cl not in self.releasing and cl in self.close_seen:
                continue
            for g, (cb, _) in self.members.items():
                if cb != self.members[f][0] or g not in self.taken:
                    continue
                line, what = self.taken[g][0]
                self.block(cb, "line %s: %s takes what %s.close, %s(), "
                           "releases; if the mmap fails after "
                           "->mmap_prepare returns, close never runs and "
                           "it leaks" % (line, what, ops, cl), first=True)

    def decide(self):
        """Called once, after every use was seen: which functions
        convert."""
        if self.decided:
            return
        self.decided = True
        self.leaks()
        self.swaps()
        for f, (cb, vma) in self.members.items():
            need = CATEGORIES.get(self.category, {}).get("needs")
            if need and cb not in self.has:
                self.block(cb, need)
        if not CATEGORIES.get(self.category, {}).get("converts", True):
            return
        for f, (cb, vma) in self.members.items():
            if cb not in self.blocked:
                self.converting[f] = vma

    def converts(self, p, v=None):
        self.decide()
        f = p[0].current_element
        if f not in self.converting:
            return False
        return v is None or str(v) in self.converting[f]

    def is_callback(self, f):
        self.decide()
        m = self.members.get(str(f))
        return bool(m) and m[0] == str(f) and str(f) in self.converting

    def is_helper(self, f):
        m = self.members.get(str(f))
        return bool(m) and m[0] != str(f) and str(f) in self.converting

    def fullsize_var(self, p, z):
        self.at(p[0].file)
        self.fullsize[(p[0].current_element, str(z))] = key(p)

    def resized(self, p, z):
        k = (p[0].current_element, str(z))
        if self.fullsize.get(k) not in (None, key(p)):
            del self.fullsize[k]

    def whole(self, p, v, size):
        """Is SIZE the size of the VMA V?"""
        f, v, size = p[0].current_element, str(v), re.sub(r"\s+", "", str(size))
        return size.strip("()") in ("%s->vm_end-%s->vm_start" % (v, v),
                                    "vma_pages(%s)<<PAGE_SHIFT" % v) \
            or (f, size) in self.fullsize

    def remap_reason(self, p, v, addr, size):
        self.at(p[0].file)
        addr = re.sub(r"\s+", "", str(addr))
        if addr != "%s->vm_start" % v:
            self.why(p, "remaps from %s, not from the start of the VMA; a "
                     "partial remap is report-only" % addr)
        elif not self.whole(p, v, size):
            self.why(p, "remaps part of the VMA (size %s); a partial remap "
                     "is report-only" % re.sub(r"\s+", "", str(size)))

    def remap(self, p, v, size, err, msg=None):
        """A remap_pfn_range() of the VMA followed by a return."""
        self.at(p[0].file)
        f = p[0].current_element
        size = re.sub(r"\s+", "", str(size))
        whole = self.whole(p, v, size)
        if whole:
            self.whole_remaps.add((f, p[0].line))
        if not whole:
            self.why(p, "remaps part of the VMA (size %s); a partial remap "
                     "is report-only" % size)
        elif err is not None and not re.fullmatch(r"-\s*E[A-Z0-9]+",
                                                  str(err).strip()):
            self.why(p, "maps a remap failure to %s, not a constant error "
                     "code an error_hook can return" % err)
        elif not self.allows("remap"):
            self.why(p, "remaps the whole VMA: use whole_vma_remap.cocci")
        else:
            self.know(p, v)
            self.need(p)
            if err is not None:
                self.hook(p, "error", err, msg)

    def remap_action(self, r):
        return self.name("remap_full" if str(r) == "remap_pfn_range"
                         else "ioremap_full")

    def call_reason(self, p, g):
        g = str(g)
        if g in REMAPS:
            self.why(p, "%s() is not in a form the semantic patch converts "
                     "(the last thing the callback does, or followed only "
                     "by its error return and \"return 0\")" % g)
        elif g in self.reasons_by_call:
            cat, why = self.reasons_by_call[g]
            self.why(p, "%s() [%s]: %s" % (g, cat, why))
        elif not re.fullmatch(r"\w+", g):
            self.why(p, "passes the VMA through the function pointer %s, "
                     "whose targets may need the VMA" % re.sub(r"\s+", "", g))
        else:
            self.why(p, "passes the VMA to %s(), not a static helper used "
                     "by this callback only" % g)

    def report_call(self, p, g, v):
        """report_only.cocci: a call given the VMA that blocks."""
        self.at(p[0].file)
        m, g = self.member_of(p, v), str(g)
        if not m or g not in self.reasons_by_call:
            return
        if g in REMAPS and (p[0].current_element, p[0].line) in \
                self.whole_remaps:
            return
        cat, why = self.reasons_by_call[g]
        if g in REMAPS:
            cat, why = self.reasons_by_call["partial_remap"]
        self.messages.append((p, "WARNING: %s() cannot become .mmap_prepare:"
                              " %s() [%s]: %s" % (m[0], g, cat, why)))

    def conclude(self, p, fn):
        """One message per callback, printed at finalize in report or
        org mode."""
        self.at(p[0].file)
        fn = str(fn)
        if self.category == "report_only":
            return
        if self.is_callback(fn):
            msg = "INFO: %s() can become .mmap_prepare (%s.cocci)" % (
                fn, self.category)
        else:
            msg = "WARNING: %s() stays on the late KSM path: %s" % (
                fn, self.blocked.get(fn, "not a %s callback"
                                     % self.category))
        self.messages.append((p, msg))

    def flush(self):
        import coccilib
        self.messages.sort(key=lambda m: (m[0][0].file, int(m[0][0].line),
                                          int(m[0][0].column)))
        for p, msg in self.messages:
            if self.mode == "org":
                coccilib.org.print_todo(p[0], msg.replace("[", "@(")
                                        .replace("]", ")"))
            elif self.mode in ("report", "context"):
                coccilib.report.print_report(p[0], msg)


def key(p):
    return (p[0].file, p[0].line, p[0].column)


def bit_list(args):
    """Arguments of 7.0 vma_set_flags(vma, VMA_X_BIT, ...)."""
    parts = [a.strip() for a in str(args).split(",")]
    for a in parts:
        if not re.fullmatch(r"VMA_[A-Z0-9_]+_BIT", a):
            return None
    return ", ".join(parts)


def prepare_name(fn):
    return fn + "_prepare"


S = State()
