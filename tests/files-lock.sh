#!/bin/sh
# One run per checkpoint (issue 11): while a checkpointed run works, a second run on the same
# checkpoint is refused at once (status 2, one line saying another run holds it) and the first
# still finishes with the uninterrupted result; a SIGKILLed run's lock (its stale lock file) does
# not refuse the next run, which resumes. Waits are bounded polls.
. "${srcdir:-.}/tests/setup"
. "${srcdir:-.}/tests/ckpt-lib"

# Three times the usual checkpoint test's run: long enough for two refused runs to start and end
# while it works on a loaded machine. The two runs below reach their results by different paths
# (one uninterrupted beside refused runs; one killed and resumed on other ranks) and must agree;
# tests/checkpoint.sh shows that a resumed run equals one without a checkpoint.
N=$(awk "BEGIN { printf \"%.0f\", 3 * $PI_N }")
ck=$TMP/lock.ckpt

# 1. A second run while the first holds the checkpoint, on 1 and 3 ranks.
start_bg 2 -n "$N" -s 99 --checkpoint "$ck" --checkpoint-every 1 --format json
wait_done_above "$ck" 0
cp "$ck" "$TMP/seen.ckpt"
for np in 1 3; do
    refused 2 "mcpi: checkpoint '$ck' is in use: another run holds" run_np "$np" -n "$N" -s 99 --checkpoint "$ck"
    kill -0 "$bg_pid" 2> /dev/null || { cat "$TMP/bg.err" "$TMP/bg.out" >&2; fail "the first run ended before the second was refused: the test proves nothing"; }
done
echo "ok: a second run is refused while the first runs: $(cat "$TMP/err")"
finish_bg
[ "$bg_status" = 0 ] || { cat "$TMP/bg.err" >&2; fail "the first run: status $bg_status"; }
ref_hits=$(json_get hits < "$TMP/bg.out")
no_temporaries "$ck" || fail "a temporary or the lock file was left beside $ck"
echo "ok: the first run finished ($ref_hits hits) and left no lock file"

# 2. A run killed by SIGKILL (no handler runs, its lock file stays): the next run resumes.
rm -f "$ck"
start_bg 2 -n "$N" -s 99 --checkpoint "$ck" --checkpoint-every 1 --format json
wait_done_above "$ck" 0
for pid in $(rank_pids "$ck"); do kill -KILL "$pid" 2> /dev/null || true; done
finish_bg
[ "$bg_status" != 0 ] || fail "the killed run finished anyway"
[ -e "$ck.lock" ] || echo "note: no stale lock file was left (rank 0 died after removing it?)"
killed_done=$(ckpt_field "$ck" done)
run_np 3 -n "$N" -s 99 --checkpoint "$ck" --format json > "$TMP/resumed.json"
[ "$(json_get resumed_items < "$TMP/resumed.json")" = "$killed_done" ] || fail "the run after SIGKILL did not resume"
[ "$(json_get hits < "$TMP/resumed.json")" = "$ref_hits" ] || fail "after SIGKILL: other hits"
no_temporaries "$ck" || fail "a temporary or the lock file was left beside $ck after the resume"
echo "ok: after a SIGKILL at $killed_done of $N, a new run on 3 ranks resumed past the stale lock: $ref_hits hits"
