#!/bin/sh
# tools/scaling across launches: --help; one-line refusals with status 2; its columns begin with
# mcpi --sweep's, in order, for every workload; each rank count's row is in the file before the
# next launch starts; a failing rank count becomes an error row and the study goes on (or stops
# with --stop-on-error); launch_wall_s is measured outside the launch (a launcher that waits
# 0.5 s before starting mpirun makes it exceed mcpi's own wall_s by that much); appending writes
# the header once; SIGUSR1 ends the study with status 3 and keeps its rows.
. "${srcdir:-.}/tests/setup"
SCALING="$PYTHON3 $(cd "${srcdir:-.}/tools" && pwd)/scaling"
LAUNCH=$(launcher_prefix)

$SCALING --help > "$TMP/help" || fail "--help: status $?"
grep -q launch_wall_s "$TMP/help" && grep -q -- --stop-on-error "$TMP/help" || fail "--help does not describe the columns"

# Bad command lines: status 2, one line starting "scaling: ", no traceback.
ln -s "$TMP/elsewhere" "$TMP/link.csv"
for bad in "weak -- $MCPI -n abc|invalid --samples 'abc'" \
           "strong --ranks 1,x -- $MCPI|invalid --ranks" \
           "strong --repeat 0 -- $MCPI|invalid --repeat" \
           "strong $MCPI|expected 'scaling strong|weak" \
           "sideways -- $MCPI|invalid choice" \
           "strong -- $MCPI --format json|option '--format' in the mcpi command" \
           "weak -- $MCPI primes|needs --to" \
           "strong --output $TMP/link.csv -- $MCPI|cannot open --output"; do
    args=${bad%%|*}
    # shellcheck disable=SC2086
    refused_by "scaling: " 2 "${bad#*|}" $SCALING $args
done
[ ! -e "$TMP/elsewhere" ] || fail "--output wrote through a symbolic link"
status=0
$SCALING strong --ranks 1 --launcher "$LAUNCH {np}" -- "$MCPI" --seed x > /dev/null 2> "$TMP/err" || status=$?
[ "$status" = 2 ] && [ "$(cat "$TMP/err")" = "scaling: mcpi refused the command: $("$MCPI" --seed x 2>&1 | sed 's/^mcpi: //')" ] ||
    { cat "$TMP/err"; fail "mcpi's refusal: status $status"; }
echo "ok: bad command lines"

# A write that fails (standard output on /dev/full, which fails every write with ENOSPC): status 1
# and one line naming the error, never a Python traceback.
if [ -c /dev/full ]; then
    status=0
    $SCALING strong --ranks 1 --repeat 1 --launcher "$LAUNCH {np}" -- "$MCPI" -n 1000 > /dev/full 2> "$TMP/err" || status=$?
    [ "$status" = 1 ] && [ "$(wc -l < "$TMP/err")" = 1 ] && grep -q '^scaling: .*No space left on device' "$TMP/err" ||
        { cat "$TMP/err"; fail "scaling > /dev/full: status $status, not one line"; }
    echo "ok: a failed write: $(cat "$TMP/err")"
fi

# The launcher of this test: the configured one (mpirun, mpiexec), except that 3 ranks fail as a launcher does without slots; at
# 2 ranks it first records how many lines the output file holds (the 1-rank row must be there).
cat > "$TMP/launch" <<SH
#!/bin/sh
np=\$1; shift
[ "\$np" = 3 ] && { echo "There are not enough slots available" >&2; exit 1; }
[ "\$np" = 2 ] && [ -n "\${OUT:-}" ] && wc -l < "\$OUT" > "$TMP/lines-at-2"
[ -n "\${DELAY:-}" ] && sleep "\$DELAY"
exec $LAUNCH "\$np" "\$@"
SH
status=0
OUT=$TMP/f.csv DELAY=0.5 $SCALING strong --ranks 1,2,3 --repeat 1 --launcher "sh $TMP/launch {np}" --output "$TMP/f.csv" \
    -- "$MCPI" -n 2e6 2> "$TMP/err" || status=$?
[ "$status" = 1 ] || { cat "$TMP/err"; fail "a failed rank count: status $status, not 1"; }
grep -q '^scaling: 3 ranks: .*exited with status 1: There are not enough slots' "$TMP/err" || { cat "$TMP/err"; fail "no line for 3 ranks"; }
[ "$(cat "$TMP/lines-at-2")" = 2 ] || fail "the 1-rank row was not written before the 2-rank launch"
"$PYTHON3" - "$TMP/f.csv" <<'PY' || { cat "$TMP/f.csv"; fail "rows of a study with a failed rank count"; }
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert [r["ranks"] for r in rows] == ["1", "2", "3"], rows
ok, bad = rows[:2], rows[2]
assert "not enough slots" in bad["error"] and bad["wall_s"] == "" and bad["work"] == "2000000", bad
for r in ok:
    p = int(r["ranks"])
    assert r["error"] == "" and r["hits"] == ok[0]["hits"] and r["work"] == "2000000", r
    # the launcher slept 0.5 s before mpirun: only a clock outside the launch sees it
    assert float(r["launch_wall_s"]) >= float(r["wall_s"]) + 0.5, r
    assert float(r["launch_wall_min_s"]) <= float(r["launch_wall_s"]) <= float(r["launch_wall_max_s"]), r
    s = float(ok[0]["wall_s"]) / float(r["wall_s"])
    assert math.isclose(float(r["speedup"]), s, rel_tol=2e-3), r
    ls = float(ok[0]["launch_wall_s"]) / float(r["launch_wall_s"])
    assert math.isclose(float(r["launch_speedup"]), ls, rel_tol=2e-3), r
    assert math.isclose(float(r["launch_efficiency"]), ls / p, rel_tol=2e-3), r
    assert r["hosts"] and "[" not in r["hosts"], r
print("ok: rows 1, 2 measured, 3 failed; launch - wall at 1 rank: %.3f s"
      % (float(ok[0]["launch_wall_s"]) - float(ok[0]["wall_s"])))
PY

# --stop-on-error: nothing after the first failure.
status=0
$SCALING strong --ranks 3,4 --repeat 1 --launcher "sh $TMP/launch {np}" --stop-on-error -- "$MCPI" -n 1e5 \
    > "$TMP/stop.csv" 2> "$TMP/err" || status=$?
[ "$status" = 1 ] && [ "$(wc -l < "$TMP/stop.csv")" = 2 ] || { cat "$TMP/stop.csv" "$TMP/err"; fail "--stop-on-error: status $status"; }

# Appending: the header once; another workload's file is refused.
$SCALING strong --ranks 1 --repeat 1 --launcher "$LAUNCH {np}" --output "$TMP/f.csv" -- "$MCPI" -n 1e5 2> "$TMP/err"
[ "$(grep -c '^workload,' "$TMP/f.csv")" = 1 ] && [ "$(wc -l < "$TMP/f.csv")" = 5 ] || { cat "$TMP/f.csv"; fail "append"; }
status=0
$SCALING strong --ranks 1 --repeat 1 --output "$TMP/f.csv" -- "$MCPI" primes --to 1e5 2> "$TMP/err" || status=$?
[ "$status" = 2 ] && grep -q 'holds other columns' "$TMP/err" || fail "appending primes rows to a pi file: status $status"

# The columns: mcpi --sweep's first, in order, for every workload.
for w in "-n 1e5" "primes --to 1e5" "powersum --to 1e5"; do
    # shellcheck disable=SC2086
    run_np 1 $w --sweep strong --repeat 1 --format csv | head -n 1 > "$TMP/sweep-header"
    # shellcheck disable=SC2086
    $SCALING strong --ranks 1 --repeat 1 --launcher "$LAUNCH {np}" -- "$MCPI" $w | head -n 1 > "$TMP/tool-header"
    case $(cat "$TMP/tool-header") in
    "$(cat "$TMP/sweep-header")",launch_wall_s,*) ;;
    *) cat "$TMP/sweep-header" "$TMP/tool-header"; fail "[$w]: tools/scaling's columns do not begin with --sweep's" ;;
    esac
done
echo "ok: columns, append, --stop-on-error"

# SIGUSR1 (SLURM's warning): the launch under way ends, its row says so, the earlier rows stay.
cat > "$TMP/slow" <<SH
#!/bin/sh
[ "\$1" = 1 ] && { shift; exec $LAUNCH 1 "\$@"; }
touch "$TMP/started"
exec sleep $MCPI_TEST_TIMEOUT
SH
$SCALING strong --ranks 1,2 --repeat 1 --launcher "sh $TMP/slow {np}" --output "$TMP/sig.csv" -- "$MCPI" -n 1e5 2> "$TMP/err" &
pid=$!
i=0
while [ ! -e "$TMP/started" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
kill -USR1 $pid
status=0
wait $pid || status=$?
[ "$status" = 3 ] || { cat "$TMP/err"; fail "SIGUSR1: status $status, not 3"; }
"$PYTHON3" - "$TMP/sig.csv" <<'PY' || { cat "$TMP/sig.csv"; fail "rows after SIGUSR1"; }
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert [r["ranks"] for r in rows] == ["1", "2"] and rows[0]["hits"] and "stopped by SIGUSR1" in rows[1]["error"], rows
PY
echo "ok: SIGUSR1 keeps the rows measured"
