#!/usr/bin/env bash
# Reads all positions of an MDAnalysis-written H5MD (>= 2000 frames, 10-frame gzip chunks) from
# local disk with TrajStream (1 and 2 threads) and with h5py's bulk read, in the same run.
# usage: format-h5md/scripts/speed.sh [WORKDIR] [ATOMS] [FRAMES]   (run from the repository root)
# env: ROUNDS (5), REPS per round (5), WARMUP reads before timing TrajStream (2), THREADS ("1 2")
set -euo pipefail
WORK=${1:-$(mktemp -d)}
ATOMS=${2:-3000}
FRAMES=${3:-2000}
PY=${TRAJSTREAM_PYTHON:-/usr/bin/python3}
FILE="$WORK/speed_${ATOMS}x${FRAMES}.h5md"
mkdir -p "$WORK"
if [ ! -f "$FILE" ]; then
  "$PY" - "$FILE" "$ATOMS" "$FRAMES" <<'PYEOF'
import sys, warnings
warnings.filterwarnings("ignore")
import numpy as np, MDAnalysis as mda
from MDAnalysis.coordinates.memory import MemoryReader
from MDAnalysis.coordinates.H5MD import H5MDWriter
path, n, f = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(1)
# a random walk: positions change a little per frame, like a simulation
start = rng.random((n, 3)) * 50
steps = rng.standard_normal((f, n, 3)) * 0.05
pos = (start + np.cumsum(steps, axis=0)).astype("f4")
u = mda.Universe.empty(n, trajectory=True)
u.load_new(pos, format=MemoryReader, dimensions=np.tile([50, 50, 50, 90, 90, 90], (f, 1)).astype("f4"))
with H5MDWriter(path, n, n_frames=f, positions=True, velocities=False, forces=False, lengthunit="nm", timeunit="ps",
                chunks=(10, n, 3), compression="gzip", compression_opts=4) as w:
    for ts in u.trajectory:
        w.write(u.atoms)
PYEOF
fi
ls -l "$FILE"
mvn -q -B -o test-compile -pl format-h5md
mvn -q -B -o dependency:build-classpath -pl format-h5md -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
# a copy of the compiled classes, so that a build running meanwhile cannot change them under the runs
rm -rf "$WORK/classes" && mkdir -p "$WORK/classes"
cp -r format-h5md/target/classes "$WORK/classes/main" && cp -r format-h5md/target/test-classes "$WORK/classes/test"
CP="$WORK/classes/test:$WORK/classes/main:$(cat "$WORK/classpath.txt")"
DATASET=particles/trajectory/position/value
# The machine may be shared: the two sides alternate for ROUNDS rounds, every repetition is kept,
# and the summary gives best and median of all of them for both sides.
#  warm: in-process times of reading the whole dataset, excluding interpreter/JVM start and opening
#        the file; h5py after one untimed full read, TrajStream after WARMUP untimed reads (JIT
#        compiled). h5py: dataset[()] (one call, one thread). TrajStream: one read() of all frames
#        with decode-threads=T ("whole"), and T caller threads reading 60-frame blocks ("blocks").
#  cold: a fresh process per measurement, timed from outside, including interpreter/JVM start,
#        imports/class loading, opening the file and one read (TrajStream JIT warm-up included).
ROUNDS=${ROUNDS:-5}
REPS=${REPS:-5}
WARMUP=${WARMUP:-2}
THREADS=${THREADS:-"1 2"}
LOG="$WORK/speed_$(date +%Y%m%d_%H%M%S).log"
now() { date +%s.%N; }
for round in $(seq 1 "$ROUNDS"); do
  echo "# round $round (load: $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$LOG"
  "$PY" - "$FILE" "$DATASET" "$REPS" <<'PYEOF' | tee -a "$LOG"
import sys, time, warnings
warnings.filterwarnings("ignore")
import h5py
path, name, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = []
with h5py.File(path, "r") as f:
    d = f[name]
    a = d[()]  # untimed warm-up read
    for _ in range(reps):
        t0 = time.perf_counter()
        a = d[()]
        times.append(time.perf_counter() - t0)
print("h5py mode=whole threads=1 seconds=" + ",".join(f"{t:.4f}" for t in times))
PYEOF
  # shellcheck disable=SC2086
  java -cp "$CP" io.trajstream.h5md.bench.ReadAllPositions "$FILE" --mode both --reps "$REPS" --warmup "$WARMUP" $THREADS 2> >(grep -v '^SLF4J' >&2) \
    | tee -a "$LOG" | grep -v '^#'
  t0=$(now)
  "$PY" -c "import sys, warnings; warnings.filterwarnings('ignore'); import h5py; a = h5py.File(sys.argv[1], 'r')[sys.argv[2]][()]" "$FILE" "$DATASET"
  t1=$(now)
  echo "cold h5py threads=1 seconds=$(echo "$t1 - $t0" | bc)" | tee -a "$LOG"
  for t in $THREADS; do
    t0=$(now)
    java -cp "$CP" io.trajstream.h5md.bench.ReadAllPositions "$FILE" --mode whole --reps 1 --warmup 0 "$t" >/dev/null 2>"$WORK/cold.err" \
      || { echo "cold TrajStream run failed:" >&2; cat "$WORK/cold.err" >&2; exit 1; }
    t1=$(now)
    echo "cold trajstream threads=$t seconds=$(echo "$t1 - $t0" | bc)" | tee -a "$LOG"
  done
done
echo "# log: $LOG"
"$PY" - "$LOG" <<'PYEOF'
import re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    m = re.match(r"(cold )?(\w+) (?:mode=(\w+) )?threads=(\d+) seconds=(\S+)", line.strip())
    if m:
        key = ("cold" if m.group(1) else "warm", m.group(2), m.group(3) or "whole", int(m.group(4)))
        runs.setdefault(key, []).extend(float(x) for x in m.group(5).split(","))
def base(kind):
    return runs.get((kind, "h5py", "whole", 1))
print(f"{'':5} {'reader':10} {'mode':6} {'thr':>3} {'n':>3} {'best s':>7} {'median s':>8}  {'h5py/this best':>14} {'median':>6}")
for key in sorted(runs, key=lambda k: (k[0] != "warm", k[1] != "h5py", k[2], k[3])):
    v = runs[key]
    b = base(key[0])
    rb = f"{min(b) / min(v):14.2f} {statistics.median(b) / statistics.median(v):6.2f}" if b else ""
    print(f"{key[0]:5} {key[1]:10} {key[2]:6} {key[3]:3d} {len(v):3d} {min(v):7.3f} {statistics.median(v):8.3f}  {rb}")
print("(h5py/this > 1: faster than h5py; warm excludes start-up and open, cold includes JVM/interpreter start, open and one read)")
PYEOF
