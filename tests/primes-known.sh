#!/bin/sh
# Prime counts against answers computed independently of mcpi.
. "${srcdir:-.}/tests/setup"

# count_of ARGS...: the count of an mcpi primes run on 2 ranks.
count_of() {
    run_np 2 primes --format json "$@" | json_get count
}
expect() { # expect WANT DESCRIPTION ARGS...
    want=$1 what=$2
    shift 2
    got=$(count_of "$@")
    [ "$got" = "$want" ] || fail "$what: $got primes, expected $want"
    echo "ok: $what: $got"
}

# pi(10^k), k = 1..10: OEIS A006880 (4, 25, 168, 1229, 9592, 78498, 664579, 5761455, 50847534, 455052511).
k=1
for want in 4 25 168 1229 9592 78498 664579 5761455 50847534 455052511; do
    expect "$want" "pi(1e$k)" --to "1e$k" --schedule dynamic
    k=$((k + 1))
done
expect 78498 "pi(1e6) by Miller-Rabin" --to 1e6 --method mr --schedule guided
# The same known answer on 1, 3 and 4 ranks too (2 above), under every schedule.
for run in "1 static" "3 dynamic" "4 guided" "3 static"; do
    got=$(run_np ${run%% *} primes --to 1e7 --schedule ${run#* } --format json | json_get count)
    [ "$got" = 664579 ] || fail "pi(1e7) on ${run%% *} ranks (${run#* }): $got primes, expected 664579"
done
echo "ok: pi(1e7) = 664579 on 1, 2, 3 and 4 ranks"
expect 78498 "pi(1e6) by trial division" --to 1e6 --method trial

# The example the README promises: 54208 primes, first 100000007, last 100999993.
run_np 2 primes --from 100000000 --to 101000000 --format json > "$TMP/r.json"
"$PYTHON3" - "$TMP/r.json" <<'PY' || fail "[1e8, 1.01e8)"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["count"] == 54208 and r["first"][0] == 100000007 and r["last"][-1] == 100999993, r
assert len(r["first"]) == 10 and len(r["last"]) == 10 and r["first"] == sorted(r["first"])
PY

# Tiny and empty ranges: [0, 2) and [5, 5) hold no primes, [2, 3) holds one.
expect 0 "[0, 2)" --from 0 --to 2
expect 0 "[1, 2)" --from 1 --to 2
expect 1 "[2, 3)" --from 2 --to 3
expect 0 "[5, 5)" --from 5 --to 5
expect 2 "[0, 4)" --from 0 --to 4

# The top of the 64-bit numbers: the ten largest primes are 2^64 - k for
# k = 59, 83, 95, 179, 189, 257, 279, 323, 353, 363 (table "primes just less than a power of two").
run_np 3 primes --from 18446744073709551216 --to 18446744073709551616 --method mr --schedule dynamic:7 \
    --format json > "$TMP/top.json"
"$PYTHON3" - "$TMP/top.json" <<'PY' || fail "primes below 2^64 (mr)"
import json, sys
r = json.load(open(sys.argv[1]))
want = [2**64 - k for k in (363, 353, 323, 279, 257, 189, 179, 95, 83, 59)]
assert r["count"] == 10 and r["first"] == want and r["last"] == want, r
PY
# The sieve up there costs about a second per call (it sieves up to 2^32): one rank, one call.
run_np 1 primes --from 18446744073709551216 --to 18446744073709551616 --format json > "$TMP/top-sieve.json"
"$PYTHON3" - "$TMP/top-sieve.json" <<'PY' || fail "primes below 2^64 (sieve)"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["count"] == 10 and r["last"][-1] == 2**64 - 59, r
PY
echo "ok: primes below 2^64"

# A range checked against primesieve's own command-line program, when it is installed.
if command -v primesieve > /dev/null; then
    want=$(primesieve 1234567890 1299999999 --count --quiet)
    expect "$want" "[1234567890, 1300000000) vs primesieve CLI" --from 1234567890 --to 1300000000
fi
