#!/bin/sh
# Bad command lines and input files: status 2, exactly one line on stderr that names the option and
# the value, nothing on stdout, no hang, on 1 rank (a singleton) and on 3 ranks under the launcher.
. "${srcdir:-.}/tests/setup"
# One rank runs as a singleton (no launcher), as users also run it: under mpirun a non-zero exit
# costs 1 to 2.4 s of mpirun's own waiting (odls_base_sigkill_timeout), which made this test take
# 4 minutes. (Setting that timeout to 0 instead let mpirun's libevent print an "Epoll MOD" warning.)
run_case() {
    if [ "$1" = 1 ]; then
        shift
        timeout "$MCPI_TEST_TIMEOUT" "$MCPI" "$@" < /dev/null
    else
        run_np "$@"
    fi
}
# Checkpoint files to be refused, each with a pristine copy to prove it is left untouched.
run_np 1 -n 1000 -s 1 --checkpoint "$TMP/good.ckpt" > /dev/null
sed 's/^tally \(.\)/tally 9\1/' "$TMP/good.ckpt" > "$TMP/corrupt.ckpt"     # a changed digit
head -c 60 "$TMP/good.ckpt" > "$TMP/truncated.ckpt"
printf '#!/bin/sh\necho hello\n' > "$TMP/foreign.ckpt"
: > "$TMP/empty.ckpt"
sed 's/^mcpi checkpoint 1$/mcpi checkpoint 7/' "$TMP/good.ckpt" > "$TMP/future.ckpt"
# The right run line with another number of items, its checksum made anew (zlib's CRC-32, as the
# reader's): a file this run cannot have written.
"${PYTHON3:-python3}" - "$TMP/good.ckpt" "$TMP/reshaped.ckpt" << 'PYEOF'
import sys, zlib
text = open(sys.argv[1], "rb").read()
body = text[:text.rindex(b"crc32 ")].replace(b"\nitems 1000\n", b"\nitems 2000\n")
assert b"items 2000" in body
open(sys.argv[2], "wb").write(body + b"crc32 %08x\n" % zlib.crc32(body))
PYEOF
mkdir "$TMP/dir.ckpt"
for f in good corrupt truncated foreign empty future reshaped; do cp "$TMP/$f.ckpt" "$TMP/$f.pristine"; done
# Each case: the arguments (separated by ~) and a text the message must contain.
cases=$(printf '%s\n' \
    "-n~abc|--samples 'abc'" \
    "-n~-5|--samples '-5'" \
    "-n~0|--samples '0'" \
    "--samples=18446744073709551616|--samples '18446744073709551616'" \
    "-n~1e20|--samples '1e20'" \
    "-n~2.5|--samples '2.5'" \
    "-n~0x10|--samples '0x10'" \
    "-n~1e9x|--samples '1e9x'" \
    "-n~ 5|--samples ' 5'" \
    "--samples=|--samples ''" \
    "-s~-1|--seed '-1'" \
    "-s~nan|--seed 'nan'" \
    "--seed=18446744073709551616|--seed '18446744073709551616'" \
    "--format~xml|--format 'xml'" \
    "--bogus|'--bogus'" \
    "-x|'-x'" \
    "-n|'-n'" \
    "--samples|'--samples'" \
    "-n~5~-n~6|'--samples' given more than once" \
    "frobnicate|workload 'frobnicate'" \
    "pi~extra|argument 'extra'" \
    "primes~--from~10~--to~5|--from 10 is greater than --to 5" \
    "powersum~--from~1e6~--to~1|--from 1000000 is greater than --to 1" \
    "primes~--to~18446744073709551617|--to '18446744073709551617'" \
    "primes~--from~18446744073709551616|--from '18446744073709551616'" \
    "primes~--from~0~--to~18446744073709551616|at most 2^64 - 1 numbers (0 is not prime: use --from 1)" \
    "powersum~--from~0~--to~18446744073709551616|at most 2^64 - 1 numbers (0^P is 0: use --from 1)" \
    "powersum~--from~0~--to~18446744073709551616~--power~0|the sum of 2^64 of them is 2^64" \
    "primes~--method~aks|--method 'aks'" \
    "primes~--schedule~fifo|--schedule 'fifo'" \
    "primes~--schedule~dynamic:0|--schedule 'dynamic:0'" \
    "primes~--schedule~guided:x|--schedule 'guided:x'" \
    "primes~--schedule~static:5|--schedule 'static:5'" \
    "primes~--schedule~dynamic:|--schedule 'dynamic:'" \
    "powersum~--power~two|--power 'two'" \
    "powersum~--power~-1|--power '-1'" \
    "powersum~--from~1~--to~1e12~--power~3|exceeds 2^128 - 1" \
    "primes~-n~5|'--samples' does not apply to workload 'primes'" \
    "pi~--from~5|'--from' does not apply to workload 'pi'" \
    "powersum~--method~mr|'--method' does not apply to workload 'powersum'" \
    "powersum~--list~x.txt|'--list' does not apply to workload 'powersum'" \
    "primes~--power~3|'--power' does not apply to workload 'primes'" \
    "primes~--list=|--list ''" \
    "primes~--to~1e6~--list~/nonexistent-dir/x|cannot write --list '/nonexistent-dir/x'" \
    "--sweep~medium|--sweep 'medium'" \
    "--sweep~strong~--repeat~0|--repeat '0'" \
    "--repeat~3|'--repeat' needs --sweep" \
    "primes~--from~5~--to~5~--sweep~weak|--sweep weak: an empty range" \
    "primes~--to~100~--sweep~strong~--list~x|cannot be combined with --list" \
    "--checkpoint=|--checkpoint ''" \
    "--checkpoint~a~--checkpoint~b|'--checkpoint' given more than once" \
    "--checkpoint-every~5|'--checkpoint-every' needs --checkpoint" \
    "--checkpoint~x~--checkpoint-every~0|--checkpoint-every '0'" \
    "--checkpoint~x~--checkpoint-every~-3|--checkpoint-every '-3'" \
    "--checkpoint~x~--checkpoint-every~1e9|--checkpoint-every '1e9'" \
    "--checkpoint~x~--checkpoint-every~2.5|--checkpoint-every '2.5'" \
    "--checkpoint|'--checkpoint' needs a value" \
    "--progress~--no-progress|'--progress' and '--no-progress' conflict" \
    "--sweep~strong~--checkpoint~x|cannot be combined with --checkpoint" \
    "--sweep~weak~--progress|cannot be combined with --progress" \
    "primes~--to~100~--list~$TMP/same~--checkpoint~$TMP/same|name the same file" \
    "-n~1000~--checkpoint~$TMP/dir.ckpt|not a regular file" \
    "-n~1000~--checkpoint~/dev/null|not a regular file" \
    "-n~1000~--checkpoint~/nonexistent-dir/x.ckpt|cannot write checkpoint '/nonexistent-dir/x.ckpt'" \
    "-n~1000~--checkpoint~/sys/mcpi-test.ckpt|cannot write checkpoint '/sys/mcpi-test.ckpt'" \
    "-n~1000~-s~2~--checkpoint~$TMP/good.ckpt|belongs to another run (pi samples=1000 seed=1), not this one (pi samples=1000 seed=2)" \
    "primes~--to~1000~--checkpoint~$TMP/good.ckpt|belongs to another run" \
    "-n~1000~-s~1~--checkpoint~$TMP/reshaped.ckpt|is impossible (2000 items and 1 tally words for pi samples=1000 seed=1, which has 1000 and 1)" \
    "-n~1000~-s~1~--checkpoint~$TMP/corrupt.ckpt|is corrupt or truncated (checksum mismatch)" \
    "-n~1000~-s~1~--checkpoint~$TMP/truncated.ckpt|is truncated" \
    "-n~1000~-s~1~--checkpoint~$TMP/foreign.ckpt|is not an mcpi checkpoint" \
    "-n~1000~-s~1~--checkpoint~$TMP/empty.ckpt|is not an mcpi checkpoint" \
    "-n~1000~-s~1~--checkpoint~$TMP/future.ckpt|format version 7")
printf '%s\n' "$cases" | while IFS='|' read -r args expect; do
    for np in 1 3; do
        # Split the arguments on ~ only, so blanks survive.
        old_ifs=$IFS
        IFS='~'
        set -f
        # shellcheck disable=SC2086
        set -- $args
        set +f
        IFS=$old_ifs
        refused 2 "$expect" run_case "$np" "$@"
    done
    echo "ok: [$args] -> $(cat "$TMP/err")"
done
# Refused checkpoints are left exactly as they were, with no temporary file beside them.
for f in good corrupt truncated foreign empty future reshaped; do
    cmp -s "$TMP/$f.ckpt" "$TMP/$f.pristine" || fail "refused checkpoint $f.ckpt was changed"
    for t in "$TMP/$f.ckpt".mcpi-* "$TMP/$f.ckpt.tmp" "$TMP/$f.ckpt.lock"; do
        [ ! -e "$t" ] || fail "a temporary file $t was left beside $f.ckpt"
    done
done
[ ! -e "$TMP/same" ] && [ ! -e x ] || fail "a refused command line created a file"
echo "ok: refused checkpoints untouched"

# What the user typed is quoted in the message: a newline in it still gives one line (control
# characters become '?'; found by fuzz/fuzz_cli.c).
nl='
'
for np in 1 3; do
    refused 2 "--samples '1?2'" run_case "$np" -n "1${nl}2"
    refused 2 "workload 'pi?x'" run_case "$np" "pi${nl}x"
done
echo "ok: newlines in values: $(cat "$TMP/err")"
