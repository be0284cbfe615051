#!/bin/sh
# One rank fails alone (rank 0, or the last rank) at the places where ranks must agree: finding
# the topology, sharing the checkpoint's work, the engine's map (single run and sweep), and writing
# --list. Every run must end within seconds (never a hang), with status 1 on every rank, exactly
# one line on stderr, and nothing on stdout. Each rank's own status is recorded by a wrapper that
# then exits 0, so that the launcher never kills the other ranks before they record theirs. The
# failure is injected by mcpi's test-only hook MCPI_TEST_FAIL=WHERE:RANK (src/testfail.h). A sweep
# reports the points before the failing one (those without the victim) and none after.
. "${srcdir:-.}/tests/setup"

REAL=$MCPI
cat > "$TMP/wrap" << EOS
#!/bin/sh
"$REAL" "\$@"
s=\$?
echo \$s > "$TMP/status.\${OMPI_COMM_WORLD_RANK:-\${PMI_RANK:-0}}"
[ "\${WRAP_STATUS:-0}" = 0 ] || exit \$s
EOS
chmod +x "$TMP/wrap"
MCPI=$TMP/wrap
MCPI_TEST_TIMEOUT=30

# The hook itself must not change a run: without it, the same command succeeds.
WRAP_STATUS=1 run_np 3 primes --to 1e6 --checkpoint "$TMP/ok.ckpt" --list "$TMP/ok.list" --format json > "$TMP/ok.json" ||
    fail "the run without an injected failure failed"
[ "$(json_get count < "$TMP/ok.json")" = 78498 ] || fail "pi(10^6) is 78498 (OEIS A006880)"

for np in 1 3; do
    last=$((np - 1))
    victims=0
    [ "$np" = 1 ] || victims="0 $last"
    for where in topo ckpt map list sweep-map; do
        for victim in $victims; do
            rm -f "$TMP"/status.* "$TMP/f.ckpt" "$TMP/f.list"
            if [ "$where" = sweep-map ]; then
                set -- primes --to 1e6 --sweep strong --repeat 1 --format csv --no-header
                spec=map:$victim
            else
                set -- primes --to 1e6 --checkpoint "$TMP/f.ckpt" --list "$TMP/f.list"
                spec=$where:$victim
            fi
            t0=$(date +%s)
            status=0
            MCPI_TEST_FAIL=$spec run_np "$np" "$@" > "$TMP/out" 2> "$TMP/err.all" || status=$?
            without_launcher_noise < "$TMP/err.all" > "$TMP/err"
            t=$(($(date +%s) - t0))
            what="$where on rank $victim of $np"
            [ "$status" != 124 ] || fail "$what: hung until the timeout"
            [ "$status" = 0 ] || { cat "$TMP/err"; fail "$what: the launcher ended with status $status"; }
            [ "$t" -le 20 ] || fail "$what: took $t s"
            [ "$(wc -l < "$TMP/err")" = 1 ] || { cat "$TMP/err"; fail "$what: not exactly one line on stderr"; }
            grep -q '^mcpi: ' "$TMP/err" || fail "$what: the line does not start with 'mcpi: '"
            if [ "$where" = sweep-map ]; then # one row per point of 1, 2, ... ranks without the victim
                [ "$(wc -l < "$TMP/out")" = "$victim" ] || { cat "$TMP/out"; fail "$what: not $victim points reported"; }
            else
                [ ! -s "$TMP/out" ] || fail "$what: a report on stdout"
            fi
            [ ! -e "$TMP/f.list" ] || fail "$what: a list file left"
            for r in $(seq 0 $last); do
                [ "$(cat "$TMP/status.$r" 2> /dev/null)" = 1 ] || fail "$what: rank $r ended with status '$(cat "$TMP/status.$r" 2> /dev/null)'"
            done
            echo "ok: $what: status 1 on every rank in $t s: $(cat "$TMP/err")"
        done
    done
done
