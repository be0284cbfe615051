#!/bin/sh
# jobs/mcpi.sbatch on a throw-away SLURM cluster started here (munged, slurmctld and slurmd as
# root with a private configuration, stopped by PID at the end, also on failure), submitted with
# sbatch through both launchers (srun --mpi=pmix, and Open MPI's mpirun inside the allocation; under
# MPICH srun --mpi=pmi2 alone).
# A job's state proves nothing (a failed launch can still end COMPLETED 0:0): the test reads the
# result file the job wrote. Skips (77) without root or SLURM, unless MCPI_REQUIRE_CLUSTER=1 (CI).
. "${srcdir:-.}/tests/setup"
# MCPI_NO_CLUSTER=1 leaves the cluster tests out on purpose (CI's make distcheck, after they ran on the tree).
[ "${MCPI_NO_CLUSTER:-0}" != 1 ] || { echo "SKIP: MCPI_NO_CLUSTER=1"; exit 77; }
take_turns_on_machine "$@"
[ "$(id -u)" = 0 ] || skip "needs root to start SLURM's daemons"
for cmd in slurmctld slurmd sbatch squeue munged mungekey; do
    command -v "$cmd" > /dev/null || skip "needs $cmd (Debian packages slurmctld slurmd slurm-client munge)"
done
JOB=$(cd "${srcdir:-.}/jobs" && pwd)/mcpi.sbatch
D=$TMP/slurm
M=$D/munge
mkdir -p "$D/state" "$D/spool" "$D/tmp" "$M" "$TMP/out"
chmod 0711 "$TMP" "$D" # munged runs as munge and must reach its socket directory
chown munge:munge "$M"
chmod 0711 "$M"
NODE=$(hostname -s)
export SLURM_CONF=$D/slurm.conf
cat > "$SLURM_CONF" <<CONF
ClusterName=mcpitest
SlurmctldHost=$NODE(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$M/munge.sock,cred_expire=10
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
TmpFS=$D/tmp
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/slurmctld.log
SlurmdLogFile=$D/slurmd.log
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=pmix
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=4 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
# (CPUs=4 with config_overrides: four tasks on a two-core machine. cred_expire=10: a requeued
# job may start again after 10 s, not the default 120 s.)

PIDS=""
stop_daemons() {
    status=$?
    for pid in $PIDS; do kill -TERM "$pid" 2> /dev/null || true; done
    for pid in $PIDS; do wait "$pid" 2> /dev/null || true; done
    [ "$status" = 0 ] || { echo "--- slurmctld.log"; tail -20 "$D/slurmctld.log" 2> /dev/null; echo "--- slurmd.log"; tail -20 "$D/slurmd.log" 2> /dev/null; }
    rm -rf "$TMP"
    exit "$status"
}
trap stop_daemons EXIT INT TERM
asmunge="setpriv --reuid munge --regid munge --init-groups"
$asmunge mungekey --create --keyfile="$M/munge.key"
$asmunge munged -F --key-file="$M/munge.key" --socket="$M/munge.sock" --pid-file="$M/munged.pid" \
    --log-file="$M/munged.log" --seed-file="$M/munged.seed" > "$D/munged.out" 2>&1 &
PIDS="$!"
for _ in $(seq 100); do [ -S "$M/munge.sock" ] && break; sleep 0.1; done
[ -S "$M/munge.sock" ] || fail "munged did not start"
slurmctld -D -i -f "$SLURM_CONF" > "$D/slurmctld.out" 2>&1 &
PIDS="$! $PIDS"
slurmd -D -f "$SLURM_CONF" > "$D/slurmd.out" 2>&1 &
PIDS="$! $PIDS"
for _ in $(seq 150); do [ "$(sinfo -h -o %T 2> /dev/null)" = idle ] && break; sleep 0.2; done
[ "$(sinfo -h -o %T 2> /dev/null)" = idle ] || fail "the SLURM node did not come up: $(sinfo 2>&1)"

# srun's MPI plugin for the configured library: Debian's Open MPI speaks PMIx only; Debian's MPICH
# (Hydra's simple PMI client) speaks PMI-1, which SLURM's pmi2 plugin also serves. LAUNCHER=mpirun
# is Open MPI's mpirun in the allocation, which cannot start an MPICH program: not tried under MPICH.
case $MPIEXEC_DIALECT in
openmpi) SRUN_MPI=pmix launchers="srun mpirun" ;;
hydra) SRUN_MPI=pmi2 launchers=srun ;;
*) skip "no known srun plugin for $MPIEXEC's MPI library" ;;
esac
want=$(run_np 1 -n 2e7 -s 42 --format json | json_get hits)
for launcher in $launchers; do
    jid=$(sbatch --parsable -D "$TMP" --ntasks=4 \
        --export=ALL,MCPI="$MCPI",LAUNCHER=$launcher,SRUN_MPI=$SRUN_MPI,SAMPLES=2e7,SEED=42,FORMAT=json,OUTDIR="$TMP/out" "$JOB")
    for _ in $(seq 600); do [ -z "$(squeue -h -j "$jid" 2> /dev/null)" ] && break; sleep 0.2; done
    [ -z "$(squeue -h -j "$jid" 2> /dev/null)" ] && [ -n "$jid" ] || fail "job $jid ($launcher) did not finish in 120 s"
    result=$TMP/out/mcpi-$jid.json
    [ -s "$result" ] || { cat "$TMP/mcpi-$jid.out" 2> /dev/null; fail "job $jid ($launcher) wrote no result"; }
    "$PYTHON3" - "$result" "$want" <<'PY' || { cat "$TMP/mcpi-$jid.out"; fail "job $jid ($launcher): wrong result"; }
import json, sys
r = json.load(open(sys.argv[1]))
assert r["ranks"] == 4 and r["hits"] == int(sys.argv[2]) and r["samples"] == 2 * 10**7, r
print("job ok: %d ranks on %s, hits %d" % (r["ranks"], r["hosts"], r["hits"]))
PY
    grep -q "launcher $launcher" "$TMP/mcpi-$jid.out" || fail "job $jid: no log named after the job id"
    echo "ok: sbatch jobs/mcpi.sbatch with LAUNCHER=$launcher (job $jid)"
done

# The scaling script: one srun per rank count inside one job, rows appended to a CSV named after the
# job, each with the launch time measured outside (launch_wall_s above mcpi's own wall_s).
TOOLS=$(cd "${srcdir:-.}/tools" && pwd)
SCALING=$(cd "${srcdir:-.}/jobs" && pwd)/strong-scaling.sbatch
jid=$(sbatch --parsable -D "$TMP" --ntasks=4 \
    --export=ALL,MCPI="$MCPI",TOOLS="$TOOLS",SRUN_MPI=$SRUN_MPI,SAMPLES=4e6,REPEAT=1,OUTDIR="$TMP/out",RANKS="1 2 4" "$SCALING")
for _ in $(seq 600); do [ -z "$(squeue -h -j "$jid" 2> /dev/null)" ] && break; sleep 0.2; done
csv=$TMP/out/strong-scaling-$jid.csv
[ -s "$csv" ] || { cat "$TMP/mcpi-scaling-$jid.out" 2> /dev/null; fail "scaling job $jid wrote no CSV"; }
"$PYTHON3" - "$csv" <<'PY' || { cat "$TMP/mcpi-scaling-$jid.out"; fail "scaling job $jid: wrong rows"; }
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert [r["ranks"] for r in rows] == ["1", "2", "4"] and len({r["hits"] for r in rows}) == 1, rows
assert all(r["sweep"] == "strong" and float(r["speedup"]) > 0 and not r["error"] for r in rows), rows
assert all(float(r["launch_wall_s"]) > float(r["wall_s"]) for r in rows), rows
print("scaling job ok: ranks %s, speedup %s, launch_wall_s - wall_s %s" % ([r["ranks"] for r in rows],
      [r["speedup"] for r in rows], ["%.2f" % (float(r["launch_wall_s"]) - float(r["wall_s"])) for r in rows]))
PY
echo "ok: sbatch jobs/strong-scaling.sbatch (job $jid)"

# Rows are written as each rank count ends, and SLURM's warning before the time limit
# (--signal=B:USR1, sent here with scancel) ends the study cleanly: a launcher that hangs at 4
# ranks, the warning once the 1- and 2-rank rows are in the file, then the job ends with those
# rows and a row for 4 ranks that says it was stopped.
cat > "$TMP/hang4" <<'SH'
#!/bin/sh
np=$1; shift
[ "$np" = 4 ] && exec sleep 300
exec srun --mpi="${SRUN_MPI:-pmix}" -n "$np" "$@"
SH
jid=$(sbatch --parsable -D "$TMP" --ntasks=4 --export=ALL,MCPI="$MCPI",TOOLS="$TOOLS",SRUN_MPI=$SRUN_MPI,SAMPLES=4e6,REPEAT=1,OUTDIR="$TMP/out",RANKS="1 2 4",LAUNCHER="sh $TMP/hang4 {np}" "$SCALING")
csv=$TMP/out/strong-scaling-$jid.csv
for _ in $(seq 600); do [ "$({ wc -l < "$csv"; } 2> /dev/null || echo 0)" -ge 3 ] && break; sleep 0.2; done
[ "$(wc -l < "$csv")" = 3 ] || { cat "$TMP/mcpi-scaling-$jid.out" "$csv"; fail "job $jid: not the header and two rows while 4 ranks run"; }
scancel --batch --signal=USR1 "$jid"
for _ in $(seq 600); do [ -z "$(squeue -h -j "$jid" 2> /dev/null)" ] && break; sleep 0.2; done
[ -z "$(squeue -h -j "$jid" 2> /dev/null)" ] || { cat "$TMP/mcpi-scaling-$jid.out"; fail "job $jid not done 120 s after SIGUSR1"; }
"$PYTHON3" - "$csv" <<'PY' || { cat "$TMP/mcpi-scaling-$jid.out"; fail "scaling job $jid: rows after SIGUSR1"; }
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert [r["ranks"] for r in rows] == ["1", "2", "4"] and rows[0]["hits"] and rows[1]["hits"], rows
assert "stopped by SIGUSR1" in rows[2]["error"] and not rows[2]["hits"], rows
PY
echo "ok: scaling job $jid kept its rows when SLURM warned it"

# Submitted from another directory, with no MCPI: the job finds mcpi on PATH, and with no
# parameters it runs mcpi's own defaults (here only SAMPLES is given: the seed is mcpi's).
mkdir -p "$TMP/elsewhere"
jid=$(cd "$TMP/elsewhere" && env -u MCPI PATH="$(dirname "$MCPI"):$PATH" sbatch --parsable --ntasks=2 \
    --export=ALL,SRUN_MPI=$SRUN_MPI,SAMPLES=1e6,FORMAT=json,OUTDIR="$TMP/out",CHECKPOINT=none "$JOB")
for _ in $(seq 600); do [ -z "$(squeue -h -j "$jid" 2> /dev/null)" ] && break; sleep 0.2; done
want=$(run_np 1 -n 1e6 --format json | json_get hits)
[ "$(json_get hits < "$TMP/out/mcpi-$jid.json")" = "$want" ] ||
    { cat "$TMP/elsewhere/mcpi-$jid.out"; fail "job $jid from another directory: not mcpi's default result"; }
echo "ok: job $jid submitted from another directory found mcpi and used its defaults"

# Preemption: SIGUSR1 to the batch shell (what --signal=B:USR1@120 sends before the time limit)
# makes the job checkpoint, exit 3 and requeue itself; the requeued job resumes from the
# checkpoint and its result equals an uninterrupted run's.
N=6e9 # about 5 s on 4 tasks here; the sanitizer build's pi kernel is about 10 times slower
if nm "$MCPI" 2> /dev/null | grep -q __asan_init; then N=6e8; fi
want=$(run_np 2 -n "$N" -s 99 --format json | json_get hits)
jid=$(sbatch --parsable -D "$TMP" --ntasks=4 \
    --export=ALL,MCPI="$MCPI",SRUN_MPI=$SRUN_MPI,SAMPLES="$N",SEED=99,FORMAT=json,OUTDIR="$TMP/out",CHECKPOINT_EVERY=1 "$JOB")
ck=$TMP/out/mcpi-$jid.ckpt
for _ in $(seq 600); do [ "$(sed -n 's/^done //p' "$ck" 2> /dev/null || echo 0)" -gt 0 ] 2> /dev/null && break; sleep 0.2; done
[ "$(sed -n 's/^done //p' "$ck")" -gt 0 ] || { cat "$TMP/mcpi-$jid.out"; fail "job $jid: no checkpoint with progress after 120 s"; }
scancel --batch --signal=USR1 "$jid"
for _ in $(seq 1500); do [ -z "$(squeue -h -j "$jid" 2> /dev/null)" ] && break; sleep 0.2; done
[ -z "$(squeue -h -j "$jid" 2> /dev/null)" ] || { cat "$TMP/mcpi-$jid.out"; squeue -j "$jid"; fail "job $jid not done 300 s after SIGUSR1"; }
grep -q "requeueing job $jid" "$TMP/mcpi-$jid.out" || { cat "$TMP/mcpi-$jid.out"; fail "job $jid did not requeue itself"; }
grep -q "(start 1)" "$TMP/mcpi-$jid.out" || { cat "$TMP/mcpi-$jid.out"; fail "job $jid did not start again"; }
"$PYTHON3" - "$TMP/out/mcpi-$jid.json" "$want" <<'PY' || { cat "$TMP/mcpi-$jid.out"; fail "job $jid: wrong result after requeue"; }
import json, sys
r = json.load(open(sys.argv[1]))
assert r["hits"] == int(sys.argv[2]) and 0 < r["resumed_items"] < r["samples"], r
print("requeued job ok: resumed at %d of %d, hits %d" % (r["resumed_items"], r["samples"], r["hits"]))
PY
echo "ok: SIGUSR1 to job $jid: checkpoint, exit 3, requeue, resume, same result"
