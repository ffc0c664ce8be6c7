"""The zarr-python half of speed-vs-zarr-python.sh: writes and reads the same positions as zarrmd
(Blosc lz4 level 5, shuffle, zarrtraj's 12 MiB chunks) RUNS times and prints one JSON line with
every run's times. Arguments: WORK ATOMS FRAMES RUNS; the positions are WORK/positions.f32."""
import json
import os
import sys
import time

import numcodecs
import numpy as np
import zarr

work, atoms, frames, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
pos = np.fromfile(f"{work}/positions.f32", dtype="<f4").reshape(frames, atoms, 3)
fpc = min(max(1, 12582912 // (atoms * 12)), frames)  # zarrtraj's chunking
path = f"{work}/python.zarrmd"
writes, reads = [], []
for r in range(runs + 1):
    t0 = time.perf_counter()
    g = zarr.open_group(path, mode="w")  # removes the previous store, as the Java half does
    z = g.create_dataset("particles/all/position/value", shape=pos.shape, chunks=(fpc, atoms, 3), dtype="<f4",
                         compressor=numcodecs.Blosc(cname="lz4", clevel=5, shuffle=1))
    z[...] = pos
    zarr.consolidate_metadata(path)
    t1 = time.perf_counter()
    back = zarr.open_consolidated(path, mode="r")["particles/all/position/value"][...]
    t2 = time.perf_counter()
    if r == 0:
        cold = (t1 - t0, t2 - t1)
    else:  # the first run is a warm-up (interpreted code gains little from more)
        writes.append(round(t1 - t0, 4))
        reads.append(round(t2 - t1, 4))
    if r == runs:
        assert np.array_equal(back, pos)  # not timed
stored = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)
print(json.dumps({"impl": "zarr-python " + zarr.__version__, "atoms": atoms, "frames": frames,
                  "MB": round(pos.nbytes / 1e6, 1), "stored_MB": round(stored / 1e6, 1), "write_s": writes,
                  "read_s": reads, "cold_write_s": round(cold[0], 3), "cold_read_s": round(cold[1], 3)}))
