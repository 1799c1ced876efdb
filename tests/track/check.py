#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Assertions of tests/run-track on a track report directory.

usage: check.py TEST REPORT-DIR [ARGS...]; exits 1 after printing what
differs.
"""
import csv
import json
import re
import sys
import xml.etree.ElementTree as ET

# The synthetic history of tests/track/make-repo.
COUNTS = {
    "v7.0": dict(late=3, early=1, special=1, mechanical=2,
                 layers={"fb_ops.fb_mmap": 1}),
    "v7.1": dict(late=2, early=3, special=1, mechanical=1,
                 layers={"fb_ops.fb_mmap": 1}),
    "v7.2": dict(late=1, early=4, special=0, mechanical=1,
                 layers={"fb_ops.fb_mmap": 1, "proc_ops.proc_mmap": 1}),
    "main": dict(late=1, early=4, special=0, mechanical=1,
                 layers={"fb_ops.fb_mmap": 1, "proc_ops.proc_mmap": 1}),
}
SUBSYSTEMS = {  # second level: (late, early, layer entries)
    "v7.0": {"drivers/char": (2, 0, 0), "drivers/gpu": (1, 0, 0),
             "drivers/video": (0, 0, 1), "mm": (0, 1, 0)},
    "v7.1": {"drivers/char": (1, 1, 0), "drivers/gpu": (1, 1, 0),
             "drivers/video": (0, 0, 1), "mm": (0, 1, 0)},
    "v7.2": {"drivers/char": (0, 1, 0), "drivers/gpu": (0, 2, 0),
             "drivers/misc": (1, 0, 0), "drivers/video": (0, 0, 1),
             "fs/proc": (0, 0, 1), "mm": (0, 1, 0)},
}
SUBSYSTEMS["main"] = SUBSYSTEMS["v7.2"]
CHANGES = {
    ("v7.0", "v7.1"): dict(
        converted=[("drivers/char/b.c:b_fops.mmap_prepare",
                    "drivers/char/b.c:b_fops.mmap")],
        added=["drivers/gpu/drm/h.c:h_fops.mmap_prepare"],
        removed=[], reverted=[]),
    ("v7.1", "v7.2"): dict(
        converted=[("drivers/gpu/drm/g.c:g_fops.mmap_prepare",
                    "drivers/gpu/drm/g.c:g_fops.mmap")],
        added=["drivers/misc/c.c:c_fops.mmap", "fs/proc/p.c:p_ops.proc_mmap"],
        removed=["drivers/char/a.c:a_fops.mmap"], reverted=[]),
    ("v7.2", "main"): dict(converted=[], added=[], removed=[], reverted=[]),
    ("v7.0", "v7.2"): dict(
        converted=[("drivers/char/b.c:b_fops.mmap_prepare",
                    "drivers/char/b.c:b_fops.mmap"),
                   ("drivers/gpu/drm/g.c:g_fops.mmap_prepare",
                    "drivers/gpu/drm/g.c:g_fops.mmap")],
        added=["drivers/gpu/drm/h.c:h_fops.mmap_prepare",
               "drivers/misc/c.c:c_fops.mmap", "fs/proc/p.c:p_ops.proc_mmap"],
        removed=["drivers/char/a.c:a_fops.mmap"], reverted=[]),
}

errors = []


def expect(what, got, want):
    if got != want:
        errors.append("%s: got %r, expected %r" % (what, got, want))


def load(d):
    with open(d + "/adoption.json") as f:
        return json.load(f)


def revs(doc, labels):
    """Revision label -> summary; labels maps report labels to ours."""
    out = {}
    for r in doc["revisions"]:
        out[labels.get(r["label"], r["label"])] = r
    return out


def check_counts(doc, labels):
    for name, r in revs(doc, labels).items():
        want = COUNTS[name]
        fo = r["file_operations"]
        expect(name + " late", fo["late"], want["late"])
        expect(name + " early", fo["early"], want["early"])
        expect(name + " late_special", fo["late_special"], want["special"])
        expect(name + " late_mechanical", fo["late_mechanical"],
               want["mechanical"])
        expect(name + " late_unresolved", fo["late_unresolved"], 0)
        layers = {l["layer"] + "." + l["ops_field"]: l["implementations"]
                  for l in r["layers"]}
        expect(name + " layers", layers, want["layers"])
        subs = {k: (v["late"], v["early"], v["layers"])
                for k, v in r["subsystems"].items()}
        expect(name + " subsystems", subs, SUBSYSTEMS[name])
        top = {}
        for k, v in SUBSYSTEMS[name].items():
            t = top.setdefault(k.split("/")[0], [0, 0, 0])
            for i in range(3):
                t[i] += v[i]
        expect(name + " top_level",
               {k: (v["late"], v["early"], v["layers"])
                for k, v in r["top_level"].items()},
               {k: tuple(v) for k, v in top.items()})


def check_changes(doc, labels):
    names = [labels.get(r["label"], r["label"]) for r in doc["revisions"]]
    expect("number of steps", len(doc["changes"]), len(names) - 1)
    for c, a, b in zip(doc["changes"], names, names[1:]):
        want = CHANGES[(a, b)]
        step = "%s->%s " % (a, b)
        for kind in ("converted", "moved"):
            expect(step + kind, [(e["id"], e["was"]) for e in c[kind]],
                   want.get(kind, []))
        for kind in ("added", "removed", "reverted"):
            expect(step + kind, [e["id"] for e in c[kind]], want[kind])


def t_history(d, *labels):
    """Exact counts and change lists; labels: report=ours pairs."""
    m = dict(l.split("=") for l in labels)
    doc = load(d)
    check_counts(doc, m)
    check_changes(doc, m)


def t_cost(d, spec):
    """spec: label:fresh:cached,...; fresh may be a|b (either)."""
    doc = load(d)
    got = {r["label"]: r["cost"] for r in doc["revisions"]}
    for item in spec.split(","):
        label, fresh, cached = item.split(":")
        c = got.get(label, {})
        if str(c.get("parsed_fresh")) not in fresh.split("|"):
            errors.append("%s: %s files parsed, expected %s"
                          % (label, c.get("parsed_fresh"), fresh))
        if cached != "*" and c.get("cached") != int(cached):
            errors.append("%s: %s files from the cache, expected %s"
                          % (label, c.get("cached"), cached))
        # a scan may parse a few files twice (callback definitions)
        if c.get("parsed_fresh", 0) + c.get("cached", 0) < \
                [r for r in doc["revisions"]
                 if r["label"] == label][0]["files"]["candidates"]:
            errors.append("%s: parsed + cached < candidates" % label)


def t_labels(d, *want):
    expect("revisions", [r["label"] for r in load(d)["revisions"]],
           list(want))


def csv_rows(d):
    with open(d + "/adoption.csv") as f:
        return list(csv.DictReader(f))


def chart_label(label):
    """track_out.c's chart_label(): linux-source-6.12 -> 6.12."""
    for prefix in ("linux-source-", "linux-"):
        if label.startswith(prefix) and len(label) > len(prefix):
            return label[len(prefix):]
    return label


def t_svg(d):
    """Valid XML, and the chart's numbers are the CSV's."""
    try:
        root = ET.parse(d + "/adoption.svg").getroot()
    except ET.ParseError as e:
        errors.append("adoption.svg is not XML: %s" % e)
        return
    expect("svg root", root.tag, "{http://www.w3.org/2000/svg}svg")
    text = "\n".join("".join(t.itertext()) for t in root.iter()
                     if t.tag.endswith("}text"))
    ticks = re.findall(r"(\d+) late, (\d+) early \((\d+)% early\)", text)
    rows = [r for r in csv_rows(d) if r["level"] == "all"]
    want = [(r["late"], r["early"],
             str(round(100 * int(r["early"]) /
                       max(1, int(r["late"]) + int(r["early"])))))
            for r in rows]
    expect("svg totals vs csv", ticks, want)
    labels = [chart_label(r["revision"]) for r in rows]
    for l in labels:
        if l not in text:
            errors.append("svg: no label for revision %s" % l)
    # the per-subsystem bars come from the script's data block
    with open(d + "/adoption.gp") as f:
        gp = f.read()
    block = gp.split("$subsystems << EOD\n")[1].split("EOD")[0]
    groups = [g for g in block.split("\n\n\n") if g.strip()]
    # drivers/ by its second level, the rest by top-level directory
    subs = {}
    for r in csv_rows(d):
        drivers = r["scope"].split("/")[0] == "drivers"
        if (r["level"], drivers) in (("sub", True), ("top", False)):
            subs.setdefault(r["scope"], []).append(
                (chart_label(r["revision"]), r["late"], r["early"]))
    shown = [s for s in subs
             if any(x[1] != "0" or x[2] != "0" for x in subs[s])]
    # single-quoted ('' is a quote): gnuplot never expands those
    titles = [t.replace("''", "'") for t in
              re.findall(r"newhistogram '((?:[^']|'')*)'", gp)]
    expect("svg subsystem groups vs titles", len(groups), len(titles))
    drawn = [t for t in titles if t in shown]
    for g, title in zip(groups, titles):
        bars = [tuple(l.replace('"', "").split()) for l in g.splitlines()]
        more = re.match(r"(\d+) more$", title)
        if more:
            rest = [s for s in shown if s not in drawn]
            expect("svg: groups summed as '%s'" % title, int(more.group(1)),
                   len(rest))
            want = [(r, str(sum(int(subs[s][i][1]) for s in rest)),
                     str(sum(int(subs[s][i][2]) for s in rest)))
                    for i, r in enumerate(x[0] for x in subs[rest[0]])]
        elif title in shown:
            want = [tuple(x) for x in subs[title]]
        else:
            errors.append("svg: bars of %s, which has no CSV rows" % title)
            continue
        expect("svg bars of " + title, bars, want)
    if not any(re.match(r"\d+ more$", t) for t in titles):
        expect("svg subsystem groups", sorted(drawn), sorted(shown))


def t_csv_json(d):
    """Every CSV row is the JSON's numbers."""
    doc = load(d)
    by = {r["label"]: r for r in doc["revisions"]}
    for row in csv_rows(d):
        r = by[row["revision"]]
        if row["level"] == "all":
            fo = r["file_operations"]
            expect("csv all " + row["revision"],
                   (row["late"], row["early"], row["late_special"]),
                   (str(fo["late"]), str(fo["early"]),
                    str(fo["late_special"])))
        elif row["level"] in ("top", "sub"):
            field = "top_level" if row["level"] == "top" else "subsystems"
            v = r[field].get(row["scope"], dict(late=0, early=0, layers=0))
            expect("csv %s %s" % (row["revision"], row["scope"]),
                   (row["late"], row["early"], row["layer_entries"]),
                   (str(v["late"]), str(v["early"]), str(v["layers"])))


def t_csv_safe(d):
    """Names from the trees keep their column and are no formula."""
    doc = load(d)
    labels = [r["label"] for r in doc["revisions"]]
    with open(d + "/adoption.csv", newline="") as f:
        rows = list(csv.reader(f))
    for row in rows:
        if len(row) != len(rows[0]):
            errors.append("csv: %d fields in %r" % (len(row), row))
        for field in row:
            if field[:1] in ("=", "+", "-", "@", "\t", "\r"):
                errors.append("csv: a formula: %r" % field)
    got = sorted({r[0].removeprefix("'") for r in rows[1:]})
    expect("csv labels", got, sorted(set(labels)))


def t_same_rev(d1, d2, label):
    """Revision @label of two track runs: the same counts and scan.json."""
    revs = []
    for d in (d1, d2):
        r = [r for r in load(d)["revisions"] if r["label"] == label]
        if len(r) != 1:
            errors.append("%s: no revision %s" % (d, label))
            return
        revs.append({k: v for k, v in r[0].items() if k != "cost"})
    expect("revision %s of both runs" % label, revs[0], revs[1])
    scans = [open("%s/scans/%s/scan.json" % (d, label)).read()
             for d in (d1, d2)]
    expect("scan.json of %s in both runs" % label, scans[0] == scans[1], True)


def t_pair(d, label):
    """Tree B of the pair, as tests/track/pair/pair.c says."""
    with open("%s/scans/%s/scan.json" % (d, label)) as f:
        scan = json.load(f)
    got = [(e["ops_name"], e["flags"]) for e in scan["entries"]
           if e["file"] == "drivers/char/pair.c"]
    expect("pair.c's entries", got, [("pair_fops", ["VM_IO"])])
    expect("degraded files", scan["files"]["degraded"], [])


def t_text(d, name, *lines):
    """Each line appears in the file, as a whole line."""
    with open(d + "/" + name) as f:
        have = [l.rstrip("\n") for l in f]
    for l in lines:
        if l not in have:
            errors.append("%s: no line %r" % (name, l))


def t_html(d):
    from html.parser import HTMLParser

    class P(HTMLParser):
        tags = []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
    with open(d + "/index.html") as f:
        page = f.read()
    P().feed(page)
    for tag in ("svg", "table", "h3"):
        if tag not in P.tags:
            errors.append("index.html: no <%s>" % tag)
    for c in ("drivers/char/b.c:b_fops.mmap_prepare",
              "drivers/char/a.c:a_fops.mmap"):
        if c not in page:
            errors.append("index.html: %s not listed" % c)


def t_same_counts(d1, d2, pairs):
    """Revisions of two reports (a=b,...) have the same counts."""
    r1 = {r["label"]: r for r in load(d1)["revisions"]}
    r2 = {r["label"]: r for r in load(d2)["revisions"]}
    for p in pairs.split(","):
        a, b = p.split("=")
        for k in ("file_operations", "subsystems", "layers", "top_level"):
            expect("%s vs %s %s" % (a, b, k), r2[b][k], r1[a][k])


def t_partial(d):
    """v7.1 v7.2 from a clone lacking the blob of fs/proc/p.c."""
    r = {r["label"]: r for r in load(d)["revisions"]}
    expect("v7.1 missing_files", r["v7.1"]["missing_files"], 0)
    expect("v7.2 missing_files", r["v7.2"]["missing_files"], 1)
    fo = r["v7.2"]["file_operations"]
    expect("v7.2 late, early", (fo["late"], fo["early"]), (1, 4))
    expect("v7.2 layers", [l["layer"] + "." + l["ops_field"]
                           for l in r["v7.2"]["layers"]], ["fb_ops.fb_mmap"])
    expect("v7.1->v7.2 added", [e["id"] for e in load(d)["changes"][0]["added"]],
           ["drivers/misc/c.c:c_fops.mmap"])


def t_scan_equal(d, label, scan_json):
    """A revision's counts are those of mmprep scan on the same tree."""
    with open(scan_json) as f:
        scan = json.load(f)
    r = {r["label"]: r for r in load(d)["revisions"]}[label]
    fops = scan["summary"]["file_operations"]
    for k in ("late", "early", "late_special", "late_mechanical",
              "late_unresolved"):
        expect(k + " vs scan", r["file_operations"][k], fops[k])
    expect("layers vs scan",
           {l["layer"] + "." + l["ops_field"]: l["implementations"]
            for l in r["layers"]},
           {l["ops_field"]: len(l["implementations"])
            if isinstance(l["implementations"], list)
            else l["implementations"] for l in scan["layers"]})
    expect("entries vs scan", r["entries"], scan["summary"]["entries"])
    subs = {}
    for e in scan["entries"]:
        c = subs.setdefault(e["subsystem"], dict(late=0, early=0, layers=0))
        c[e.get("ksm_path") or "layers"] += 1
    expect("subsystems vs scan", r["subsystems"], subs)



def t_moves(d):
    """tests/run-track step 12: v7.0 -> a commit that moves files."""
    c = load(d)["changes"][0]
    pairs = lambda kind: [(e["id"], e["was"]) for e in c[kind]]
    ids = lambda kind: [e["id"] for e in c[kind]]
    expect("moves converted", pairs("converted"),
           [("drivers/char/new/b.c:b_fops.mmap_prepare",
             "drivers/char/b.c:b_fops.mmap")])
    expect("moves moved", pairs("moved"),
           [("drivers/video/fbdev/core/fb-core.c:demo_fbops.fb_mmap",
             "drivers/video/fbdev/fb.c:demo_fbops.fb_mmap")])
    expect("moves added", ids("added"),
           ["drivers/misc/a.c:a_fops.mmap", "drivers/misc/a_too.c:a_fops.mmap",
            "mm/other.c:m_fops.mmap_prepare"])
    expect("moves removed", ids("removed"),
           ["drivers/char/a.c:a_fops.mmap", "mm/m.c:m_fops.mmap_prepare"])
    expect("moves reverted", ids("reverted"), [])



def t_md_subsystems(d):
    """adoption.md lists every subsystem whose counts moved, and says how
    many of the others it left out."""
    with open(d + "/adoption.md") as f:
        md = f.read()
    part = md.split("### By subsystem")[1].split("###")[0]
    rows = [l.split("|")[1].strip() for l in part.splitlines()
            if l.startswith("| ") and "subsystem (late/early)" not in l]
    left = re.search(r"^(\d+) more subsystems with the same counts", part,
                     re.M)
    revs = load(d)["revisions"]
    names = {s for r in revs for s in r["subsystems"]}
    zero = dict(late=0, early=0)
    counts = {s: [(r["subsystems"].get(s, zero)["late"],
                   r["subsystems"].get(s, zero)["early"]) for r in revs]
              for s in names}
    with_fops = {s for s, v in counts.items() if any(x != (0, 0) for x in v)}
    moved = {s for s in with_fops if len(set(counts[s])) > 1}
    missing = sorted(moved - set(rows))
    expect("md subsystems that moved but are not listed", missing, [])
    expect("md subsystem rows + left out", len(rows) +
           (int(left.group(1)) if left else 0), len(with_fops))


if __name__ == "__main__":
    globals()["t_" + sys.argv[1]](*sys.argv[2:])
    for e in errors:
        print("  " + e)
    sys.exit(1 if errors else 0)
