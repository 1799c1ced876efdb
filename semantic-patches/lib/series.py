# SPDX-License-Identifier: GPL-2.0
#
# The patch series of mmprep-patches: one patch per converted file, in
# git format-patch form, and a cover letter that lists every driver with
# its status and, for a blocked one, the reason the semantic patch gave.
#
#   series.py entries SCAN TABLE KDIR [ONLY] > entries.tsv
#   series.py write WORK OUT KDIR NAME API AUTHOR
#
# "entries" checks the scan (lib/entries.py) and prints, tab-separated,
# file, callback, category, cocci and mode of each late entry; WORK gets
# entries.json.  "write" reads WORK/entries.json, WORK/results.tsv (file,
# the .cocci that changed it, or "-"), WORK/reports/<file>.txt (the
# report mode messages) and the copies WORK/a/<file>, WORK/b/<file>.

import json
import os
import re
import subprocess
import sys
import textwrap
import time
from email.utils import formatdate

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import entries as E		# noqa: E402
import subject as S		# noqa: E402

WIDTH = 72
SUBJECT_MAX = 75
SPECIAL = ("VM_IO", "VM_PFNMAP", "VM_MIXEDMAP", "VM_DONTEXPAND")


def para(text):
    return textwrap.fill(" ".join(text.split()), WIDTH,
                         break_long_words=False, break_on_hyphens=False)


def words(names):
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return "%s and %s" % (", ".join(names[:-1]), names[-1])


def converted(e, b_text):
    """Did the patched file stop giving E's table a legacy ->mmap?"""
    return not re.search(r"\.mmap\s*=\s*%s\b" % re.escape(e["callback"]),
                         b_text)


def subject_line(prefix, upper, ops):
    """"<prefix>: convert <tables> to mmap_prepare", without the tables
    when they would take it past SUBJECT_MAX columns."""
    verb = "Convert" if upper else "convert"
    s = "%s: %s %s to mmap_prepare" % (prefix, verb, words(ops))
    if len(s) <= SUBJECT_MAX:
        return s
    return "%s: %s to mmap_prepare" % (prefix, verb)


def chain_text(e):
    """The calls by which the callback sets its flags, by name only (no
    line numbers: those of mm/ go stale), up to the first core helper."""
    seen = []
    for ev in e["evidence"]:
        if not isinstance(ev, dict):
            continue
        names = []
        for hop in ev.get("chain", []):
            names.append("%s()" % hop.get("function"))
            if not str(hop.get("file", "")).startswith(
                    os.path.dirname(e["file"]) + "/"):
                break
        text = " -> ".join(names)
        if len(names) > 1 and text not in seen:
            seen.append(text)
    return "; ".join(seen)


def ksm_text(es):
    """What the conversion means for KSM, true for every table of the
    patch: only "lost" (and, carefully, "conditional") regain anything;
    when the tables differ, the sentences name them."""
    impacts = {e["ksm_impact"] for e in es}
    flags = sorted({f for e in es for f in e["flags"] if f in SPECIAL})
    special = words(flags) or "VM_SPECIAL flags"
    every = set(SPECIAL)
    for e in es:
        every &= set(e["flags"])
    if impacts == {"none-refused"}:
        return ("%s every mapping, so KSM is not affected." %
                ("It refuses" if len(es) == 1 else "They refuse"))
    if impacts == {"none-shared-only"}:
        return ("The driver refuses private mappings, and KSM only merges "
                "private ones, so KSM is not affected.")
    if impacts == {"none-special"} and every:
        return ("Every mapping gets %s, which KSM ignores, so KSM is not "
                "affected." % words(sorted(every)))
    out = []
    of = "" if len(impacts) == 1 else " of %s"
    lost = sorted({e["ops"] for e in es if e["ksm_impact"] == "lost"})
    cond = sorted({e["ops"] for e in es
                   if e["ksm_impact"] == "conditional"})
    if lost:
        out.append(("Private mappings%s come out without VM_SPECIAL flags, "
                    "so this also lets KSM and VMA merging work for them: "
                    "with prctl(PR_SET_MEMORY_MERGE), mm/vma.c can now set "
                    "VM_MERGEABLE before it tries to merge the new VMA with "
                    "its neighbours, which it cannot do for a legacy ->mmap."
                    % (of and of % words(lost))))
    if cond:
        out.append(("Where a private mapping%s comes out without VM_SPECIAL "
                    "flags, it can now get VM_MERGEABLE before the merge "
                    "attempt (prctl(PR_SET_MEMORY_MERGE)), so KSM and VMA "
                    "merging work for it; mappings that get %s are ignored "
                    "by KSM either way." % (of and of % words(cond),
                                             special)))
    return " ".join(out) or None


def what_text(diff):
    """Sentences about what the diff does beyond the renames."""
    added = "\n".join(x[1:] for x in diff.splitlines()
                      if x.startswith("+") and not x.startswith("+++"))
    out = []
    m = re.search(r"\b(mmap_action_(?:io)?remap_full)\(", added)
    if m and "vm_iomap_memory" in diff:
        out.append("vm_iomap_memory() needs the VMA: its checks of the "
                   "physical range against the mapping are done on the "
                   "descriptor, as drivers/char/mem.c does, and the remap "
                   "becomes %s(), which the core performs once the VMA "
                   "exists." % m.group(1))
    elif m:
        out.append("The remap of the whole VMA becomes %s(), which the "
                   "core performs once the VMA exists." % m.group(1))
    if "action.error_hook" in added:
        out.append("An error hook keeps the error code the driver returned "
                   "when the remap failed.")
    if "action.success_hook" in added:
        out.append("vma_set_anonymous() needs the VMA, so it moves to a "
                   "success hook that the core runs once the VMA exists.")
    m = re.search(r"\b(generic_file(?:_readonly)?_mmap_prepare)\b", added)
    if m:
        out.append("%s() does what %s() did, on the descriptor."
                   % (m.group(1), m.group(1)[:-len("_prepare")]))
    removed = "\n".join(x[1:] for x in diff.splitlines()
                        if x.startswith("-") and not x.startswith("---"))
    if re.search(r"\bvma->vm_flags\s*\)\s*;", removed):
        out.append("A debug message no longer prints the VMA flags: the "
                   "descriptor holds them as a vma_flags_t bitmap, not a "
                   "vm_flags_t.")
    if re.search(r"\bvma_desc_(set|clear)_flags\(", added):
        out.append("The VMA flags are set on the descriptor, so they are "
                   "known before the VMA exists.")
    return " ".join(out)


def definitions(b_text, cb):
    """The bodies of every definition of CB's converted function, the
    alternate ones under #if/#else too."""
    out = []
    for m in re.finditer(r"\bint\s+%s_prepare\([^)]*\)\s*\{"
                         % re.escape(cb), b_text):
        depth, i = 1, m.end()
        while depth and i < len(b_text):
            depth += {"{": 1, "}": -1}.get(b_text[i], 0)
            i += 1
        out.append(b_text[m.end():i - 1])
    return out


def flags_text(es):
    """Which callbacks set which flags, and through which calls; callbacks
    that set the same flags themselves share one sentence (spufs has
    seven)."""
    by_flags, sets = {}, []
    for e in es:
        if not e["flags"]:
            continue
        ch = chain_text(e)
        if ch:
            sets.append("%s() sets %s (%s)." % (e["callback"],
                                                words(e["flags"]), ch))
        else:
            cbs = by_flags.setdefault(words(e["flags"]), [])
            if e["callback"] not in cbs:
                cbs.append(e["callback"])
    for fl, cbs in by_flags.items():
        sets.append("%s %s %s." % (words("%s()" % c for c in sorted(cbs)),
                                   "sets" if len(cbs) == 1 else "set", fl))
    return " ".join(sorted(set(sets)))


def refuses_all(b_text, cb):
    """Is every definition of CB's converted function nothing but
    "return -E...;"?  (hpet's #else stub is, its real one maps.)"""
    defs = definitions(b_text, cb)
    return bool(defs) and all(re.fullmatch(r"\s*return\s+-E\w+;\s*", d)
                              for d in defs)


# if (!<the mapping is shared>) return -E...; as a statement of the body
# itself (one tab in), so that no other condition guards it.
SHARED_ONLY = re.compile(
    r"^\tif \(!(?:vma_desc_test_flags\(desc,\s*VMA_(?:MAY)?SHARE_?D?_BIT\)"
    r"|vma_flags_test_(?:all|any)\(&desc->vma_flags,\s*"
    r"VMA_(?:MAY)?SHARE_?D?_BIT(?:,\s*VMA_(?:MAY)?SHARE_?D?_BIT)?\))\)"
    r"\s*\{?\s*return\s+-E\w+;", re.M)


def refuses_private(b_text, cb):
    """Does every definition of CB's converted function refuse a mapping
    that is not shared, whatever else holds?  kvm_gmem_mmap()'s two-bit
    test does; kvm_vcpu_mmap()'s, only for the dirty ring, does not."""
    defs = definitions(b_text, cb)
    return bool(defs) and all(SHARED_ONLY.search(d) for d in defs)


def renamed(a_text, b_text):
    """Functions defined in A and gone from B: their new names in B."""
    defs = re.compile(r"^(?:static\s+)?(?:inline\s+)?int\s+(\w+)\(", re.M)
    old = set(defs.findall(a_text))
    new = set(defs.findall(b_text))
    return sorted((f, f + "_prepare") for f in old - new
                  if f + "_prepare" in new)


def body(es, a_text, b_text, diff, used, api, cats):
    pairs = renamed(a_text, b_text)
    cbs = sorted({e["callback"] for e in es})
    helpers = [p for p in pairs if p[0] not in cbs]
    text = ("The ->mmap file operation is deprecated in favour of "
            "->mmap_prepare, which describes the new mapping on a struct "
            "vm_area_desc before the VMA is created. Convert %s to %s."
            % (words("%s()" % c for c in cbs),
               words("%s_prepare()" % c for c in cbs)))
    if helpers:
        text += " %s %s the VMA only for %s, so %s the descriptor now." % (
            words("%s()" % h[0] for h in helpers),
            "is a helper that used" if len(helpers) == 1 else
            "are helpers that used", words("%s()" % c for c in cbs),
            "it takes" if len(helpers) == 1 else "they take")
    out = [para(text)]
    what = what_text(diff)
    if what:
        out.append(para(what))
    sets = flags_text(es)
    if sets:
        out.append(para(sets))
    ksm = ksm_text(es)
    if ksm:
        out.append(para(ksm))
    out.append(para("Generated by mmprep's semantic patches (%s) for the "
                    "%s API, categor%s %s." % (", ".join(used), api,
                                               "ies" if len(cats) > 1 else "y",
                                              ", ".join(cats))))
    return "\n\n".join(out)


def diffstat(diff):
    try:
        return subprocess.run(["git", "apply", "--stat"], input=diff,
                              capture_output=True, text=True).stdout
    except OSError:
        return ""


def read(path):
    with open(path, errors="replace") as f:
        return f.read()


def report_reasons(work, file):
    """{callback: reason} from the report-mode messages for FILE."""
    out = {}
    p = os.path.join(work, "reports", file + ".txt")
    if not os.path.isfile(p):
        return out
    for line in read(p).splitlines():
        m = re.search(r"(?:WARNING|INFO): (\w+)\(\) (?:stays on the late "
                      r"KSM path|cannot become \.?(?:->)?mmap_prepare): "
                      r"(.*)", line)
        if m:
            out.setdefault(m.group(1), m.group(2))
    return out


def header(author, subject):
    return ("From 0000000000000000000000000000000000000000 Mon Sep 17 "
            "00:00:00 2001\nFrom: %s\nDate: %s\nSubject: %s\n\n"
            % (author, formatdate(time.time(), localtime=True), subject))


def write(work, out, kdir, name, api, author):
    with open(os.path.join(work, "entries.json")) as f:
        es = json.load(f)
    results = {}
    for line in read(os.path.join(work, "results.tsv")).splitlines():
        file, used = line.split("\t")
        results[file] = used.split() if used != "-" else []
    files = sorted({e["file"] for e in es})
    patches = []		# (file, slug-less subject, text)
    status = {}		# file -> [(entry, status text)]
    for file in files:
        fes = [e for e in es if e["file"] == file]
        reasons = report_reasons(work, file)
        used = results.get(file, [])
        a_text = read(os.path.join(work, "a", file))
        b_text = read(os.path.join(work, "b", file)) if used else a_text
        conv = [e for e in fes if used and converted(e, b_text)]
        for e in conv:
            # The converted code says what is refused, unless the scan
            # gave its own ksm_impact (it sees into the helpers too).
            if refuses_all(b_text, e["callback"]):
                e["ksm_impact"] = "none-refused"
            elif e["ksm_by_scan"]:
                pass
            elif refuses_private(b_text, e["callback"]):
                e["ksm_impact"] = "none-shared-only"
            elif e["ksm_impact"] == "none-shared-only":
                e["ksm_impact"] = "unknown"
        for e in fes:
            if e in conv:
                continue
            why = reasons.get(e["callback"])
            if not why and e["mode"] == "report":
                why = "%s [%s]" % (e["reason"], e["category"])
            if not why and e["callback_file"] != e["file"]:
                why = ("%s() is defined in %s: a table and its callback in "
                       "two files are not converted" % (e["callback"],
                                                        e["callback_file"]))
            status.setdefault(file, []).append(
                (e, "blocked: %s" % (why or "no semantic patch converts "
                                     "%s()" % e["callback"])))
        if not conv:
            continue
        diff = read(os.path.join(work, "diff", file + ".diff"))
        prefix, upper = S.prefix_of(kdir, file)
        ops = sorted({e["ops"] for e in conv})
        subj = subject_line(prefix, upper, ops)
        cats = sorted({e["category"] for e in conv})
        text = body(conv, a_text, b_text, diff,
                    [u for u in used], api, cats)
        patches.append((file, subj, text, diff))
        for e in conv:
            status.setdefault(file, []).append((e, "converted"))
    n = len(patches)
    series = []
    for i, (file, subj, text, diff) in enumerate(patches, 1):
        slug = re.sub(r"[^A-Za-z0-9._]+", "-", subj).strip("-")[:52]
        slug = slug.rstrip("-.")
        path = os.path.join(out, "%04d-%s.patch" % (i, slug))
        with open(path, "w") as f:
            f.write(header(author, "[PATCH %d/%d] %s" % (i, n, subj)))
            f.write(text + "\n---\n")
            f.write(diffstat(diff) + "\n")
            f.write(diff)
            f.write("-- \nmmprep\n\n")
        series.append((os.path.basename(path), file))
    number = {file: p for p, file in series}
    with open(os.path.join(out, "series.tsv"), "w") as f:
        for file in files:
            for e, st in status.get(file, []):
                f.write("%s\t%s\t%s\t%s\t%s\t%s\n" % (
                    number.get(file, "-") if st == "converted" else "-",
                    file, e["ops"], e["callback"], e["category"], st))
    cover(out, author, name, api, n, files, status, number)
    print("mmprep patches: %d patches, %d files, in %s" % (n, len(files),
                                                          out))


def cover(out, author, name, api, n, files, status, number):
    blocked = [(f, e, st) for f in files for e, st in status.get(f, [])
               if st != "converted"]
    lines = [para("The ->mmap file operation is deprecated in favour of "
                  "->mmap_prepare. These patches convert the drivers of "
                  "%s (the %s API) whose callbacks the semantic patches "
                  "can describe on a struct vm_area_desc: %d file%s. "
                  "%d other callback%s %s listed below with the reason "
                  "each one is blocked." % (
                      name, api, n, "s"[:n != 1], len(blocked),
                      "s"[:len(blocked) != 1],
                      "are" if len(blocked) != 1 else "is")),
             "", "Converted:", ""]
    for f in files:
        if f in number:
            conv = [e for e, st in status[f] if st == "converted"]
            lines.append("  %s %s (%s)" % (number[f][:4], f, ", ".join(
                sorted({"%s.mmap" % e["ops"] for e in conv}))))
    lines += ["", "Blocked:", ""]
    for f, e, st in blocked:
        lines.append("  %s: %s.mmap = %s() [%s]" % (f, e["ops"],
                                                    e["callback"],
                                                    e["category"]))
        lines.append(textwrap.indent(para(st[len("blocked: "):]), "    "))
    with open(os.path.join(out, "0000-cover-letter.patch"), "w") as fp:
        fp.write(header(author, "[PATCH 0/%d] convert legacy ->mmap users "
                        "to mmap_prepare" % n))
        fp.write("\n".join(lines) + "\n\n-- \nmmprep\n")


def main(argv):
    if argv[1:2] == ["entries"]:
        scan, table, kdir = argv[2:5]
        only = argv[5] if len(argv) > 5 else None
        work = os.environ.get("MMPREP_WORK", ".")
        try:
            es = E.late_entries(scan, table, kdir, only)
        except E.Refused as r:
            sys.stderr.write("mmprep patches: %s\n" % r)
            return r.code
        with open(os.path.join(work, "entries.json"), "w") as f:
            json.dump(es, f)
        for e in es:
            print("\t".join((e["file"], e["callback"], e["category"],
                             e["cocci"], e["mode"])))
        return 0
    if argv[1:2] == ["write"]:
        write(*argv[2:8])
        return 0
    sys.stderr.write("usage: series.py entries|write ...\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
