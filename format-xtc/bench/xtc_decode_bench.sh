#!/usr/bin/env bash
# XTC decode throughput: TrajStream's reader (1 and N threads, offset index) against MDAnalysis's
# XTCReader on the same file. Writes a water-box XTC with MDAnalysis (MOLECULES molecules x FRAMES
# frames, precision 1000) into a scratch directory unless a file is given.
# On a shared machine, ROUNDS alternating measurements (MDAnalysis, TrajStream, MDAnalysis, ...) in
# one run give ratios that see the same load; each round prints its own ratio.
# Each timed window reads the file PASSES times (MDAnalysis: best of 3 windows; TrajStream: best of 5,
# with the process CPU time of that window).
# usage: format-xtc/bench/xtc_decode_bench.sh [FILE.xtc] ; env MOLECULES, FRAMES, THREADS, ROUNDS, PASSES
# Needs: the module built (mvn -pl format-xtc -am install -DskipTests, then mvn -pl format-xtc test-compile),
# Debian's python3 with MDAnalysis.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
PY=${TRAJSTREAM_PYTHON:-/usr/bin/python3}
MOLECULES=${MOLECULES:-10000}
FRAMES=${FRAMES:-200}
THREADS=${THREADS:-"1 $(nproc)"}
ROUNDS=${ROUNDS:-1}
PASSES=${PASSES:-1}
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
if [ $# -ge 1 ]; then
  file=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
else
  file=$scratch/water.xtc
  "$PY" - "$file" "$MOLECULES" "$FRAMES" <<'PYEOF' 2>/dev/null
import sys, numpy as np, MDAnalysis as mda
out, m, F = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
side = int(np.ceil(m ** (1 / 3)))
g = np.indices((side, side, side)).reshape(3, -1).T[:m] * 0.31
rng = np.random.default_rng(1)
u = mda.Universe.empty(3 * m, trajectory=True)
with mda.Writer(out, n_atoms=3 * m) as w:
    for f in range(F):
        o = g + rng.uniform(-0.05, 0.05, g.shape)
        x = np.stack([o, o + [0.0957, 0, 0], o + [-0.024, 0.0927, 0]], axis=1).reshape(-1, 3)
        u.atoms.positions = (x * 10).astype(np.float32)  # MDAnalysis writes Angstrom as nm
        u.dimensions = [side * 3.1] * 3 + [90] * 3
        w.write(u)
PYEOF
fi
echo "file: $file ($(stat -c %s "$file") bytes), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
cat > "$scratch/mda.py" <<'PYEOF'
import sys, time, MDAnalysis as mda
from MDAnalysis.coordinates.XTC import XTCReader
r = XTCReader(sys.argv[1])
passes = int(sys.argv[2])
best = 0
for _ in range(3):
    t0 = time.perf_counter()
    n = 0
    for _ in range(passes):
        for ts in r:
            n += 1
    best = max(best, n / (time.perf_counter() - t0))
print("MDAnalysis %s XTCReader: 1 thread: %.1f frames/s" % (mda.__version__, best))
PYEOF
cp="$here/target/classes:$here/target/test-classes:$root/api/target/classes"
dir=$(dirname "$file")
[ -w "$dir" ] || { cp "$file" "$scratch/"; dir=$scratch; }
for round in $(seq "$ROUNDS"); do
  [ "$ROUNDS" -eq 1 ] || echo "round $round"
  mda=$("$PY" "$scratch/mda.py" "$file" "$PASSES" 2>/dev/null)
  echo "$mda"
  ours=$(java -Dpasses="$PASSES" -cp "$cp" io.trajstream.xtc.XtcDecodeBench "$dir" "$(basename "$file")" $THREADS)
  echo "$ours"
  a=$(sed -n 's/.*1 thread: \([0-9.]*\) frames.*/\1/p' <<<"$mda")
  b=$(sed -n 's/^java: 1 thread(s): \([0-9.]*\) frames.*/\1/p' <<<"$ours")
  [ -z "$a" ] || [ -z "$b" ] || awk -v a="$a" -v b="$b" 'BEGIN { printf "ratio, 1 thread: %.2f\n", b / a }'
done
