# SPDX-License-Identifier: GPL-2.0
# Shared by the test runners.

# json_checks SPEC SCAN_JSON NAME: every "check-json: FILTER => JSON" line
# of SPEC, asserted on SCAN_JSON.  Prints one line per failure; returns
# the number of failures.
json_checks() {
	_bad=0
	_list=$(mktemp)
	sed -n 's/.*check-json: *//p' "$1" >"$_list"
	while IFS= read -r _check; do
		_filter=${_check%% => *}
		_want=$(echo "${_check#* => }" | jq -c .)
		_got=$(jq -c "$_filter" "$2" 2>&1)
		if [ "$_got" != "$_want" ]; then
			echo "FAIL: $3: $_filter: got $_got, expected $_want"
			_bad=$((_bad + 1))
		fi
	done <"$_list"
	rm -f "$_list"
	return $_bad
}

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
