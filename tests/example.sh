#!/bin/sh
# The user-defined workload of examples/ln2.c, built against the public mcpi.h: the same hits on
# 1 and 3 ranks, and an estimate within 5 standard errors of ln 2.
. "${srcdir:-.}/tests/setup"
LN2=$(dirname "$MCPI")/examples/ln2
one=$(launch 1 "$LN2" 2000001 7 < /dev/null)
three=$(launch 3 "$LN2" 2000001 7 < /dev/null)
echo "$one"
echo "$three"
hits1=$(echo "$one" | awk '{print $6}')
hits3=$(echo "$three" | awk '{print $6}')
[ -n "$hits1" ] && [ "$hits1" = "$hits3" ] || fail "hits differ: $hits1 on 1 rank, $hits3 on 3"
echo "$one" | awk '{ z = ($2 - log(2)) / $4; if (z < 0) z = -z; exit !(z < 5) }' || fail "estimate too far from ln 2"

# Its numbers are parsed like mcpi's: 1e6 is a million, and anything that is not a whole number
# (or is out of range) is refused by rank 0 with one line and status 2.
[ "$(launch 1 "$LN2" 1e6 42 < /dev/null | awk '{print $8}')" = 1000000 ] ||
    fail "ln2 1e6: not a million samples"
for bad in abc 1e8x -5 +7 0 18446744073709551616 "1e6 1.5" "1 2 3"; do
    # shellcheck disable=SC2086
    refused_by "ln2: " 2 "" launch 2 "$LN2" $bad
done
echo "ok: ln2 refuses bad numbers"
