#!/bin/sh
# The promise: every workload gives the same result, bit for bit, on 1, 2, 3 and 4 ranks and
# under static, dynamic and guided schedules.
. "${srcdir:-.}/tests/setup"
check() { # check KEY WORKLOAD-ARGS...
    key=$1
    shift
    ref=
    for schedule in static dynamic:777 guided; do
        got=$(same_on_ranks "$key" "$@" --schedule "$schedule")
        [ -n "$ref" ] || ref=$got
        [ "$got" = "$ref" ] || fail "$* under $schedule: $key $got, under static $ref"
    done
    echo "ok: $*: $key $ref everywhere"
}
check hits pi -n 1000001 -s 5
check count primes --from 1e6 --to 3e6
check first primes --from 1e6 --to 3e6
check last primes --from 1e6 --to 3e6
check count primes --from 1 --to 200000 --method trial
check count primes --from 4294960000 --to 4295000000 --method mr
check sum powersum --from 3 --to 2000000 --power 3
