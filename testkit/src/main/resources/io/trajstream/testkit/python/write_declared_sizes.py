"""Writes legal H5MD files whose declared sizes dwarf their stored bytes.

usage: write_declared_sizes.py OUTDIR
huge_fixed.h5md      position value [1e9, 1e6, 3] f4, chunked, nothing written, fill value 1.5;
                     scalar step 10 (offset 100) and time 0.5 (offset 2.0); fixed box edges.
huge_explicit.h5md   the same value, but an explicit step dataset of 1e9 entries never written.
tiny_chunks.h5md     value [10, 1e8, 3] in one-atom chunks, nothing written.
fill_partial.h5md    value [6, 4, 3] f4 chunks (2, 4, 3) fill value -7.25 with frames 2-3 never written;
                     explicit steps and times.
Prints what h5py reads at frame 0 of huge_fixed.h5md as JSON.
"""
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")
import h5py
import numpy as np

OUT = sys.argv[1]
F, N = 10**9, 10**6


def header(f):
    h = f.create_group("h5md")
    h.attrs["version"] = np.array([1, 1])
    h.create_group("author").attrs["name"] = "declared sizes test"
    c = h.create_group("creator")
    c.attrs["name"] = "h5py"
    c.attrs["version"] = h5py.__version__


def huge(path, explicit_steps):
    with h5py.File(path, "w") as f:
        header(f)
        g = f.create_group("particles/trajectory")
        box = g.create_group("box")
        box.attrs["dimension"] = 3
        box.attrs["boundary"] = np.array([b"periodic"] * 3)
        box.create_dataset("edges", data=np.array([10.0, 11.0, 12.0], dtype="f4"))
        pos = g.create_group("position")
        v = pos.create_dataset("value", shape=(F, N, 3), dtype="f4", chunks=(1, 16384, 3), fillvalue=1.5)
        v.attrs["unit"] = "nm"
        if explicit_steps:
            pos.create_dataset("step", shape=(F,), dtype="i8", chunks=(65536,))
        else:
            s = pos.create_dataset("step", data=np.int64(10))
            s.attrs["offset"] = np.int64(100)
        t = pos.create_dataset("time", data=np.float64(0.5))
        t.attrs["offset"] = np.float64(2.0)
        t.attrs["unit"] = "ps"


huge(os.path.join(OUT, "huge_fixed.h5md"), False)
# a hundred million atoms in one-atom chunks: frame 0 alone would be 10^8 chunk reads
with h5py.File(os.path.join(OUT, "tiny_chunks.h5md"), "w") as f:
    header(f)
    pos = f.create_group("particles/trajectory/position")
    pos.create_dataset("value", shape=(10, 10**8, 3), dtype="f4", chunks=(1, 1, 3))
    pos.create_dataset("step", data=np.int64(1))
huge(os.path.join(OUT, "huge_explicit.h5md"), True)

with h5py.File(os.path.join(OUT, "fill_partial.h5md"), "w") as f:
    header(f)
    pos = f.create_group("particles/trajectory/position")
    v = pos.create_dataset("value", shape=(6, 4, 3), dtype="f4", chunks=(2, 4, 3), fillvalue=-7.25)
    data = np.arange(6 * 4 * 3, dtype="f4").reshape(6, 4, 3)
    v[0:2] = data[0:2]
    v[4:6] = data[4:6]
    pos.create_dataset("step", data=np.arange(6, dtype="i8") * 5)
    pos.create_dataset("time", data=np.arange(6, dtype="f8") * 0.25)

with h5py.File(os.path.join(OUT, "huge_fixed.h5md"), "r") as f:
    v = f["particles/trajectory/position/value"]
    frame0 = v[0, :3]
    last = v[F - 1, N - 1]
with h5py.File(os.path.join(OUT, "fill_partial.h5md"), "r") as f:
    partial = f["particles/trajectory/position/value"][()]
print(json.dumps({"frame0": frame0.tolist(), "last": last.tolist(), "partial": partial.reshape(-1).tolist()}))
