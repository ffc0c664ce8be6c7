#!/usr/bin/env bash
# Reads all positions of an MDAnalysis-written H5MD (>= 2000 frames, 10-frame gzip chunks) from
# local disk with TrajStream (1 and 2 threads) and with h5py's bulk read, in the same run.
# usage: format-h5md/scripts/speed.sh [WORKDIR] [ATOMS] [FRAMES]   (run from the repository root)
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
CP="format-h5md/target/test-classes:format-h5md/target/classes:$(cat "$WORK/classpath.txt")"
# the machine may be shared: alternate the two readers for ROUNDS rounds and compare the best times
ROUNDS=${ROUNDS:-3}
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  "$PY" - "$FILE" <<'PYEOF'
import sys, time, warnings
warnings.filterwarnings("ignore")
import h5py
best = 1e9
with h5py.File(sys.argv[1], "r") as f:
    d = f["particles/trajectory/position/value"]
    d[:10]
    for _ in range(3):
        t0 = time.perf_counter()
        a = d[()]
        best = min(best, time.perf_counter() - t0)
print(f"h5py bulk read seconds={best:.3f} ({a.nbytes / 1e6:.0f} MB)")
PYEOF
  java -cp "$CP" io.trajstream.h5md.bench.ReadAllPositions "$FILE" 1 2 2>/dev/null
done
