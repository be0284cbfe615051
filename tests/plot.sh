#!/bin/sh
# tools/plot-scaling on fixed sweeps (tests/data: rows mcpi --sweep wrote on a 2-core machine) gives
# valid PNG images; tools/scaling across launches gives rows in the same format with consistent
# arithmetic; bad input to both gives status 2 and one line. Needs gnuplot (gnuplot-nox).
. "${srcdir:-.}/tests/setup"
TOOLS=$(cd "${srcdir:-.}/tools" && pwd)
DATA=$(cd "${srcdir:-.}/tests/data" && pwd)
command -v gnuplot > /dev/null || skip "needs gnuplot (Debian package gnuplot-nox)"
is_png() { # is_png FILE: the PNG signature, an IHDR chunk, and a plausible width and height
    "$PYTHON3" - "$1" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n" and b[12:16] == b"IHDR", "not a PNG"
w, h = struct.unpack(">II", b[16:24])
assert 400 <= w <= 4000 and 300 <= h <= 4000 and len(b) > 5000, (w, h, len(b))
PY
}
for kind in strong weak; do
    "$PYTHON3" "$TOOLS/plot-scaling" "$DATA/sweep-$kind.csv" --output "$TMP/$kind" > "$TMP/files"
    for f in "$TMP/$kind-speedup.png" "$TMP/$kind-efficiency.png"; do
        is_png "$f" || fail "$f is not a valid PNG"
        grep -qx "$f" "$TMP/files" || fail "plot-scaling did not name $f"
    done
    echo "ok: $kind: $(cat "$TMP/files" | tr '\n' ' ')"
done

# Across launches: one launch per rank count.
"$PYTHON3" "$TOOLS/scaling" strong --ranks 1,2,3 --repeat 2 \
    --launcher "$(launcher_template)" --output "$TMP/runs.csv" -- "$MCPI" -n 2e6 -s 3
"$PYTHON3" "$TOOLS/scaling" weak --ranks 1,2 --repeat 1 \
    --launcher "$(launcher_template)" --output "$TMP/weak.csv" -- "$MCPI" primes --from 1e6 --to 2e6
"$PYTHON3" - "$TMP/runs.csv" "$TMP/weak.csv" <<'PY' || fail "tools/scaling rows"
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
weak = list(csv.DictReader(open(sys.argv[2])))
assert [r["ranks"] for r in rows] == ["1", "2", "3"] and len({r["hits"] for r in rows}) == 1, rows
t1 = float(rows[0]["wall_s"])
for r in rows:
    p = int(r["ranks"])
    assert r["sweep"] == "strong" and r["repeat"] == "2" and r["work"] == "2000000"
    assert math.isclose(float(r["speedup"]), t1 / float(r["wall_s"]), rel_tol=1e-3), r
    assert math.isclose(float(r["efficiency"]), float(r["speedup"]) / p, rel_tol=1e-3), r
assert [int(r["to"]) for r in weak] == [2 * 10**6, 3 * 10**6] and [r["work"] for r in weak] == ["1000000", "2000000"], weak
print("ok: tools/scaling: %d strong rows, %d weak rows" % (len(rows), len(weak)))
PY
"$PYTHON3" "$TOOLS/plot-scaling" "$TMP/runs.csv" --output "$TMP/runs" > /dev/null
is_png "$TMP/runs-speedup.png" || fail "plot of tools/scaling rows"

# Bad input: status 2, one line.
printf 'a,b\n1,2\n' > "$TMP/other.csv"
for bad in "$TMP/missing.csv" "$TMP/other.csv"; do
    refused_by "plot-scaling: " 2 "$bad" "$PYTHON3" "$TOOLS/plot-scaling" "$bad"
done
status=0
"$PYTHON3" "$TOOLS/scaling" weak --ranks 1 -- "$MCPI" primes > /dev/null 2> "$TMP/err" || status=$?
[ "$status" = 2 ] && grep -q "needs --to" "$TMP/err" || fail "scaling weak without --to: status $status"
echo "ok: bad input"

# Several appended studies of one kind plot as one figure; strong and weak together are refused
# with the lines of each; rows with an error are left out and counted.
cp "$DATA/sweep-strong.csv" "$TMP/two.csv"
tail -n +2 "$DATA/sweep-strong.csv" >> "$TMP/two.csv"
"$PYTHON3" "$TOOLS/plot-scaling" "$TMP/two.csv" --output "$TMP/two" > /dev/null || fail "two appended strong studies"
is_png "$TMP/two-speedup.png" || fail "plot of two appended studies"
{ cat "$DATA/sweep-strong.csv"; tail -n +2 "$DATA/sweep-strong.csv" | sed 's/,strong,/,weak,/'; } > "$TMP/mixed.csv"
refused_by "plot-scaling: " 2 "mixes kinds of study" "$PYTHON3" "$TOOLS/plot-scaling" "$TMP/mixed.csv"
grep -q 'mixes kinds of study.*strong at lines 2-3; weak at line 4, line 5' "$TMP/err" ||
    { cat "$TMP/err"; fail "mixed strong and weak: not the lines of each"; }
"$PYTHON3" "$TOOLS/plot-scaling" --help | grep -qi 'error bars' || fail "plot-scaling --help"
echo "ok: appended studies, mixed kinds refused"
