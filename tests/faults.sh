#!/bin/sh
# Faults: a rank killed with SIGKILL in the middle of a run (the writer, rank 0, or another rank)
# ends the whole job within seconds with a non-zero status; the last checkpoint is whole (never
# torn) and resuming from it gives exactly the uninterrupted result.
. "${srcdir:-.}/tests/setup"
. "${srcdir:-.}/tests/ckpt-lib"

N=$PI_N
ref_hits=$(run_np 2 -n "$N" -s 777 --format json | json_get hits)
echo "reference: $ref_hits hits for N=$N seed 777"
for victim in 1 0; do
    ck=$TMP/kill$victim.ckpt
    start_bg 2 -n "$N" -s 777 --checkpoint "$ck" --checkpoint-every 1 --format json
    wait_done_above "$ck" 0
    pid=$(rank_pid "$ck" "$victim")
    kill -KILL "$pid"
    # The job must end by itself, promptly: bounded by 20 s here (mpirun notices at once).
    i=0
    while kill -0 "$bg_pid" 2> /dev/null; do
        i=$((i + 1))
        [ "$i" -lt 200 ] || { kill -KILL "$(launcher_pid)" 2> /dev/null; fail "rank $victim killed: the job still runs after 20 s"; }
        sleep 0.1
    done
    finish_bg
    [ "$bg_status" != 0 ] || fail "rank $victim killed: status 0"
    [ "$bg_status" != 124 ] || fail "rank $victim killed: the job hung until the timeout"
    [ -z "$(rank_pids "$ck")" ] || fail "rank $victim killed: ranks left running"
    done_at=$(ckpt_field "$ck" done)
    echo "ok: rank $victim killed: the job ended in about $((i / 10)) s with status $bg_status; checkpoint at $done_at"
    run_np 3 -n "$N" -s 777 --checkpoint "$ck" --schedule guided --format json > "$TMP/resumed.json"
    [ "$(json_get hits < "$TMP/resumed.json")" = "$ref_hits" ] || fail "resume after killing rank $victim: other hits"
    [ "$(json_get resumed_items < "$TMP/resumed.json")" = "$done_at" ] || fail "resume after killing rank $victim: not from the checkpoint"
    echo "ok: resumed from $done_at on 3 ranks: $ref_hits hits"
done
