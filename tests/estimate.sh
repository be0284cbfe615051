#!/bin/sh
# The estimate lies within 5 standard errors of pi for 20 seeds (a failure has probability ~1e-5).
. "${srcdir:-.}/tests/setup"
seed=1
while [ "$seed" -le 20 ]; do
    run_np 2 -n 1e6 -s "$seed" --format json > "$TMP/run.json"
    "$PYTHON3" - "$TMP/run.json" <<'PY' || fail "seed $seed: estimate too far from pi"
import json, math, sys
r = json.load(open(sys.argv[1]))
z = abs(r["estimate"] - math.pi) / r["stderr"]
assert r["estimate"] == 4 * r["hits"] / r["samples"], r
print("seed %d: estimate %.6f, %.2f standard errors from pi" % (r["seed"], r["estimate"], z))
sys.exit(0 if z < 5 else 1)
PY
    seed=$((seed + 1))
done
