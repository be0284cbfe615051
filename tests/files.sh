#!/bin/sh
# Files never lie (issue 11), the parts any user can test: targets that are not regular files are
# refused at once without blocking; --list and --checkpoint naming one file by any path are refused;
# symlinks planted at every name mcpi could use never redirect a write; a symlink target is replaced
# as a link, the file it points to kept; checkpoints impossible by meaning are refused; a
# 1,000,000-interval checkpoint resumes quickly and exactly. Every case on 1 and 3 ranks.
. "${srcdir:-.}/tests/setup"
. "${srcdir:-.}/tests/ckpt-lib"
PY=${PYTHON3:-python3}

# quick NP ARGS...: mcpi on NP ranks, killed after 60 s: a refusal must not wait for anything.
quick() {
    MCPI_TEST_TIMEOUT=60 run_np "$@"
}

# only FILE...: the directory $TMP/w holds exactly these names (nothing left behind).
only() {
    got=$(cd "$TMP/w" && ls -A | sort | tr '\n' ' ')
    want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
    [ "$got" = "$want" ] || fail "left in the directory: [$got], expected [$want]"
}

mkdir "$TMP/w"
cd "$TMP/w"

# 1. Targets that exist and are not regular files: refused with status 2, no hang (a FIFO would
# block open() forever; the 60 s timeout makes a hang a failure), left as they were.
mkdir dir
mkfifo fifo
"$PY" -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' sock
ln -s fifo fifolink
for np in 1 3; do
    for t in dir fifo sock fifolink; do
        refused 2 "not a regular file" quick "$np" primes --to 1000 --list "$t"
        refused 2 "not a regular file" quick "$np" -n 1000 --checkpoint "$t"
    done
done
[ -d dir ] && [ -p fifo ] && [ -S sock ] && [ -L fifolink ] || fail "a special file was replaced"
only dir fifo fifolink sock
echo "ok: a directory, FIFO, socket and a link to a FIFO are refused at once as --list and --checkpoint"
rm -rf dir fifo sock fifolink

# 2. --list and --checkpoint naming the same file by any path: refused, and nothing created.
mkdir a
for np in 1 3; do
    refused 2 "name the same file" quick "$np" primes --to 1000 --list same --checkpoint ./same
    refused 2 "name the same file" quick "$np" primes --to 1000 --list a/../same --checkpoint "$TMP/w/same"
    only a
    # Existing files: a hard link and a symlink name the same inode.
    run_np 1 primes --to 1000 --checkpoint same > /dev/null
    ln same hard
    ln -s same soft
    cp same same.pristine
    refused 2 "name the same file" quick "$np" primes --to 1000 --list hard --checkpoint same
    refused 2 "name the same file" quick "$np" primes --to 1000 --list same --checkpoint soft
    cmp -s same same.pristine || fail "a refused run changed the checkpoint"
    only a hard same same.pristine soft
    rm -f same hard soft same.pristine
done
echo "ok: --list and --checkpoint naming one file as ./x, a/../x, a hard link or a symlink are refused"
rmdir a

# 2b. The checkpoint's lock file FILE.lock is mcpi's own: a --list there is refused (by any path),
# and a FILE.lock with data in it (a user's file, say an earlier --list of that name) is not a lock
# mcpi made: the run is refused and the file kept, never removed at the end of the run.
for np in 1 3; do
    refused 2 "lock" quick "$np" primes --to 1000 --list ck.lock --checkpoint ck
    refused 2 "lock" quick "$np" primes --to 1000 --list ./ck.lock --checkpoint "$TMP/w/ck"
    [ -z "$(ls -A)" ] || fail "a refused --list at the lock file left $(ls -A)"
    printf '2\n3\n5\n7\n' > ck.lock
    cp ck.lock lock.pristine
    refused 2 "ck.lock" quick "$np" primes --to 1000 --checkpoint ck
    cmp -s ck.lock lock.pristine || fail "a run on checkpoint ck changed or removed the user's file ck.lock"
    only ck.lock lock.pristine
    rm ck.lock lock.pristine
done
echo "ok: a --list at the checkpoint's lock is refused; a lock file with data is kept and refused"

# 3. Symlinks planted at every name mcpi could predict (the old FILE.tmp, FILE.mcpi-partial.PID for
# the next pids, the lock FILE.lock) never cause a write to the file they point to.
printf 'precious\n' > victim
cp victim victim.pristine
for np in 1 3; do
    ln -s victim out.tmp
    ln -s victim ck.tmp
    pid=$$
    for i in $(seq 1 50); do ln -s victim "out.mcpi-partial.$((pid + i))"; done
    run_np "$np" primes --to 100000 --list out --checkpoint ck --format json > "$TMP/planted.json"
    [ "$(json_get count < "$TMP/planted.json")" = 9592 ] || fail "planted symlinks: wrong count" # pi(10^5) = 9592
    cmp -s victim victim.pristine || fail "a planted symlink redirected a write into the victim"
    [ -f out ] && [ ! -L out ] && [ -f ck ] && [ ! -L ck ] || fail "the targets are not regular files"
    # The lock's name: a symlink there is refused (status 2), never followed.
    ln -s victim ck.lock
    refused 2 "lock" quick "$np" primes --to 100000 --checkpoint ck
    cmp -s victim victim.pristine || fail "a symlink at the lock's name redirected a write"
    rm -f out ck out.tmp ck.tmp ck.lock out.mcpi-partial.*
done
only victim victim.pristine
echo "ok: symlinks planted at FILE.tmp, FILE.lock and FILE.mcpi-partial.PID never touch their victim"

# 4. A symlink to a regular file as the target: the link is replaced by the new file (rename
# replaces a name, never follows it), and the file it pointed to stays as it was.
for np in 1 3; do
    ln -s victim out
    run_np "$np" primes --to 1000 --list out > /dev/null
    [ -f out ] && [ ! -L out ] && [ "$(wc -l < out)" = 168 ] || fail "--list to a symlink: not replaced by the list" # pi(1000) = 168
    cmp -s victim victim.pristine || fail "--list through a symlink wrote into the file it pointed to"
    rm out
done
run_np 1 -n 1000000 -s 5 --checkpoint real.ckpt --format json > "$TMP/real.json"
cp real.ckpt real.pristine
ln -s real.ckpt link.ckpt
run_np 3 -n 1000000 -s 5 --checkpoint link.ckpt --format json > "$TMP/link.json"
[ "$(json_get resumed_items < "$TMP/link.json")" = 1000000 ] || fail "a checkpoint read through a symlink was not resumed"
[ "$(json_get hits < "$TMP/link.json")" = "$(json_get hits < "$TMP/real.json")" ] || fail "through a symlink: other hits"
[ -f link.ckpt ] && [ ! -L link.ckpt ] && cmp -s real.ckpt real.pristine || fail "--checkpoint symlink: not replaced as a link"
rm -f real.ckpt real.pristine link.ckpt
echo "ok: a symlink target is read through, then replaced as a name; the file it pointed to is unchanged"

# 5. Checkpoints with a valid checksum that no run can have written: refused, left as they were.
# mk_ck FILE RUN ITEMS TALLY INTERVALS...: a checkpoint with zlib's CRC-32 (see src/checkpoint.c).
mk_ck() {
    "$PY" - "$@" << 'PYEOF'
import sys, zlib
path, run, items, tally = sys.argv[1:5]
iv = [tuple(map(int, x.split(":"))) for x in sys.argv[5:]]
done = sum(b - a for a, b in iv)
text = "mcpi checkpoint 1\nrun %s\nitems %s\ntally %s\ndone %d\nintervals %d\n" % (run, items, tally, done, len(iv))
text += "".join("%d %d\n" % p for p in iv)
open(path, "w").write(text + "crc32 %08x\n" % zlib.crc32(text.encode()))
PYEOF
}
first10="18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551615"
last10="0 0 0 0 0 0 0 0 0 0"
mk_ck hits.ckpt "pi samples=1000 seed=1" 1000 "600" 0:500                       # 600 hits in 500 samples
mk_ck wrap.ckpt "pi samples=1000 seed=1" 1000 "18446744073709551000" 0:500      # a tally near 2^64
mk_ck count.ckpt "primes from=0 to=1000 method=sieve" 1000 "501 $first10 $last10" 0:500
mk_ck shown.ckpt "primes from=0 to=1000 method=sieve" 1000 "1 997 $(echo "$first10" | cut -d' ' -f2-) $last10" 0:500
mk_ck flag.ckpt "powersum from=1 to=1001 power=2" 1000 "5 0 2" 0:10
mk_ck sum.ckpt "powersum from=1 to=1001 power=2" 1000 "1001 0 0" 0:10          # over 10 x 10^2
for f in hits wrap count shown flag sum; do cp "$f.ckpt" "$f.pristine"; done
for np in 1 3; do
    refused 2 "600 hits in 500 samples" quick "$np" -n 1000 -s 1 --checkpoint hits.ckpt
    refused 2 "is impossible" quick "$np" -n 1000 -s 1 --checkpoint wrap.ckpt --format json
    refused 2 "is impossible" quick "$np" primes --to 1000 --checkpoint count.ckpt
    refused 2 "is impossible" quick "$np" primes --to 1000 --checkpoint shown.ckpt
    refused 2 "is impossible" quick "$np" powersum --from 1 --to 1001 --checkpoint flag.ckpt
    refused 2 "is impossible" quick "$np" powersum --from 1 --to 1001 --checkpoint sum.ckpt
done
for f in hits wrap count shown flag sum; do
    cmp -s "$f.ckpt" "$f.pristine" || fail "impossible checkpoint $f.ckpt was changed"
    rm -f "$f.ckpt" "$f.pristine"
done
# A possible tally is accepted: 385 is the sum of k^2 for k = 1..10.
mk_ck sum.ckpt "powersum from=1 to=1001 power=2" 1000 "385 0 0" 0:10
run_np 3 powersum --from 1 --to 1001 --checkpoint sum.ckpt --format json > "$TMP/sum.json"
[ "$(json_get sum < "$TMP/sum.json")" = 333833500 ] || fail "powersum resumed from a possible tally: wrong sum" # 1000*1001*2001/6
rm -f sum.ckpt
echo "ok: impossible tallies (pi hits, a wrapped tally, prime count and shown primes, overflow flag, sum) are refused"

# 6. A checkpoint of 1,000,000 done intervals (the reader's limit) loads, resumes and finishes: every
# other sample done with 0 hits (possible). The final checkpoint must be the one interval [0, N), and
# 1 and 3 ranks must give the same hits. How fast is bench/resume's business, not a test's: the old
# quadratic merge would run into the launch timeout here ($MCPI_TEST_TIMEOUT s).
K=1000000
N=$((2 * K + 1000))
"$PY" - big.ckpt "$K" "$N" << 'PYEOF'
import sys, zlib
path, k, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
head = "mcpi checkpoint 1\nrun pi samples=%d seed=7\nitems %d\ntally 0\ndone %d\nintervals %d\n" % (n, n, k, k)
body = (head + "".join("%d %d\n" % (2 * i, 2 * i + 1) for i in range(k))).encode()
open(path, "wb").write(body + b"crc32 %08x\n" % zlib.crc32(body))
PYEOF
for np in 1 3; do
    cp big.ckpt "big$np.ckpt"
    run_np "$np" -n "$N" -s 7 --checkpoint "big$np.ckpt" --format json > "$TMP/big.json"
    [ "$(json_get resumed_items < "$TMP/big.json")" = "$K" ] || fail "1M intervals: not resumed"
    [ "$(ckpt_field "big$np.ckpt" intervals)" = 1 ] && [ "$(ckpt_field "big$np.ckpt" done)" = "$N" ] ||
        fail "1M intervals: the final checkpoint is not [0, N)"
    echo "ok: a 1,000,000-interval checkpoint resumed and finished on $np ranks"
    hits=$(json_get hits < "$TMP/big.json")
    [ -z "${big_hits:-}" ] || [ "$hits" = "$big_hits" ] || fail "1M intervals: other hits on $np ranks"
    big_hits=$hits
    rm -f "big$np.ckpt"
done
rm -f big.ckpt
only victim victim.pristine
