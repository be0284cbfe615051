#!/bin/sh
# The dynamic and guided scheduler: rank 0 answers chunk requests (from a thread, or between slices
# of its own work with MCPI_SERVER=poll), default chunks pay for the workload's fixed cost per call
# anywhere in [0, 2^64), an explicit chunk size is obeyed and warned about when its fixed cost
# dominates, and every rank's wait for work is reported.
. "${srcdir:-.}/tests/setup"

# Both ways of serving give the reference result on 1 to 4 ranks. Reference: pi(2e6) - pi(1e6) =
# 148933 - 78498 = 70435 (OEIS A006880 and pi(2e6) = 148933 from tables of pi(x)).
for server in thread poll; do
    for schedule in dynamic guided guided:5; do
        got=$(MCPI_SERVER=$server same_on_ranks count primes --from 1e6 --to 2e6 --schedule "$schedule")
        [ "$got" = 70435 ] || fail "server $server, $schedule: $got primes on 1 to 4 ranks, expected 70435"
    done
    # Tiny chunks (100,000 of them, by trial division, which has no cost per call) on 3 ranks: many
    # requests and answers; one rank count is enough.
    got=$(MCPI_SERVER=$server run_np 3 primes --from 1e6 --to 2e6 --method trial --schedule dynamic:10 --format json |
        json_get count)
    [ "$got" = 70435 ] || fail "server $server, 3 ranks, dynamic:10: $got primes, expected 70435"
    echo "ok: rank 0 serving by $server: 70435 primes in [1e6, 2e6) on 1-4 ranks, dynamic and guided"
done

# Near 2^64 every sieve call first sieves up to 2^32 (about a second): the default chunks are as
# large as static slices, so no schedule pays that cost more than once per rank. Reference count:
# Miller-Rabin (an independent algorithm), which is fast up there.
top="--from 18446744073708551616 --to 18446744073709551616"
# shellcheck disable=SC2086
want=$(run_np 2 primes $top --method mr --format json | json_get count)
for schedule in dynamic guided; do
    # shellcheck disable=SC2086
    run_np 2 primes $top --schedule "$schedule" --format json > "$TMP/top.json"
    "$PYTHON3" - "$TMP/top.json" "$want" <<'PY' || fail "near 2^64, $schedule"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["count"] == int(sys.argv[2]), (r["count"], sys.argv[2])
assert r["chunks"] <= 2, r["chunks"]       # one per rank: the fixed cost is paid once per rank
assert r["call_cost"] > 10**8, r["call_cost"]
PY
done
echo "ok: [2^64 - 1e6, 2^64): $want primes (as Miller-Rabin) in at most 2 chunks, dynamic and guided"

# An explicit chunk size is obeyed, and when its fixed cost per call outweighs the work the text
# report says so in one warning line; the default chunks do not warn.
run_np 2 primes --from 1e15 --to 1.0000000002e15 --schedule dynamic:1000 > "$TMP/small.txt"
grep -q '^  schedule  *dynamic:1000 (200 chunks)$' "$TMP/small.txt" || { cat "$TMP/small.txt"; fail "dynamic:1000 not obeyed"; }
[ "$(grep -c '^  warning .*fixed cost per call dominates' "$TMP/small.txt")" = 1 ] ||
    { cat "$TMP/small.txt"; fail "no warning line for a chunk size dominated by the fixed cost"; }
run_np 2 primes --from 1e15 --to 1.0000000002e15 --schedule dynamic > "$TMP/default.txt"
! grep -q 'fixed cost' "$TMP/default.txt" || { cat "$TMP/default.txt"; fail "the default chunk size warned"; }
echo "ok: dynamic:1000 near 1e15 obeyed with a warning; the default does not warn"

# Waiting for work is measured on every rank and reported.
run_np 3 -n 1e7 --schedule dynamic --format json > "$TMP/wait.json"
"$PYTHON3" - "$TMP/wait.json" <<'PY' || fail "wait fields"
import json, sys
r = json.load(open(sys.argv[1]))
assert 0 <= r["wait_mean_s"] <= r["wait_max_s"] < r["wall_s"] + 1e-3, r
assert r["requests"] >= 2 and r["serve_s"] >= 0, r   # the two other ranks asked at least once each
PY
run_np 2 -n 1e6 --schedule guided > "$TMP/wait.txt"
grep -q '^  wait for work  *max [0-9.]* s, mean [0-9.]* s per rank' "$TMP/wait.txt" || { cat "$TMP/wait.txt"; fail "no wait line"; }
echo "ok: wait for work reported"
