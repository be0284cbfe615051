#!/bin/sh
# Progress: --progress makes rank 0 print the fraction done and an ETA on stderr at most once a
# second on a pipe, ending at 100%; it is on by default when rank 0's stderr is a terminal and off on a pipe;
# --no-progress turns it off on a terminal. The report on stdout is unchanged.
. "${srcdir:-.}/tests/setup"
. "${srcdir:-.}/tests/ckpt-lib"

t0=$(date +%s)
run_np 2 -n "$PI_N" -s 5 --format json --progress 2>&1 > "$TMP/out.json" | cat > "$TMP/err" # a pipe, not a file
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

# Behind mpirun on a terminal (script(1) gives mpirun one; the ranks' stderr is a pipe): one line
# redrawn in place (carriage returns, no newline between updates), finished before the report,
# which follows whole; the tracking line names progress only.
if command -v script > /dev/null; then
    script -qec "$(launcher_prefix) 2 $MCPI -n $PI_N -s 5 --progress" /dev/null \
        < /dev/null > "$TMP/mpirun-tty"
    "$PYTHON3" - "$TMP/mpirun-tty" <<'PY' || { cat -A "$TMP/mpirun-tty"; fail "progress behind mpirun on a terminal"; }
import sys
lines = open(sys.argv[1], newline="").read().replace("\r\n", "\n").split("\n")
shown = [l for l in lines if "% done" in l]
assert len(shown) == 1, "progress took %d lines, not one redrawn line" % len(shown)
line = shown[0]
assert line.count("\r") >= 1 and line.rstrip().endswith("ETA 0 s"), repr(line)
i = lines.index(line)
report = lines[i + 1:]
assert report[0] == "mcpi: Monte Carlo estimate of pi", report[:2]
labels = [l.split()[0] for l in report[1:] if l.startswith("  ")]
need = ["estimate", "standard", "95%", "|estimate", "samples", "hits", "seed", "kernel", "ranks", "hosts",
        "schedule", "wall", "samples/s", "compute", "load", "wait", "tracking"]
assert labels[:len(need)] == need, labels
assert [l for l in report if "tracking overhead" in l][0].endswith("of compute time (progress)"), report
PY
    echo "ok: behind mpirun on a terminal: one redrawn line, then the whole report"
    # MCPI_PROGRESS=1: the same in-place line on a pipe; MCPI_PROGRESS=0: no progress by default.
    MCPI_PROGRESS=1 run_np 2 -n 1e9 -s 5 -q 2> "$TMP/err" > /dev/null
    [ "$(wc -l < "$TMP/err")" = 1 ] && grep -q "$(printf '\r')" "$TMP/err" || { cat -A "$TMP/err"; fail "MCPI_PROGRESS=1"; }
    script -qec "MCPI_PROGRESS=0 $MCPI -n 1e8 -q" /dev/null > "$TMP/tty" < /dev/null
    ! grep -q '% done' "$TMP/tty" || fail "MCPI_PROGRESS=0 printed progress on a terminal"
fi

# Into a regular file: plain lines, at most one every 10 s (so two for this short run: the first
# after 10 s at the latest, and 100%), and the report names what was on.
run_np 2 -n 1e9 -s 5 --progress --checkpoint "$TMP/f.ckpt" 2> "$TMP/file-err" > "$TMP/report"
[ "$(wc -l < "$TMP/file-err")" -le 2 ] || { cat "$TMP/file-err"; fail "more than one line every 10 s into a file"; }
tail -n 1 "$TMP/file-err" | grep -q '100.0% done' || { cat "$TMP/file-err"; fail "no final line in the file"; }
grep -q 'of compute time (checkpoint, progress)$' "$TMP/report" || { cat "$TMP/report"; fail "tracking line"; }
run_np 2 -n 1e7 --checkpoint "$TMP/g.ckpt" > "$TMP/report"
grep -q 'of compute time (checkpoint)$' "$TMP/report" || { cat "$TMP/report"; fail "tracking line, checkpoint only"; }
echo "ok: progress into a file; the tracking line names what was on"

# A run that fails shows no final progress line after its error: the one line is the error's
# (MCPI_TEST_FAIL, the test-only hook of docs/hardening.md: rank 0's map fails).
MCPI_TEST_FAIL=map:0 refused 1 "MCPI_TEST_FAIL" run_np 2 -n 1e8 --progress
! grep -q '% done' "$TMP/err" || { cat "$TMP/err"; fail "a failed run with --progress: a progress line"; }
echo "ok: a failed run with --progress: $(cat "$TMP/err")"
