#!/usr/bin/env bash
# Writes and reads all positions of one synthetic trajectory as zarrmd (Blosc lz4 level 5, shuffle,
# zarrtraj's 12 MiB chunks) with TrajStream and with zarr-python 2.13 on the same data in the same
# run. Both sides: local disk under one temporary directory, the previous output deleted inside the
# timed write, warm-up runs first in each process (Java: three seconds of them, for its JIT; Python: one; the first
# reported apart as cold_*), what is read back checked outside the timing. The two alternate for ROUNDS rounds of RUNS timed runs each, so that a
# slow moment of the machine hits both; the summary gives each side's best and median and the ratios
# (zarr-python time / TrajStream time: above 1 means TrajStream is faster).
# Usage: bench/speed-vs-zarr-python.sh [ATOMS] [FRAMES] [RUNS] [ROUNDS]   (from the repository root)
set -euo pipefail
ATOMS=${1:-5000}
FRAMES=${2:-2000}
RUNS=${3:-5}
ROUNDS=${4:-3}
PY=${TRAJSTREAM_PYTHON:-/usr/bin/python3}
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mvn -q -o test-compile -pl format-zarrmd >/dev/null
mvn -q -o dependency:build-classpath -pl format-zarrmd -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="format-zarrmd/target/test-classes:format-zarrmd/target/classes:$(cat "$WORK/cp.txt")"
for round in $(seq "$ROUNDS"); do
  java -cp "$CP" io.trajstream.zarrmd.SpeedComparison "$WORK" "$ATOMS" "$FRAMES" "$RUNS" | tee -a "$WORK/results.jsonl"
  "$PY" format-zarrmd/bench/zarr_python_half.py "$WORK" "$ATOMS" "$FRAMES" "$RUNS" | tee -a "$WORK/results.jsonl"
done
"$PY" - "$WORK/results.jsonl" <<'PYEOF'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    s = runs.setdefault(r["impl"], {"write": [], "read": [], "MB": r["MB"], "stored_MB": r["stored_MB"]})
    s["write"] += r["write_s"]
    s["read"] += r["read_s"]
print(f"{'':24} {'write best':>10} {'median':>8} {'read best':>10} {'median':>8} {'stored MB':>9}  ({len(next(iter(runs.values()))['write'])} runs each)")
for impl, s in runs.items():
    print(f"{impl:24} {min(s['write']):10.4f} {statistics.median(s['write']):8.4f} "
          f"{min(s['read']):10.4f} {statistics.median(s['read']):8.4f} {s['stored_MB']:9.1f}")
ts = next(v for k, v in runs.items() if k == "trajstream")
zp = next(v for k, v in runs.items() if k.startswith("zarr-python"))
for op in ("write", "read"):
    print(f"{op}: zarr-python / TrajStream time = {min(zp[op]) / min(ts[op]):.2f} (best), "
          f"{statistics.median(zp[op]) / statistics.median(ts[op]):.2f} (median)")
PYEOF
