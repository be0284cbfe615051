#!/bin/sh
# Progress: --progress makes rank 0 print the fraction done and an ETA on stderr at most once a
# second, ending at 100%; it is on by default when rank 0's stderr is a terminal and off on a pipe;
# --no-progress turns it off on a terminal. The report on stdout is unchanged.
. "${srcdir:-.}/tests/setup"
. "${srcdir:-.}/tests/ckpt-lib"

t0=$(date +%s)
run_np 2 -n "$PI_N" -s 5 --format json --progress > "$TMP/out.json" 2> "$TMP/err"
t1=$(date +%s)
json_get hits < "$TMP/out.json" > /dev/null || fail "--progress: no JSON report on stdout"
lines=$(wc -l < "$TMP/err")
[ "$lines" -ge 2 ] || { cat "$TMP/err"; fail "--progress: $lines progress lines for a run of $((t1 - t0)) s"; }
[ "$lines" -le $((t1 - t0 + 2)) ] || { cat "$TMP/err"; fail "--progress: $lines lines in $((t1 - t0)) s: more than one a second"; }
grep -vqE '^mcpi: +[0-9]+\.[0-9]% done \([0-9]+ of [0-9]+\), .* elapsed, ETA .*$' "$TMP/err" &&
    { cat "$TMP/err"; fail "--progress: a line of unexpected form"; }
tail -n 1 "$TMP/err" | grep -q '100.0% done' || { cat "$TMP/err"; fail "--progress: the last line is not 100%"; }
echo "ok: --progress: $lines lines in $((t1 - t0)) s; last: $(tail -n 1 "$TMP/err")"

# Off by default on a pipe.
run_np 2 -n 1e8 --format json > /dev/null 2> "$TMP/err"
[ ! -s "$TMP/err" ] || { cat "$TMP/err"; fail "progress printed by default on a pipe"; }

# On by default on a terminal (script(1) gives the run one), and --no-progress turns it off.
if command -v script > /dev/null; then
    script -qec "$MCPI -n $PI_N -s 5 -q" /dev/null > "$TMP/tty" < /dev/null
    grep -q '% done' "$TMP/tty" || { cat "$TMP/tty"; fail "no progress by default on a terminal"; }
    grep -q '100.0% done' "$TMP/tty" || fail "no final progress line on a terminal"
    script -qec "$MCPI -n 1e8 -s 5 -q --no-progress" /dev/null > "$TMP/tty" < /dev/null
    ! grep -q '% done' "$TMP/tty" || { cat "$TMP/tty"; fail "--no-progress printed progress on a terminal"; }
    echo "ok: progress by default on a terminal, not with --no-progress, not on a pipe"
else
    echo "note: script(1) missing (util-linux): the terminal default is not tested"
fi
