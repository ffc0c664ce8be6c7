"""Writes an H5MD file with h5py whose position, velocity and box have CHUNK frames per chunk,
and prints the stored bytes of each value dataset (sum of its chunks' sizes) as JSON.

usage: write_chunked_h5md.py OUT FRAMES ATOMS CHUNK_FRAMES [sparse]
With "sparse", velocity is sampled at every other frame only (its own step and time).
"""
import json
import sys
import warnings

warnings.filterwarnings("ignore")
import h5py
import numpy as np

out, F, N, chunk = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
sparse = len(sys.argv) > 5 and sys.argv[5] == "sparse"
rng = np.random.default_rng(11)
edge = 30.0
base = rng.uniform(0, edge, (N, 3))
pos = (base[None, :, :] + np.cumsum(rng.normal(0, 0.05, (F, N, 3)), axis=0)) % edge

with h5py.File(out, "w") as f:
    h = f.create_group("h5md")
    h.attrs["version"] = np.array([1, 1])
    h.create_group("author").attrs["name"] = "tests"
    creator = h.create_group("creator")
    creator.attrs["name"] = "h5py"
    creator.attrs["version"] = h5py.__version__
    p = f.create_group("particles/trajectory")
    g = p.create_group("position")
    g.create_dataset("step", data=np.arange(F, dtype="i8") * 10)
    t = g.create_dataset("time", data=np.arange(F, dtype="f8") * 0.5)
    t.attrs["unit"] = "ps"
    v = g.create_dataset("value", data=pos.astype("f4"), chunks=(chunk, N, 3), compression="gzip", shuffle=True)
    v.attrs["unit"] = "Angstrom"
    vel = p.create_group("velocity")
    VF = F
    if sparse:
        VF = (F + 1) // 2
        vel.create_dataset("step", data=np.arange(VF, dtype="i8") * 20)
        vt = vel.create_dataset("time", data=np.arange(VF, dtype="f8") * 1.0)
        vt.attrs["unit"] = "ps"
    else:
        vel["step"] = g["step"]
        vel["time"] = g["time"]
    vv = vel.create_dataset("value", data=rng.normal(0, 1, (VF, N, 3)).astype("f4"), chunks=(min(chunk, VF), N, 3),
                            compression="gzip", shuffle=True)
    vv.attrs["unit"] = "Angstrom ps-1"
    box = p.create_group("box")
    box.attrs["dimension"] = 3
    box.attrs["boundary"] = np.array([b"periodic"] * 3)
    edges = box.create_group("edges")
    edges["step"] = g["step"]
    edges["time"] = g["time"]
    ev = edges.create_dataset("value", data=np.full((F, 3), edge, dtype="f4"), chunks=(chunk, 3))
    ev.attrs["unit"] = "Angstrom"

stored = {}
with h5py.File(out, "r") as f:
    for field, path in (("position", "particles/trajectory/position/value"),
                        ("velocity", "particles/trajectory/velocity/value"),
                        ("box", "particles/trajectory/box/edges/value")):
        d = f[path]
        stored[field] = sum(d.id.get_chunk_info(i).size for i in range(d.id.get_num_chunks()))
print(json.dumps(stored))
