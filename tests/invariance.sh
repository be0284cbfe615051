#!/bin/sh
# The reproducibility promise: for a given (N, seed) the hit count is the same on 1, 2, 3 and 4 ranks,
# including odd N (a pair split between ranks) and fewer samples than ranks.
. "${srcdir:-.}/tests/setup"
for case in "1000001 42" "1 7" "3 7" "999999 18446744073709551615" "2e6 0"; do
    set -- $case
    ref=
    for np in 1 2 3 4; do
        hits=$(run_np "$np" -n "$1" -s "$2" --format json | json_get hits)
        [ -n "$hits" ] || fail "no hits at $np ranks for N=$1 seed=$2"
        [ -z "$ref" ] && ref=$hits
        [ "$hits" = "$ref" ] || fail "N=$1 seed=$2: $hits hits on $np ranks, $ref on 1 rank"
    done
    echo "N=$1 seed=$2: $ref hits on 1, 2, 3 and 4 ranks"
done
