# SPDX-License-Identifier: GPL-2.0
#
# tidy.py ORIG NEW: give the lines a semantic patch changed in NEW the
# layout a maintainer expects, in place.  Only changed lines (and the
# statements and comments they belong to) are touched:
#
#   - a ".mmap_prepare = fn," initializer keeps the tab alignment of the
#     ".mmap<tabs>= fn," line it replaces;
#   - a statement spatch wrapped, or one past 80 columns, is wrapped the
#     way checkpatch --strict likes: as many arguments per line as fit,
#     continuation lines aligned with the open parenthesis;
#   - a blank line follows the declarations of a function body, and none
#     is left at its top when spatch removed a declaration;
#   - the kernel-doc comment of a renamed function names the new function
#     and documents @desc instead of @file and @vma.

import difflib
import re
import sys

COLS = 80
DECL = re.compile(
    r"^\t+(?:(?:const|static|volatile|struct|enum|union)\s+)*[A-Za-z_]\w*"
    r"(?:\s+[A-Za-z_]\w*)*[\s*]+\**[A-Za-z_]\w*\s*(?:\[[^]]*\])?\s*[=,;]")
NOT_DECL = re.compile(r"^\t+(return|goto|else|case|do|if|while|for)\b")


def width(line):
    return len(line.expandtabs(8))


def is_decl(line):
    return bool(DECL.match(line)) and not NOT_DECL.match(line)


def changed_lines(orig, new):
    """Indexes of NEW's lines that are not in ORIG, and {new index: orig
    index} pairing a changed line with the removed line it most
    resembles: in its own hunk if one is alike enough, else anywhere."""
    sm = difflib.SequenceMatcher(None, orig, new, autojunk=False)
    changed, removed, pairs, hunk = set(), set(), {}, {}
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            changed.update(range(j1, j2))
            removed.update(range(i1, i2))
            for j in range(j1, j2):
                hunk[j] = range(i1, i2)
    for j in changed:
        for pool in (hunk[j], removed):
            best, score = None, 0.5
            for i in pool:
                r = difflib.SequenceMatcher(None, orig[i], new[j]).ratio()
                if r > score:
                    best, score = i, r
            if best is not None:
                pairs[j] = best
                break
    return changed, pairs


def align_initializer(line, old):
    """".mmap_prepare = fn," laid out as OLD (".mmap\t\t= fn,") was: "="
    in the same column, reached with tabs or spaces as OLD did; one
    space when the longer name goes past that column."""
    m = re.match(r"^(\s*)\.mmap_prepare\s*=\s*(.*)$", line)
    o = re.match(r"^(\s*)\.mmap(\s*)=(\s*)", old or "")
    if not m or not o:
        return line
    head = m.group(1) + ".mmap_prepare"
    head += pad_to(head, width(o.group(1) + ".mmap" + o.group(2)),
                   o.group(2)) + "="
    # ".mmap =\t\tfn": the values are aligned instead
    return head + pad_to(head, width(o.group(0)), o.group(3)) + m.group(2)


def pad_to(text, col, like):
    """Blanks after TEXT up to COL, tabs or spaces as LIKE has them; one
    space when TEXT is too long or LIKE is a single space or nothing."""
    if width(text) >= col or like in ("", " "):
        return " "
    if "\t" not in like:
        return " " * (col - width(text))
    pad = ""
    while width(text + pad) < col:
        pad += "\t"
    return pad


def cast_spacing(line, old):
    """spatch prints "(phys_addr_t) x" for the "(phys_addr_t)x" it
    kept: casts the old line wrote without a space stay so."""
    for cast in set(re.findall(r"\(([A-Za-z_][\w ]*\**)\)(?=[\w(&*])",
                               old or "")):
        line = line.replace("(%s) " % cast, "(%s)" % cast)
    return line


def depth(text):
    d = 0
    for c in strip_strings(text):
        d += {"(": 1, ")": -1}.get(c, 0)
    return d


def strip_strings(text):
    """TEXT with the insides of string and character literals blanked,
    same length, so that parentheses and commas in them do not count."""
    blank = lambda m: m.group()[0] + "_" * (len(m.group()) - 2) + \
        m.group()[-1]
    return re.sub(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'', blank, text)


BREAK = re.compile(r"(,|&&|\|\||[<>]=?|[!=]=|[-+|&*/?:]|<<|>>) $")
RANK = {",": 0, "&&": 0, "||": 0, "<": 1, ">": 1, "<=": 1, ">=": 1,
        "==": 1, "!=": 1}


def split_args(text):
    """TEXT cut after each blank inside parentheses that follows a comma,
    "&&", "||" or a binary operator: [(piece, paren depth after it,
    rank)], rank 0 for ", ", "&& " and "|| ", 1 for comparisons, 2 for
    other operators."""
    out, cur, d = [], "", 0
    plain = strip_strings(text)
    for i, c in enumerate(text):
        cur += c
        d += {"(": 1, ")": -1}.get(plain[i], 0)
        m = BREAK.search(plain[:i + 1][-4:]) if plain[i] == " " else None
        if d > 0 and m:
            out.append((cur, d, RANK.get(m.group(1), 2)))
            cur = ""
    return out + [(cur, 0, 2)]


def wrap_statement(indent, text):
    """One statement, wrapped to COLS columns the way checkpatch --strict
    likes it: continuation lines aligned with their open parenthesis; on
    each line the break that fits at the shallowest parenthesis, a comma
    or a logical operator before an arithmetic one, as late as possible."""
    if width(indent + text) <= COLS:
        return [indent + text]
    pieces = split_args(text)
    # a comma or logical operator first, unless breaking at the latest
    # point of the same depth takes fewer lines
    a = layout(indent, pieces, lambda k: (pieces[k][1], pieces[k][2], -k))
    b = layout(indent, pieces, lambda k: (pieces[k][1], -k))
    return b if len(b) < len(a) else a


def layout(indent, pieces, rank):
    lines, start, cur, stack = [], 0, indent, []
    while start < len(pieces):
        best, line, stk = None, cur, list(stack)
        for k in range(start, len(pieces)):
            line, stk = place(line, stk, pieces[k][0])
            if width(line.rstrip()) > COLS and best is not None:
                break
            if k < len(pieces) - 1:
                key = rank(k)
                if best is None or key < best[0]:
                    best = (key, k, line, list(stk))
        else:
            return lines + [line.rstrip()]
        _, k, line, stk = best
        lines.append(line.rstrip())
        col = stk[-1] + 1 if stk else width(indent) + 8
        cur, stack, start = "\t" * (col // 8) + " " * (col % 8), stk, k + 1
    return lines


def place(line, stack, piece):
    """LINE with PIECE appended, and the columns of the open parentheses."""
    stack = list(stack)
    plain = strip_strings(piece)
    for i, c in enumerate(piece):
        if plain[i] == "(":
            stack.append(width(line))
        elif plain[i] == ")" and stack:
            stack.pop()
        line += c
    return line, stack


def join_statement(lines, i):
    """The statement starting at lines[i], joined: (indent, text, end)."""
    m = re.match(r"^(\s*)(.*)$", lines[i])
    indent, text = m.group(1), m.group(2).rstrip()
    j = i
    while depth(text) > 0 and j + 1 < len(lines) and \
            not lines[j + 1].lstrip().startswith(("#", "/*")):
        j += 1
        text += " " + lines[j].strip()
    return indent, text, j


def rewrap(lines, changed):
    out, i, moved = [], 0, set()
    while i < len(lines):
        line = lines[i]
        if i in changed and not line.lstrip().startswith(("/*", "*", "#")):
            indent, text, j = join_statement(lines, i)
            wrapped_now = j > i
            if depth(text) == 0 and (width(line) > COLS or (
                    wrapped_now and any(k in changed
                                        for k in range(i, j + 1)))):
                new = wrap_statement(indent, text)
                if new != lines[i:j + 1]:
                    moved.update(range(len(out), len(out) + len(new)))
                out.extend(new)
                i = j + 1
                continue
        out.append(line)
        i += 1
    return out


def blank_after_decls(lines, changed):
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (i in changed or i + 1 in changed) and is_decl(line) and \
                nxt.strip() and not is_decl(nxt) and nxt.strip() != "}" and \
                not nxt.startswith("\t\t") and line.startswith("\t") and \
                not line.startswith("\t\t"):
            out.append("")
    # "{" followed by a blank line: a declaration spatch removed
    final = []
    for i, line in enumerate(out):
        if not line.strip() and final and final[-1] == "{" and \
                i + 1 < len(out) and out[i + 1].startswith("\t"):
            continue
        final.append(line)
    return final


def kerneldoc(lines, orig_text):
    """Rename the kernel-doc of functions renamed to <name>_prepare."""
    defs = re.compile(r"^(?:static\s+)?(?:inline\s+)?int\s+(\w+)\(", re.M)
    old = set(defs.findall(orig_text))
    edits = []
    for i, line in enumerate(lines):
        m = defs.match(line)
        if not m or not m.group(1).endswith("_prepare") or \
                m.group(1)[:-len("_prepare")] not in old or \
                m.group(1) in old:
            continue
        new, was = m.group(1), m.group(1)[:-len("_prepare")]
        # the comment may be /** or a /* written like kernel-doc, and be
        # followed by a blank line
        end = i - 1
        if end > 0 and not lines[end].strip():
            end -= 1
        if end < 0 or lines[end].strip() != "*/":
            continue
        k = end
        while k > 0 and not lines[k].lstrip().startswith("/*"):
            k -= 1
        head = "\n".join(lines[k:k + 2])
        if not re.search(r"^(/\*\*?|\s\*)\s*%s(\(\))?(\s+-|\s*$)" % re.escape(was),
                         head, re.M):
            continue
        doc = lines[k:end + 1]
        fixed, skip = [], False
        desc_done = False
        for d in doc:
            if skip and re.match(r"^ \*\s{2,}\S", d):
                continue
            skip = False
            d = re.sub(r"^( \*\s*)%s\b" % re.escape(was), r"\g<1>%s" % new, d)
            pm = re.match(r"^ \* @(file|vma|area):", d)
            if pm and "struct vm_area_desc" in line + "".join(lines[i:i + 3]):
                if pm.group(1) == "file" or desc_done:
                    skip = True
                    continue
                d = " * @desc: the VMA descriptor of the new mapping"
                desc_done = True
                skip = True
            fixed.append(d)
        edits.append((k, end + 1, fixed))
    for k, end, fixed in reversed(edits):
        lines[k:end] = fixed
    return lines


def spatch_artifacts(lines, changed):
    """What spatch's printer leaves in added code: trailing blanks, a
    doubled blank line, "){" ending a wrapped function header."""
    out = []
    for i, line in enumerate(lines):
        if i in changed:
            line = line.rstrip()
            if not line and out and not out[-1] and i - 1 in changed:
                continue
            if line.endswith("){") and not line.startswith("\t") or \
                    line.endswith("){") and out and \
                    not out[-1].startswith("\t") and out[-1].endswith(","):
                out += [line[:-1], "{"]
                continue
        out.append(line)
    return out


def header_first(orig, new):
    """Code spatch inserted before the first function of the file lands
    above the file's header comment: move it below."""
    if not orig or not new or new[0] == orig[0] or orig[0] not in new:
        return new
    k = new.index(orig[0])
    end = k
    while end < len(new) and new[end].startswith(("//", "/*", " *", " */")):
        end += 1
    if end == k or end >= len(new) or new[end].strip():
        return new
    return new[k:end + 1] + new[:k] + new[end + 1:]


def tidy(orig_text, new_text):
    orig = orig_text.split("\n")
    new = header_first(orig, new_text.split("\n"))
    changed, pairs = changed_lines(orig, new)
    new = spatch_artifacts(new, changed)
    changed, pairs = changed_lines(orig, new)
    for j in sorted(changed):
        if j in pairs:
            new[j] = cast_spacing(new[j], orig[pairs[j]])
        if ".mmap_prepare" in new[j]:
            old = orig[pairs[j]] if j in pairs else None
            if old is None:
                old = next((o for o in orig if re.match(
                    r"^\s*\.mmap\s*=\s*%s\b" % re.escape(
                        new[j].split("=", 1)[-1].strip().rstrip(",")[
                            :-len("_prepare")]), o)), None)
            new[j] = align_initializer(new[j], old)
    new = rewrap(new, changed)
    changed, _ = changed_lines(orig, new)
    new = blank_after_decls(new, changed)
    new = kerneldoc(new, orig_text)
    return "\n".join(new)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: tidy.py ORIG NEW\n")
        return 2
    with open(argv[1]) as f:
        orig = f.read()
    with open(argv[2]) as f:
        new = f.read()
    if orig == new:
        return 0
    out = tidy(orig, new)
    if out != new:
        with open(argv[2], "w") as f:
            f.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
