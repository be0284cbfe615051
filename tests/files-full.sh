#!/bin/sh
# Files never lie (issue 11), the parts that need root: a full file system (a 256 KiB tmpfs) during
# --list on 1, 2 and 3 ranks and during a checkpoint save gives status 1 and one line naming the
# file and "No space left on device", leaves the older file byte for byte as it was and no
# temporary; and device nodes made here (mknod) are refused as targets. Skipped (77) without root
# or mount; CI (MCPI_REQUIRE_CLUSTER=1) makes a skip a failure.
. "${srcdir:-.}/tests/setup"
. "${srcdir:-.}/tests/ckpt-lib"

[ "$(id -u)" = 0 ] || skip "needs root to mount a small tmpfs and make device nodes"
D=$TMP/full
mkdir "$D"
mount -t tmpfs -o size=256k,mode=0755 mcpi-full "$D" 2> /dev/null || skip "cannot mount a tmpfs"
trap 'umount "$D" 2> /dev/null; rm -rf "$TMP"' EXIT

# failed NP FILE ARGS...: status 1, nothing on stdout, one line naming FILE and the full disk.
failed() {
    np=$1 file=$2
    shift 2
    refused 1 "No space left on device" run_np "$np" "$@"
    grep -q "^mcpi: .*'$file'.*No space left on device" "$TMP/err" ||
        { cat "$TMP/err" >&2; fail "[$*] on $np ranks: the line does not name $file before the full disk"; }
}

# only NAME...: the tmpfs holds exactly these names.
only() {
    got=$(cd "$D" && ls -A | sort | tr '\n' ' ')
    want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
    [ "$got" = "$want" ] || fail "left on the full disk: [$got], expected [$want]"
}

# 1. --list of the primes below 10^6 (78498 lines, 538,443 bytes: more than the 256 KiB disk) over
# an older list: the disk fills in the middle of the writes.
printf '2\n3\n5\n7\n' > "$D/list"
cp "$D/list" "$TMP/list.pristine"
for np in 1 2 3; do
    failed "$np" "$D/list" primes --to 1e6 --list "$D/list"
    cmp -s "$D/list" "$TMP/list.pristine" || fail "--list on a full disk ($np ranks) changed the older list"
    only list
    echo "ok: --list on a full disk, $np ranks: $(cat "$TMP/err")"
done

# 2. A checkpoint save on a full disk: a finished checkpoint, then the disk filled, then the same
# run again (it loads the checkpoint and saves it at once, before any work).
rm "$D/list"
run_np 1 -n 100000 -s 3 --checkpoint "$D/ck" > /dev/null
cp "$D/ck" "$TMP/ck.pristine"
head -c 1M /dev/zero > "$D/fill" 2> /dev/null || true
for np in 1 3; do
    failed "$np" "$D/ck" -n 100000 -s 3 --checkpoint "$D/ck"
    cmp -s "$D/ck" "$TMP/ck.pristine" || fail "a checkpoint save on a full disk ($np ranks) changed the checkpoint"
    only ck fill
    echo "ok: checkpoint save on a full disk, $np ranks: $(cat "$TMP/err")"
done
# With room again, the same checkpoint resumes.
rm "$D/fill"
run_np 3 -n 100000 -s 3 --checkpoint "$D/ck" --format json > "$TMP/again.json"
[ "$(json_get resumed_items < "$TMP/again.json")" = 100000 ] || fail "the checkpoint kept on a full disk does not resume"
rm "$D/ck"

# 3. The disk fills while a run works: its next periodic save fails, the run ends with status 1 and
# one line, and the last checkpoint saved is whole (it resumes) with no temporary beside it.
start_bg 2 -n "$PI_N" -s 3 --checkpoint "$D/ck" --checkpoint-every 1
wait_done_above "$D/ck" 0
head -c 1M /dev/zero > "$D/fill" 2> /dev/null || true
finish_bg
[ "$bg_status" = 1 ] || { cat "$TMP/bg.err" >&2; fail "a save on a disk filled mid-run: status $bg_status, expected 1"; }
[ "$(wc -l < "$TMP/bg.err")" = 1 ] && grep -q "^mcpi: cannot write checkpoint '$D/ck': No space left on device" "$TMP/bg.err" ||
    { cat "$TMP/bg.err" >&2; fail "a save on a disk filled mid-run: not the one line"; }
only ck fill
rm "$D/fill"
done_then=$(ckpt_field "$D/ck" done)
run_np 1 -n "$PI_N" -s 3 --checkpoint "$D/ck" --checkpoint-every 1 --format json > "$TMP/mid.json"
[ "$(json_get resumed_items < "$TMP/mid.json")" = "$done_then" ] || fail "the last checkpoint before the full disk does not resume"
echo "ok: the disk filled mid-run: $(cat "$TMP/bg.err"); the last checkpoint resumed from $done_then"

# 4. Device nodes made here (never the system's own): refused as --list and --checkpoint, kept.
mknod "$TMP/chr" c 1 3 # the numbers of /dev/null
mknod "$TMP/blk" b 7 200 2> /dev/null || true
for np in 1 3; do
    for t in "$TMP/chr" "$TMP/blk"; do
        [ -e "$t" ] || continue
        for opt in "primes --to 1000 --list" "-n 1000 --checkpoint"; do
            # shellcheck disable=SC2086
            refused 2 "not a regular file" run_np "$np" $opt "$t"
        done
    done
done
[ -c "$TMP/chr" ] || fail "a character device was replaced"
[ ! -e "$TMP/blk" ] || [ -b "$TMP/blk" ] || fail "a block device was replaced"
echo "ok: device nodes are refused as --list and --checkpoint and left as they were"

# 5. A file system out of inodes (a tmpfs of 2: its root and one file): no new file at all, so
# the checkpoint's lock file cannot be made. A full disk is status 1 however it shows, never 2 (bad
# input), and nothing is left behind.
I=$TMP/inodes
mkdir "$I"
mount -t tmpfs -o size=256k,nr_inodes=2,mode=0755 mcpi-inodes "$I" 2> /dev/null || skip "cannot mount a tmpfs"
trap 'umount "$D" "$I" 2> /dev/null; rm -rf "$TMP"' EXIT
: > "$I/taken"
for np in 1 3; do
    refused 1 "No space left on device" run_np "$np" -n 1000 --checkpoint "$I/ck"
    refused 1 "No space left on device" run_np "$np" primes --to 1000 --list "$I/list"
    [ "$(ls -A "$I")" = taken ] || fail "out of inodes ($np ranks): left $(ls -A "$I")"
done
echo "ok: out of inodes: status 1 for the checkpoint's lock and for --list"
