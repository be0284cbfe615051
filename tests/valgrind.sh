#!/bin/sh
# valgrind memcheck on small 2-rank runs of every workload and schedule: no invalid access, no use
# of uninitialised memory, no definite leak in mcpi's own code. Suppressed: only Open MPI's own
# reports (Debian ships them as openmpi-valgrind.supp) and tests/valgrind.supp (Open MPI's and
# MPICH's start-up allocations). Slow, so it runs
# where MCPI_VALGRIND=1 (CI sets it); skips without valgrind or in a sanitizer build.
. "${srcdir:-.}/tests/setup"
[ "${MCPI_VALGRIND:-0}" = 1 ] || { echo "SKIP: set MCPI_VALGRIND=1 to run memcheck (slow)"; exit 77; }
command -v valgrind > /dev/null || fail "MCPI_VALGRIND=1 but valgrind is missing (Debian package valgrind)"
if nm "$MCPI" 2> /dev/null | grep -q __asan_init; then echo "SKIP: a sanitizer build cannot run under valgrind"; exit 77; fi
SUPP=$(cd "${srcdir:-.}/tests" && pwd)/valgrind.supp
OMPI_SUPP=/usr/share/openmpi/openmpi-valgrind.supp # Open MPI's; MPICH ships none (tests/valgrind.supp covers it)
[ -f "$OMPI_SUPP" ] && [ "$MPIEXEC_DIALECT" = openmpi ] || OMPI_SUPP=$SUPP
MCPI_TEST_TIMEOUT=600
i=0
for args in "-n 100001 -s 3" "-n 100001 --schedule dynamic:999" "primes --from 1e6 --to 1.1e6 --schedule guided" \
            "primes --to 1e5 --method mr --list $TMP/list.txt" "powersum --to 1e5 --power 3" \
            "-n 1e4 --sweep strong --repeat 1" "-n abc" \
            "primes --to 1e6 --schedule dynamic --checkpoint $TMP/ck --progress" \
            "primes --to 1e6 --schedule dynamic --checkpoint $TMP/ck" "-n 1000 --checkpoint $TMP/ck"; do
    i=$((i + 1))
    status=0
    # shellcheck disable=SC2086
    launch 2 valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
        --errors-for-leak-kinds=definite --suppressions="$OMPI_SUPP" --suppressions="$SUPP" \
        --log-file="$TMP/vg.$i.%p" "$MCPI" $args < /dev/null > /dev/null 2> "$TMP/err" || status=$?
    # The status each run must end with: bad input (-n abc) and a checkpoint of another run (the
    # last, after the primes runs made ck) are refused with 2; 99 would be valgrind's error status.
    case $args in "-n abc" | "-n 1000 --checkpoint "*) want=2 ;; *) want=0 ;; esac
    # (valgrind's own note on MPICH's huge-page shared memory is not an error in mcpi)
    [ "$status" = "$want" ] && ! grep -hE "^==[0-9]+== [A-Z]" "$TMP"/vg.$i.* 2> /dev/null |
        grep -qv "WARNING: valgrind ignores shmget(shmflg) SHM_HUGETLB" ||
        { cat "$TMP"/err "$TMP"/vg.$i.*; fail "memcheck: mcpi $args (status $status, expected $want)"; }
    echo "ok: memcheck clean: mcpi $args (status $status)"
done
