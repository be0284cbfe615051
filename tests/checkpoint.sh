#!/bin/sh
# Checkpoint and restart: a run stopped by SIGUSR1 (through the launcher to every rank, as SLURM's
# --signal does), by SIGTERM to one rank only (the stop must reach the others) or by SIGINT (a
# singleton, as Ctrl-C does) exits with status 3 and one line, leaves a valid checkpoint, and a resume with other ranks and another schedule gives exactly
# the uninterrupted result; a finished checkpoint answers at once. Waits are bounded polls.
. "${srcdir:-.}/tests/setup"
. "${srcdir:-.}/tests/ckpt-lib"

# The uninterrupted answers, from runs without a checkpoint.
N=$PI_N
ref_hits=$(run_np 2 -n "$N" -s 4242 --format json | json_get hits)
echo "reference: $ref_hits hits for N=$N seed 4242"

# 1. SIGUSR1 to the launcher (mpirun, or MPICH's mpiexec), which forwards it to every rank, in a
# dynamic run (rank 0 serving chunks).
ck=$TMP/usr1.ckpt
start_bg 2 -n "$N" -s 4242 --checkpoint "$ck" --checkpoint-every 1 --schedule dynamic --format json
wait_done_above "$ck" 0
signal_launcher USR1
finish_bg
expect_stopped "$ck" SIGUSR1
# Resume on 3 ranks with another schedule: the same hits, bit for bit.
run_np 3 -n "$N" -s 4242 --checkpoint "$ck" --schedule guided --format json > "$TMP/resumed.json"
[ "$(json_get hits < "$TMP/resumed.json")" = "$ref_hits" ] || fail "SIGUSR1 resume: $(json_get hits < "$TMP/resumed.json") hits, not $ref_hits"
[ "$(json_get resumed_items < "$TMP/resumed.json")" = "$stopped_done" ] || fail "resume did not start from the checkpoint"
echo "ok: SIGUSR1 to a dynamic run at $stopped_done of $N, resumed on 3 ranks (guided): $ref_hits hits"

# A finished checkpoint answers at once, with the same hits, on any number of ranks.
run_np 1 -n "$N" -s 4242 --checkpoint "$ck" --format json > "$TMP/again.json"
[ "$(json_get hits < "$TMP/again.json")" = "$ref_hits" ] || fail "finished checkpoint: other hits"
[ "$(json_get resumed_items < "$TMP/again.json")" = "$(json_get samples < "$TMP/again.json")" ] ||
    fail "finished checkpoint: not all done"
echo "ok: a finished checkpoint gives the result again without work"

# 2. SIGTERM to rank 1 alone: the stop reaches rank 0 and every other rank by messages.
ck=$TMP/term.ckpt
start_bg 2 -n "$N" -s 4242 --checkpoint "$ck" --checkpoint-every 1 --format json
wait_done_above "$ck" 0
kill -TERM "$(rank_pid "$ck" 1)"
finish_bg
expect_stopped "$ck" SIGTERM
run_np 1 -n "$N" -s 4242 --checkpoint "$ck" --schedule guided --format json > "$TMP/resumed.json"
[ "$(json_get hits < "$TMP/resumed.json")" = "$ref_hits" ] || fail "SIGTERM resume: other hits"
echo "ok: SIGTERM to rank 1 alone, stopped at $stopped_done of $N, resumed on 1 rank (guided): $ref_hits hits"

# 3. SIGINT to a run without a launcher (a singleton, as Ctrl-C in a terminal stops it).
ck=$TMP/int.ckpt
"$MCPI" -n "$N" -s 4242 --checkpoint "$ck" --checkpoint-every 1 --format json < /dev/null > "$TMP/bg.out" 2> "$TMP/bg.err" &
bg_pid=$!
wait_done_above "$ck" 0
kill -INT "$bg_pid"
finish_bg
expect_stopped "$ck" SIGINT
run_np 2 -n "$N" -s 4242 --checkpoint "$ck" --format json > "$TMP/resumed.json"
[ "$(json_get hits < "$TMP/resumed.json")" = "$ref_hits" ] || fail "SIGINT resume: other hits"
echo "ok: SIGINT to a singleton at $stopped_done of $N, resumed on 2 ranks: $ref_hits hits"

# 4. Stopped twice and resumed twice, primes with their first/last lists (a user-defined combine).
TO=4e10
run_np 2 primes --to "$TO" --format json > "$TMP/pref.json"
ck=$TMP/primes.ckpt
for round in 1 2; do
    before=$(stat -c %i "$ck" 2> /dev/null || echo none)
    start_bg 2 primes --to "$TO" --checkpoint "$ck" --checkpoint-every 1 --schedule guided --format json
    if [ "$round" = 1 ]; then
        wait_done_above "$ck" 0
    else # at once: when the resumed run has rewritten the file (a new inode), it catches signals
        wait_new_file "$ck" "$before"
    fi
    signal_launcher USR1
    finish_bg
    expect_stopped "$ck" SIGUSR1
    echo "ok: primes stopped (round $round) at $stopped_done"
done
run_np 3 primes --to "$TO" --checkpoint "$ck" --format json > "$TMP/presumed.json"
for key in count first last; do
    [ "$(json_get $key < "$TMP/presumed.json")" = "$(json_get $key < "$TMP/pref.json")" ] ||
        fail "primes resume: $key differs: $(json_get $key < "$TMP/presumed.json")"
done
echo "ok: primes below $TO stopped twice, resumed: $(json_get count < "$TMP/pref.json") primes, same first and last ten"
