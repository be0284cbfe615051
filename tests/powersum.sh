#!/bin/sh
# powersum against Faulhaber's formula, evaluated exactly with Python's big integers and fractions,
# on several rank counts and schedules; sums past 2^128 - 1 are refused, never wrapped.
. "${srcdir:-.}/tests/setup"
faulhaber() { # faulhaber A B P: sum of k^P for k in [A, B)
    "$PYTHON3" - "$@" <<'PY'
import sys
from fractions import Fraction
from math import comb
a, b, p = map(int, sys.argv[1:])
# Bernoulli numbers B_j with B_1 = +1/2, so that sum_{k=1}^{n} k^p = sum_j C(p+1, j) B_j n^(p+1-j) / (p+1).
B = [Fraction(1)]
for m in range(1, p + 1):
    B.append(1 - sum(comb(m, j) * B[j] / (m - j + 1) for j in range(m)))
def S(n):  # sum_{k=1}^{n} k^p, with 0^0 = 1 counted separately below
    return sum(comb(p + 1, j) * B[j] * Fraction(n) ** (p + 1 - j) for j in range(p + 1)) / (p + 1)
total = S(b - 1) - S(a - 1) if a >= 1 else S(b - 1) + (1 if p == 0 else 0)
assert total.denominator == 1
print(total.numerator)
PY
}
for case in "1 5001 2" "0 1 0" "0 10 0" "7 7 3" "1 1000001 1" "1 100001 3" "12345 54321 5" \
            "1 2001 10" "18446744073709551615 18446744073709551616 2" "9223372036854775808 9223372036854775810 2" \
            "1 10000000 2" "1 70171683 4"; do
    set -- $case
    want=$(faulhaber "$1" "$2" "$3")
    for run in "1 static" "2 static" "3 dynamic:999" "4 guided"; do
        np=${run%% *}
        schedule=${run#* }
        got=$(run_np "$np" powersum --from "$1" --to "$2" --power "$3" --schedule "$schedule" --format json | json_get sum)
        [ "$got" = "$want" ] || fail "powersum [$1, $2) ^$3 on $np ranks ($schedule): $got, Faulhaber says $want"
    done
    echo "ok: sum k^$3 over [$1, $2) = $want"
done
[ "$(faulhaber 1 5001 2)" = 41679167500 ] || fail "Faulhaber itself"
# Overflow: refused with status 2 and one line, on every schedule.
# [1, 70171684) ^4 is the first range of that power past 2^128 - 1: only the exact sum can tell.
for case in "9223372036854775808 9223372036854775812 2" "1 70171684 4" "1 1e12 3" "2 3 128" "0 1e6 1000"; do
    set -- $case
    refused 2 "exceeds 2^128 - 1" run_np 3 powersum --from "$1" --to "$2" --power "$3" --schedule dynamic
    echo "ok: refused: $(cat "$TMP/err")"
done
