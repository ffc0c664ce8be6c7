"""Writes an H5MD file with h5py from raw little-endian arrays dumped by the Java test.

usage: write_synthetic.py DIR OUT FRAMES ATOMS CHUNK_FRAMES
DIR holds position/velocity/force (<f4, [F,N,3]), box (<f4, [F,3] edges), step (<i8), time (<f8).
"""
import sys

import h5py
import numpy as np

d, out, F, N, chunk = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])


def arr(name, dtype, shape):
    return np.fromfile(f"{d}/{name}", dtype=dtype).reshape(shape)


with h5py.File(out, "w") as f:
    h = f.create_group("h5md")
    h.attrs["version"] = np.array([1, 1])
    h.create_group("author").attrs["name"] = "testkit"
    creator = h.create_group("creator")
    creator.attrs["name"] = "h5py"
    creator.attrs["version"] = h5py.__version__
    p = f.create_group("particles/all")
    pos = p.create_group("position")
    pos.create_dataset("step", data=arr("step", "<i8", (F,)))
    t = pos.create_dataset("time", data=arr("time", "<f8", (F,)))
    t.attrs["unit"] = "ps"
    units = {"position": "Angstrom", "velocity": "Angstrom ps-1", "force": "kJ mol-1 Angstrom-1"}
    for name, unit in units.items():
        g = p.require_group(name)
        v = g.create_dataset("value", data=arr(name, "<f4", (F, N, 3)), chunks=(chunk, N, 3),
                             compression="gzip", shuffle=True)
        v.attrs["unit"] = unit
        if name != "position":
            g["step"] = pos["step"]  # hard links, as MDAnalysis writes them
            g["time"] = pos["time"]
    box = p.create_group("box")
    box.attrs["dimension"] = 3
    box.attrs["boundary"] = np.array([b"periodic"] * 3)
    edges = box.create_group("edges")
    ev = edges.create_dataset("value", data=arr("box", "<f4", (F, 3)), chunks=(chunk, 3))
    ev.attrs["unit"] = "Angstrom"
    edges["step"] = pos["step"]
    edges["time"] = pos["time"]
