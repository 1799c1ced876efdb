# SPDX-License-Identifier: GPL-2.0
#
# The subject prefix of a patch to FILE, the way its subsystem writes it.
#
# 1. KDIR is a git repository: the most common prefix among the recent
#    commits that touch FILE ("KVM: PPC: Book3S HV: Fix ..." gives
#    "KVM: PPC: Book3S HV"), leaving out tree-wide commits (more than
#    MAX_FILES files); when FILE has no such commit, the same over its
#    directory, then the directory above.  The case of the first word
#    after the prefix ("Fix" or "fix") is the one most of them use.
# 2. Otherwise, or when the history says nothing: prefixes.tsv, a small
#    table of path patterns and the prefixes their maintainers use.

import os
import re
import subprocess
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
RECENT = 30
MAX_FILES = 10


def split_subject(subject):
    """"drm/msm: Fix x" -> ("drm/msm", "Fix x"); (None, subject) when the
    subject has no prefix.  A prefix is a run of short tags ("KVM", "PPC",
    "Book3S HV", "stm class") each followed by ": "."""
    parts = subject.split(": ")
    k = 0
    while k < len(parts) - 1 and len(parts[k]) <= 32 and \
            parts[k].count(" ") <= 1 and \
            re.fullmatch(r"[A-Za-z0-9_][\w./+,-]*( [\w./+-]+)?", parts[k]) \
            and not re.match(r"(Revert|Merge|Reapply)\b", parts[k]):
        k += 1
    if not k:
        return None, subject
    return ": ".join(parts[:k]), ": ".join(parts[k:])


def _git(kdir, *args):
    try:
        return subprocess.run(["git", "-C", kdir] + list(args),
                              capture_output=True, text=True,
                              timeout=120).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def is_git(kdir):
    return _git(kdir, "rev-parse", "--is-inside-work-tree").strip() == "true"


def history(kdir, path):
    """(prefix, upper) from the recent commits touching PATH, or None."""
    log = _git(kdir, "log", "--no-merges", "-n", str(3 * RECENT),
               "--format=%x01%s", "--shortstat", "--", path or ".")
    seen = Counter()
    upper = Counter()
    used = 0
    for rec in log.split("\x01")[1:]:
        lines = [x for x in rec.split("\n") if x.strip()]
        if not lines:
            continue
        m = re.search(r"(\d+) files? changed", " ".join(lines[1:]))
        if m and int(m.group(1)) > MAX_FILES:
            continue
        prefix, rest = split_subject(lines[0].strip())
        if re.fullmatch(r"(treewide|tree-wide|all)", prefix or "", re.I):
            continue
        used += 1
        if used > RECENT:
            break
        if prefix:
            # most recent first: a tie keeps the newest
            seen[prefix] += 1
            if rest[:1].isalpha():
                upper[(prefix, rest[:1].isupper())] += 1
    if not seen:
        return None
    best = max(seen, key=lambda p: (seen[p], -list(seen).index(p)))
    return best, upper[(best, True)] > upper[(best, False)]


def load_rules(path=os.path.join(HERE, "..", "prefixes.tsv")):
    rules = []
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if cols[0] != "path" and len(cols) >= 3:
                rules.append(cols[:3])
    return rules


def rule(path, rules=None):
    """(prefix, upper) from the longest pattern of prefixes.tsv that
    matches PATH.  A pattern is a path prefix; "*" matches one path
    component, and the prefix names it "$1", "$2"...; "$file" is the
    file's name without .c, "$dir" its directory's name."""
    best = None
    for pat, prefix, case in rules if rules is not None else load_rules():
        rx = "".join("([^/]+)" if c == "*" else re.escape(c)
                     for c in re.split(r"(\*)", pat))
        m = re.match(rx, path)
        if not m or (best and len(pat) <= len(best[0])):
            continue
        name = os.path.basename(path)
        value = prefix.replace("$file", re.sub(r"\.[ch]$", "", name))
        value = value.replace("$dir", os.path.basename(os.path.dirname(path)))
        for i, g in enumerate(m.groups(), 1):
            value = value.replace("$%d" % i, g)
        best = (pat, value, case == "upper")
    return best[1:] if best else None


def prefix_of(kdir, path):
    """(prefix, upper) for a patch to PATH (relative to KDIR)."""
    if is_git(kdir):
        d = path
        for _ in range(3):
            got = history(kdir, d)
            if got:
                return got
            d = os.path.dirname(d)
            if not d:
                break
    got = rule(path)
    if got:
        return got
    return os.path.basename(os.path.dirname(path)) or "kernel", False
