#!/usr/bin/env bash
# Writes and reads all positions of one synthetic trajectory as zarrmd (Blosc lz4 level 5, shuffle,
# 12 MiB chunks) with TrajStream and with zarr-python 2.13 on the same data in the same run.
# Both sides: local disk under one temporary directory, the same chunks (zarrtraj's 12 MiB), the
# previous output deleted inside the timed write, best of RUNS. Java times exclude JVM start; its
# first run warms the JIT and is reported apart (cold_*), as is zarr-python's first run.
# Usage: bench/speed-vs-zarr-python.sh [ATOMS] [FRAMES] [RUNS]   (from the repository root)
set -euo pipefail
ATOMS=${1:-5000}
FRAMES=${2:-2000}
RUNS=${3:-3}
PY=${TRAJSTREAM_PYTHON:-/usr/bin/python3}
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mvn -q -o test-compile -pl format-zarrmd >/dev/null
mvn -q -o dependency:build-classpath -pl format-zarrmd -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="format-zarrmd/target/test-classes:format-zarrmd/target/classes:$(cat "$WORK/cp.txt")"
java -cp "$CP" io.trajstream.zarrmd.SpeedComparison "$WORK" "$ATOMS" "$FRAMES" "$RUNS"
"$PY" - "$WORK" "$ATOMS" "$FRAMES" "$RUNS" <<'PYEOF'
import json, sys, time
import numcodecs, numpy as np, zarr
work, atoms, frames, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
pos = np.fromfile(f"{work}/positions.f32", dtype="<f4").reshape(frames, atoms, 3)
fpc = min(max(1, 12582912 // (atoms * 12)), frames)  # zarrtraj's chunking
best_w = best_r = float("inf")
cold = None
for r in range(runs):
    t0 = time.perf_counter()
    g = zarr.open_group(f"{work}/python.zarrmd", mode="w")
    z = g.create_dataset("particles/all/position/value", shape=pos.shape, chunks=(fpc, atoms, 3), dtype="<f4",
                         compressor=numcodecs.Blosc(cname="lz4", clevel=5, shuffle=1))
    z[...] = pos
    zarr.consolidate_metadata(f"{work}/python.zarrmd")
    t1 = time.perf_counter()
    back = zarr.open_consolidated(f"{work}/python.zarrmd", mode="r")["particles/all/position/value"][...]
    t2 = time.perf_counter()
    assert np.array_equal(back, pos)
    best_w, best_r = min(best_w, t1 - t0), min(best_r, t2 - t1)
    cold = cold or (t1 - t0, t2 - t1)
mb = pos.nbytes / 1e6
print(json.dumps({"impl": "zarr-python " + zarr.__version__, "atoms": atoms, "frames": frames, "MB": round(mb, 1),
                  "write_s": round(best_w, 3), "read_s": round(best_r, 3),
                  "write_MBps": round(mb / best_w, 1), "read_MBps": round(mb / best_r, 1),
                  "cold_write_s": round(cold[0], 3), "cold_read_s": round(cold[1], 3), "runs": runs}))
PYEOF
