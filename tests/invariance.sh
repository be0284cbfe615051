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

# MCPI_KERNEL on some ranks only (Open MPI's mpirun does not pass a variable to other nodes without
# -x): each rank runs the kernel it was given or picks one itself, and the hits stay the known answer.
# A forced kernel's check on every rank's CPU is collective, so it must not hang when it is forced
# on some ranks only.
for forced in 0 2; do
    cat > "$TMP/kernel-on-$forced" << EOS
#!/bin/sh
[ "\${$MPI_RANK_VAR:-0}" = $forced ] && export MCPI_KERNEL=scalar
exec "$MCPI" "\$@"
EOS
    chmod +x "$TMP/kernel-on-$forced"
    hits=$(MCPI_TEST_TIMEOUT=30 launch 3 "$TMP/kernel-on-$forced" -n 1000001 -s 42 --format json < /dev/null | json_get hits) ||
        fail "MCPI_KERNEL=scalar on rank $forced of 3 only: the run failed"
    [ "$hits" = 785857 ] || fail "MCPI_KERNEL=scalar on rank $forced of 3 only: $hits hits, the known answer is 785857"
    echo "MCPI_KERNEL=scalar on rank $forced of 3 only: 785857 hits"
done

# An invalid MCPI_KERNEL is refused alike on every rank, whether every rank has it or one alone:
# status 2 and one line from rank 0, never a rank that leaves while the others wait for it.
cat > "$TMP/bad-kernel-on-2" << EOS
#!/bin/sh
[ "\${$MPI_RANK_VAR:-0}" = 2 ] && export MCPI_KERNEL=sse9
exec "$MCPI" "\$@"
EOS
chmod +x "$TMP/bad-kernel-on-2"
MCPI_KERNEL=sse9 refused 2 "invalid MCPI_KERNEL 'sse9': expected auto, avx512, avx2, portable or scalar" run_np 3 -n 1000
MCPI_TEST_TIMEOUT=30 refused 2 "invalid MCPI_KERNEL on some rank" launch 3 "$TMP/bad-kernel-on-2" -n 1000
echo "an invalid MCPI_KERNEL on every rank or on rank 2 alone: $(cat "$TMP/err")"
