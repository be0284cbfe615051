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
# The library line names the MPI library this build uses, the one whose launcher configure found
# (tests/setup: MPIEXEC_DIALECT), and the build line names that launcher.
case $MPIEXEC_DIALECT in
openmpi) library="Open MPI" ;;
hydra) library="MPICH" ;;
*) library= ;;
esac
grep -q '^mcpi [0-9]' "$TMP/version" || { cat "$TMP/version"; fail "--version: no 'mcpi VERSION' line"; }
grep -q "^MPI [0-9]\.[0-9]*: $library" "$TMP/version" ||
    { cat "$TMP/version"; fail "--version: no 'MPI V.v: $library' line for launcher dialect $MPIEXEC_DIALECT"; }
grep -qF "launcher $MPIEXEC" "$TMP/version" || { cat "$TMP/version"; fail "--version does not name the launcher $MPIEXEC"; }
[ "$(grep -c '^mcpi [0-9]' "$TMP/version")" -eq 1 ] || fail "--version printed by more than one rank"
run_np 2 --help | grep -q '^Usage: mcpi' || fail "--help"
echo "formats OK"

# CSV across runs: --no-header appends rows under one header; the columns do not change with the
# options (empty cells instead); arrays are ';'-joined cells. JSON keeps JSON arrays.
run_np 2 primes --to 100 --format csv > "$TMP/runs.csv"
run_np 2 primes --to 100 --format csv --no-header --progress 2> /dev/null >> "$TMP/runs.csv"
run_np 1 primes --to 100 --format csv --no-header --checkpoint "$TMP/p.ckpt" >> "$TMP/runs.csv"
run_np 1 primes --to 100 --format csv --list "$TMP/list" > "$TMP/list.csv"
"$PYTHON3" - "$TMP/runs.csv" "$TMP/list.csv" <<'PY' || { cat "$TMP/runs.csv"; fail "appended CSV runs"; }
import csv, sys
lines = open(sys.argv[1]).read().splitlines()
assert sum(l.startswith("workload,") for l in lines) == 1 and len(lines) == 4, lines
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 3 and all(None not in r and len(r) == len(rows[0]) for r in rows), rows
for k in ("tracking_overhead", "checkpoint", "resumed_items", "list", "list_s", "cpu"):
    assert k in rows[0], k
assert rows[0]["tracking_overhead"] == "" and rows[0]["checkpoint"] == "" and rows[0]["list"] == ""
assert float(rows[1]["tracking_overhead"]) >= 0 and rows[2]["checkpoint"].endswith("p.ckpt")
# the 25 primes below 100, as the sieve of Eratosthenes in Python finds them
primes = [n for n in range(2, 100) if all(n % d for d in range(2, n))]
assert rows[0]["first"] == ";".join(map(str, primes[:10])) and rows[0]["last"] == ";".join(map(str, primes[-10:])), rows[0]
assert rows[0]["hosts"] and "[" not in rows[0]["hosts"] and '"' not in rows[0]["hosts"]
listed = list(csv.DictReader(open(sys.argv[2])))
assert list(listed[0]) == list(rows[0]) and listed[0]["list"].endswith("list"), "--list changed the columns"
PY
run_np 1 primes --to 100 --format json | "$PYTHON3" -c 'import json, sys; r = json.load(sys.stdin); assert r["first"][0] == 2 and "list" not in r and "tracking_overhead" not in r' ||
    fail "JSON arrays or absent fields"
echo "ok: appended CSV runs, fixed columns, ';' arrays"

# Refusals and help: -q with json/csv, --no-header without csv, a near workload name.
refused 2 "option '--quiet' applies only to --format text" run_np 1 -q --format json
refused 2 "option '--no-header' applies only to --format csv" run_np 1 --no-header
refused 2 "unknown workload 'prime' (did you mean primes?)" run_np 1 prime
refused 2 "did you mean powersum?" run_np 1 powrsum
refused 2 "unknown workload 'zzz' (expected pi, primes or powersum)" run_np 1 zzz
run_np 1 primes --help > "$TMP/help"
grep -q '^Usage: mcpi primes' "$TMP/help" && grep -q -- '--method' "$TMP/help" && ! grep -q -- '--samples N' "$TMP/help" ||
    { cat "$TMP/help"; fail "mcpi primes --help"; }
run_np 1 --help | grep -q 'every S seconds' || fail "--help: the checkpoint interval"
# Unique prefixes of long options are accepted, as --help says.
run_np 1 --help | grep -q 'unambiguous prefix' || fail "--help does not document prefixes"
[ "$(run_np 1 --samp 1e5 --format json | json_get samples)" = 100000 ] || fail "--samp"
echo "ok: refusals, per-workload help, prefixes"

# The report is user data too: a write to standard output that fails (here /dev/full, which
# fails every write with ENOSPC) is status 1 and one line, never a silent 0 with the report lost.
# mcpi without a launcher (a singleton) writes its stdout itself; under mpirun the launcher does.
if [ -c /dev/full ]; then
    for args in "-n 1e5 -s 1" "-n 1e5 --format json" "-n 1e5 --format csv" "-n 1e5 -q" \
        "primes --to 1000 --format csv --no-header" "powersum --to 1000 -q" "-n 1e5 --sweep strong --repeat 1" \
        "--help" "--version"; do
        st=0
        # shellcheck disable=SC2086
        timeout "$MCPI_TEST_TIMEOUT" "$MCPI" $args < /dev/null > /dev/full 2> "$TMP/err" || st=$?
        [ "$st" = 1 ] || { cat "$TMP/err" >&2; fail "mcpi $args > /dev/full: status $st, expected 1"; }
        [ "$(wc -l < "$TMP/err")" = 1 ] && grep -q '^mcpi: .*No space left on device' "$TMP/err" ||
            { cat "$TMP/err" >&2; fail "mcpi $args > /dev/full: not one line naming the error"; }
    done
    echo "ok: a failed write of the report is status 1 and one line"
fi
