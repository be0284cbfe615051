#!/bin/sh
# The reproducibility promise: for a given (N, seed) the hit count is the same on 1, 2, 3 and 4 ranks,
# including odd N (a pair split between ranks) and fewer samples than ranks, and it is the known
# answer: the hits below were computed by tests/philox-hits, an independent Python implementation
# of the README's reproducibility contract (Philox4x32-10 from its published definition, checked
# against Random123's known-answer vectors), which this test runs again. The same answers hold
# under every MPI library (make check runs this under Open MPI and MPICH in CI).
. "${srcdir:-.}/tests/setup"
for case in "1000001 42 785857" "1 7 0" "3 7 2" "999999 18446744073709551615 785276" "2e6 0 1570568"; do
    set -- $case
    ref=$("$PYTHON3" "${srcdir:-.}/tests/philox-hits" "$1" "$2")
    [ "$ref" = "$3" ] || fail "tests/philox-hits gives $ref hits for N=$1 seed=$2, the known answer is $3"
    hits=$(same_on_ranks hits -n "$1" -s "$2")
    [ "$hits" = "$ref" ] || fail "N=$1 seed=$2: $hits hits on 1 to 4 ranks, the known answer is $ref"
    echo "N=$1 seed=$2: $ref hits on 1, 2, 3 and 4 ranks, as the independent Philox gives"
done
