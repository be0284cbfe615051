#!/bin/sh
# The engine and mcpi_run on MPI_COMM_WORLD of 3 ranks agree with MPI_COMM_SELF (check_run's suite).
. "${srcdir:-.}/tests/setup"
# Many small tracked runs on 3 ranks sharing 2 cores: tens of seconds on a busy machine.
MCPI_TEST_TIMEOUT=300
launch 3 "$TESTS_BUILDDIR/check_run" < /dev/null > "$TMP/out" 2>&1 ||
    { cat "$TMP/out"; fail "check_run on 3 ranks"; }
grep -c '^100%' "$TMP/out" | grep -qx 3 || { cat "$TMP/out"; fail "not every rank passed"; }
