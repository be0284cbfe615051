#!/bin/sh
# --sweep in one launch on 4 (oversubscribed) ranks: one row per point (1, 2, 4 ranks), the same
# result at every size of a strong sweep, work proportional to the ranks in a weak one, the
# arithmetic consistent in every row; the text table and JSON lines too.
. "${srcdir:-.}/tests/setup"
run_np 4 -n 2e6 -s 9 --sweep strong --repeat 2 --format csv > "$TMP/strong.csv"
run_np 4 primes --from 1e6 --to 2e6 --sweep weak --repeat 1 --format csv > "$TMP/weak.csv"
run_np 3 powersum --to 1e5 --sweep strong --format json > "$TMP/power.json"
run_np 4 primes --to 1e6 --sweep strong --schedule dynamic > "$TMP/table.txt"
"$PYTHON3" - "$TMP/strong.csv" "$TMP/weak.csv" "$TMP/power.json" <<'PY' || fail "sweep rows"
import csv, json, math, sys
strong = list(csv.DictReader(open(sys.argv[1])))
weak = list(csv.DictReader(open(sys.argv[2])))
power = [json.loads(line) for line in open(sys.argv[3])]
assert [r["ranks"] for r in strong] == ["1", "2", "4"], strong
assert [r["ranks"] for r in weak] == ["1", "2", "4"], weak
assert [r["ranks"] for r in power] == [1, 2, 3], power
assert len({r["hits"] for r in strong}) == 1, "strong: the result changed with the size"
assert all(r["samples"] == r["work"] == "2000000" and r["repeat"] == "2" for r in strong)
assert len({r["sum"] for r in power}) == 1 and power[0]["sum"] == str(sum(k * k for k in range(10**5)))
# weak: [1e6, 1e6 + p * 1e6): the work and the range grow with the ranks
for r in weak:
    p = int(r["ranks"])
    assert int(r["work"]) == p * 10**6 and int(r["to"]) == 10**6 + p * 10**6, r
for rows, kind in ((strong, "strong"), (weak, "weak")):
    t1 = float(rows[0]["wall_s"])
    for r in rows:
        p, tp = int(r["ranks"]), float(r["wall_s"])
        s = t1 / tp * (p if kind == "weak" else 1)
        assert r["sweep"] == kind and math.isclose(float(r["speedup"]), s, rel_tol=2e-3, abs_tol=2e-4), (r, s)
        assert math.isclose(float(r["efficiency"]), s / p, rel_tol=2e-3, abs_tol=2e-4), r
        assert float(r["wall_min_s"]) <= tp <= float(r["wall_max_s"]), r
        if p == 1:
            assert r["karp_flatt"] == "", r
        else:
            kf = (1 / float(r["speedup"]) - 1 / p) / (1 - 1 / p)
            assert math.isclose(float(r["karp_flatt"]), kf, rel_tol=1e-2, abs_tol=1e-3), (r, kf)
assert power[0]["karp_flatt"] is None
print("ok: %d strong, %d weak, %d JSON rows" % (len(strong), len(weak), len(power)))
PY
grep -q "^mcpi: strong scaling sweep of primes" "$TMP/table.txt" || fail "text table title"
[ "$(grep -cE '^ +[124] +1 +1000000 ' "$TMP/table.txt")" = 3 ] || { cat "$TMP/table.txt"; fail "text table rows"; }
cat "$TMP/table.txt"

# Work that cannot be split over 4 ranks, or scaled to them: status 2, one line from rank 0.
for bad in "primes --from 18446744073709551000 --to 18446744073709551516 --sweep weak|--sweep weak: 4 ranks" \
           "powersum --from 1 --to 4 --sweep strong|cannot be split over 4 ranks" \
           "-n 5000000000000000000 --sweep weak|passes 2^64" \
           "powersum --from 18446744073709551610 --to 18446744073709551611 --sweep weak|exceeds 2^128 - 1"; do
    # The last: a power sum that fits on one rank, but whose lower bound already exceeds 2^128 - 1 on
    # the 4 of a weak sweep, is refused before the first point (by Python: (2^64 - 6)^2 < 2^128 - 1 <
    # 4 (2^64 - 6)^2, which is at most the sum of k^2 for k in [2^64 - 6, 2^64 - 2)).
    args=${bad%%|*}
    # shellcheck disable=SC2086
    refused 2 "${bad#*|}" run_np 4 $args
    echo "ok: $(cat "$TMP/err")"
done

# --no-header: the rows alone, to append a second study under the first one's header.
run_np 2 -n 1e5 --sweep strong --repeat 1 --format csv --no-header > "$TMP/rows.csv"
[ "$(wc -l < "$TMP/rows.csv")" = 2 ] && ! grep -q '^workload,' "$TMP/rows.csv" || { cat "$TMP/rows.csv"; fail "--sweep --no-header"; }
head -n 1 "$TMP/strong.csv" | grep -q '^workload,.*,sweep,ranks,nodes,ranks_per_node,schedule,work,repeat,wall_s,wall_min_s,wall_max_s,speedup,efficiency,karp_flatt,imbalance,oversubscribed,cpu$' ||
    fail "the sweep's columns are not those the README lists"
echo "ok: --sweep --no-header"
