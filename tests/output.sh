#!/bin/sh
# Output formats: JSON parses with the documented keys, CSV has a header and one row with the
# same fields, text names every field, --version and --help work, only rank 0 prints.
. "${srcdir:-.}/tests/setup"
run_np 3 -n 1e7 -s 42 --format json > "$TMP/out.json"
[ "$(wc -l < "$TMP/out.json")" -eq 1 ] || fail "JSON is not exactly one line (one rank only)"
"$PYTHON3" - "$TMP/out.json" <<'PY' || fail "JSON keys"
import json, sys
r = json.load(open(sys.argv[1]))
need = ["workload", "samples", "seed", "hits", "estimate", "stderr", "ranks", "wall_s", "nodes"]
missing = [k for k in need if k not in r]
assert not missing, missing
assert r["workload"] == "pi" and r["samples"] == 10**7 and r["seed"] == 42 and r["ranks"] == 3, r
assert 0 < r["hits"] < r["samples"]
PY
run_np 2 -n 1e5 --format csv > "$TMP/out.csv"
"$PYTHON3" - "$TMP/out.csv" <<'PY' || fail "CSV"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 1, rows
r = rows[0]
assert r["workload"] == "pi" and r["samples"] == "100000" and r["ranks"] == "2", r
assert int(r["hits"]) > 0 and float(r["estimate"]) == 4 * int(r["hits"]) / 100000
PY
run_np 2 -n 1e5 > "$TMP/out.txt"
for label in estimate "standard error" "95% interval" "|estimate - pi|" samples hits seed ranks \
             "wall time" "samples/s" "compute per rank" "load imbalance"; do
    grep -qF "  $label " "$TMP/out.txt" || fail "text output lacks '$label'"
done
[ "$(run_np 2 -q -n 1e5 | wc -l)" -eq 1 ] || fail "--quiet prints more than one line"
run_np 2 --version > "$TMP/version"
grep -q '^mcpi [0-9]' "$TMP/version" && grep -q 'Open MPI\|MPICH\|MPI' "$TMP/version" || fail "--version"
[ "$(grep -c '^mcpi [0-9]' "$TMP/version")" -eq 1 ] || fail "--version printed by more than one rank"
run_np 2 --help | grep -q '^Usage: mcpi' || fail "--help"
echo "formats OK"
