# SPDX-License-Identifier: GPL-2.0
# Shared by the test runners.

# own_cache NAME [keep]: this runner's own facts cache and temporary
# directory, tests/out/cache/NAME, never the user's; emptied first unless
# "keep" (the Debian trees' scratch builds and facts, kept between runs).
own_cache() {
	MMPREP_CACHE=$top/tests/out/cache/$1
	TMPDIR=$MMPREP_CACHE/tmp
	[ "${2:-}" = keep ] || rm -rf "$MMPREP_CACHE"
	mkdir -p "$TMPDIR"
	export MMPREP_CACHE TMPDIR
	unset MMPREP_NO_CACHE MMPREP_KEEP_FACTS XDG_CACHE_HOME
}

# spec_each SPEC DIRECTIVE FUNCTION ARGS...: FUNCTION CHECK ARGS... for
# every "DIRECTIVE: CHECK" line of SPEC; returns how many failed.
spec_each() {
	_bad=0
	_list=$(mktemp)
	sed -n "s/.*$2: *//p" "$1" >"$_list"
	_fn=$3
	shift 3
	while IFS= read -r _check; do
		"$_fn" "$_check" "$@" || _bad=$((_bad + 1))
	done <"$_list"
	rm -f "$_list"
	return $_bad
}

# json_checks SPEC SCAN_JSON NAME: every "check-json: FILTER => JSON" line
# of SPEC, asserted on SCAN_JSON.  Prints one line per failure; returns
# the number of failures.
json_check() {
	_filter=${1%% => *}
	_want=$(echo "${1#* => }" | jq -c .)
	_got=$(jq -c "$_filter" "$2" 2>&1)
	[ "$_got" = "$_want" ] && return 0
	echo "FAIL: $3: $_filter: got $_got, expected $_want"
	return 1
}
json_checks() { spec_each "$1" check-json json_check "$2" "$3"; }

# line_checks SPEC SCAN_JSON KDIR NAME: every "check-line: ID => REGEX"
# line of SPEC: the entry ID is at the one line of its file in KDIR that
# matches the extended REGEX, found by name rather than by number.
line_check() {
	_id=${1%% => *}
	_re=${1#* => }
	_want=$(grep -nE -- "$_re" "$3/${_id%%:*}" | cut -d: -f1)
	_got=$(jq -r --arg id "$_id" '.entries[] | select(.id == $id) | .line' "$2")
	[ -n "$_want" ] && [ "$_got" = "$_want" ] && return 0
	echo "FAIL: $4: $_id: line $_got, expected the one matching /$_re/ ($_want)"
	return 1
}
line_checks() { spec_each "$1" check-line line_check "$2" "$3" "$4"; }

# evidence_checks KDIR SCAN_JSON NAME: every hop of every evidence chain
# names a function defined at the file:line given, and its "at" line
# exists in that file; a hop's "store" (the driver's store that chose a
# dispatch's target) is at its file:line: the line names the table, or the
# field stored into when the value goes on ("x->ops = c ? &a :\n &b;").
evidence_checks() {
	python3 - "$1" "$2" "$3" <<'PY'
import json, os, sys
kdir, scan, name = sys.argv[1:]
bad = hops = 0
lines = {}
def text(f):
    if f not in lines:
        p = os.path.join(kdir, f)
        lines[f] = open(p, errors='replace').read().split('\n') if os.path.isfile(p) else None
    return lines[f]
for e in json.load(open(scan))['entries']:
    for ev in e.get('evidence', []):
        for h in ev['chain']:
            hops += 1
            t = text(h['file'])
            if h['file'].startswith('(mmprep'):
                continue
            ok = t is not None and 0 < h['line'] <= len(t) and h['function'] in t[h['line'] - 1]
            if ok and 'at' in h:
                ok = 0 < h['at'] <= len(t)
            st = h.get('store')
            if ok and st:
                s = text(st['file'])
                field = st['holder'].rsplit('.', 1)[-1]
                ok = s is not None and 0 < st['line'] <= len(s) and \
                    (st['table'] in s[st['line'] - 1] or
                     field in s[st['line'] - 1])
            if not ok:
                bad += 1
                if bad <= 5:
                    print(f"FAIL: {name}: {e['id']}: hop {h} not found in the tree")
print(f"{name}: {hops} evidence hops checked, {bad} bad")
sys.exit(1 if bad else 0)
PY
}

# tree_sum DIR: one checksum of every name, type, size and mtime below
# DIR, to show that a run wrote nothing there (mmprep never writes KDIR).
tree_sum() {
	find "$1" -printf '%P\t%y\t%s\t%T@\n' | LC_ALL=C sort | sha256sum |
		cut -d' ' -f1
}

# result NAME STATUS: one test's outcome, counted in $pass or $fail.
result() {
	if [ "$2" -eq 0 ]; then
		pass=$((pass + 1))
	else
		echo "FAIL: $1"
		fail=$((fail + 1))
	fi
}
