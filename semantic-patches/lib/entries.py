# SPDX-License-Identifier: GPL-2.0
#
# The late file_operations entries of a scan.json, as mmprep-patches uses
# them.  A scan.json is untrusted input: its category must be a row of
# our own categories.tsv, the semantic patch is that row's (never a
# "cocci" named by the scan), and every path must stay inside KDIR.

import json
import os
import re

# Exit codes of mmprep-patches for a scan it refuses.
EXIT_SCAN = 4		# missing or unreadable
EXIT_NO_CATEGORY = 5	# late entries without "category" (an old scan)
EXIT_BAD_CATEGORY = 6	# a category that categories.tsv does not have
EXIT_BAD_PATH = 7	# a path that leaves KDIR


IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
# an ops table: "hw->ops", "snd_pcm_f_ops[0]", "virtgpu_dmabuf_ops.ops"
LVALUE = IDENT + r"(?:(?:\.|->)" + IDENT + r"|\[[0-9]+\])*"


class Refused(Exception):
    def __init__(self, code, msg):
        Exception.__init__(self, msg)
        self.code = code


def load_categories(path):
    """categories.tsv as {category: {cocci, mode, api, reason}}."""
    rows = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if cols[0] == "category" or len(cols) < 6:
                continue
            rows[cols[0]] = dict(zip(("cocci", "mode", "api", "when",
                                      "reason"), cols[1:]))
    return rows


def inside(kdir, rel):
    """Is REL a relative path naming a regular file inside KDIR, with no
    ".." and no symbolic link out of it?"""
    if not isinstance(rel, str) or not rel or "\0" in rel or "\n" in rel:
        return False
    if rel.startswith("/") or ".." in rel.split("/"):
        return False
    if not re.fullmatch(r"[A-Za-z0-9_./+,-]+", rel):
        return False
    root = os.path.realpath(kdir)
    real = os.path.realpath(os.path.join(root, rel))
    return real.startswith(root + os.sep) and os.path.isfile(real)


def ksm_impact(e):
    """What the conversion changes for KSM: the scan's "ksm_impact" when
    it has one, else the same classes derived from the fields every scan
    has.  lost: private mappings are accepted and come out without
    VM_SPECIAL, so KSM and VMA merging are lost on the late path;
    none-shared-only: MAP_PRIVATE is refused; none-special: VM_SPECIAL on
    every success path (ksm_compatible() ignores such VMAs); conditional:
    VM_SPECIAL on some paths only; unknown: a dispatch the scan could not
    follow, a callee-level private-mapping check ("partial"), or no
    body.  lib/series.py adds none-refused for a callback that is nothing
    but "return -E...;" (no mapping, nothing to lose)."""
    if e.get("ksm_impact"):
        return e["ksm_impact"]
    if e.get("unresolved") or e.get("source") == "unknown":
        return "unknown"
    rejects = e.get("rejects_private")
    if rejects is True:
        return "none-shared-only"
    if rejects not in (False, None):
        return "unknown"
    if e.get("special"):
        return "conditional" if e.get("conditional") else "none-special"
    return "lost"


def late_entries(scan_path, table_path, kdir, only=None):
    """The late file_operations.mmap entries of SCAN, each with its
    category row; raises Refused for a scan mmprep-patches must not use."""
    try:
        with open(scan_path) as f:
            doc = json.load(f)
        entries = doc["entries"]
        if not isinstance(entries, list):
            raise TypeError("entries is not a list")
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise Refused(EXIT_SCAN, "cannot read %s: %s" % (scan_path, err))
    table = load_categories(table_path)
    out = []
    for e in entries:
        if not isinstance(e, dict):
            continue
        if e.get("ops_type") != "file_operations" or \
           e.get("field") != "mmap" or e.get("ksm_path") != "late":
            continue
        cat = e.get("category")
        where = "%s (%s)" % (e.get("ops_name"), e.get("file"))
        if not cat:
            raise Refused(EXIT_NO_CATEGORY, "%s: entry %s has no category; "
                          "the scan predates categories.tsv, run mmprep scan "
                          "again" % (scan_path, where))
        if cat not in table:
            raise Refused(EXIT_BAD_CATEGORY, "%s: entry %s has category "
                          "\"%s\", which semantic-patches/categories.tsv "
                          "does not have" % (scan_path, where, cat))
        for field in ("file", "callback_file"):
            if e.get(field) is not None and not inside(kdir, e[field]):
                raise Refused(EXIT_BAD_PATH, "%s: entry %s: %s \"%s\" is not "
                              "a file inside %s" % (scan_path, where, field,
                                                    e[field], kdir))
        if only and e["file"] != only:
            continue
        for name, rx in (("ops_name", LVALUE), ("callback", IDENT)):
            if not re.fullmatch(rx, str(e.get(name, ""))):
                raise Refused(EXIT_BAD_CATEGORY, "%s: entry in %s: %s \"%s\" "
                              "is not a C name" % (scan_path, e["file"],
                                                   name, e.get(name)))
        row = table[cat]
        out.append({"file": e["file"], "ops": e["ops_name"],
                    "callback": e["callback"], "category": cat,
                    "cocci": row["cocci"], "mode": row["mode"],
                    "reason": row["reason"], "ksm_impact": ksm_impact(e),
                    "ksm_by_scan": bool(e.get("ksm_impact")),
                    "flags": [f for f in e.get("flags") or []
                              if isinstance(f, str)],
                    "evidence": e.get("evidence") or [],
                    "callback_file": e.get("callback_file") or e["file"]})
    return out
