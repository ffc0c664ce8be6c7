"""Writes a benchmark H5MD file from raw float32 positions (frames x atoms x 3, little-endian).

usage: make_h5md.py RAW OUT ATOMS FRAMES CHUNK_FRAMES COMPRESSION BOX_EDGE DT STEPS_PER_FRAME
COMPRESSION: none, gzip, blosc-lz4, blosc-zstd. Blosc chunks are encoded with numcodecs and written
directly (HDF5 filter 32001), since h5py has no Blosc plugin here. Prints {"stored_bytes": N}: the
stored size of position/value's chunks.
"""
import json
import sys

import h5py
import numpy as np

raw, out = sys.argv[1], sys.argv[2]
n, f, k = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
comp = sys.argv[6]
edge, dt, spf = float(sys.argv[7]), float(sys.argv[8]), int(sys.argv[9])

pos = np.memmap(raw, dtype="<f4", mode="r", shape=(f, n, 3))
with h5py.File(out, "w") as h:
    md = h.create_group("h5md")
    md.attrs["version"] = np.array([1, 1], dtype="i4")
    md.create_group("author").attrs["name"] = "TrajStream benchmarks"
    c = md.create_group("creator")
    c.attrs["name"] = "trajstream-benchmarks"
    c.attrs["version"] = "1"
    g = h.create_group("particles/trajectory")
    box = g.create_group("box")
    box.attrs["dimension"] = 3
    box.attrs["boundary"] = np.array([b"periodic"] * 3)
    # time-dependent box vectors [F, 3, 3], as MDAnalysis writes (and needs to read) them
    e = box.create_dataset("edges/value", data=np.broadcast_to(np.eye(3, dtype="f4") * edge, (f, 3, 3)),
                           chunks=(min(f, 4096), 3, 3))
    e.attrs["unit"] = "Angstrom"
    kw = dict(shape=(f, n, 3), dtype="<f4", chunks=(k, n, 3))
    if comp == "gzip":
        kw.update(compression="gzip", compression_opts=4)
    elif comp.startswith("blosc-"):
        cname = comp.split("-", 1)[1]
        # filter 32001 options: filter revision, blosc version, type size, chunk bytes, level, shuffle, compressor code
        codes = {"lz4": 1, "zstd": 5}
        level = 5 if cname == "lz4" else 3
        kw.update(compression=32001, compression_opts=(2, 2, 4, k * n * 12, level, 1, codes[cname]),
                  allow_unknown_filter=True)
    elif comp != "none":
        raise SystemExit("unknown compression " + comp)
    v = g.create_dataset("position/value", **kw)
    v.attrs["unit"] = "Angstrom"
    if comp.startswith("blosc-"):
        import numcodecs
        codec = numcodecs.Blosc(cname=cname, clevel=level, shuffle=numcodecs.Blosc.SHUFFLE)
        for s in range(0, f, k):
            block = np.zeros((k, n, 3), dtype="<f4")  # edge chunks are stored whole
            m = min(k, f - s)
            block[:m] = pos[s:s + m]
            v.id.write_direct_chunk((s, 0, 0), codec.encode(block))
    else:
        step = k * max(1, (64 << 20) // (k * n * 12))  # whole chunks, about 64 MiB at a time
        for s in range(0, f, step):
            v[s:s + step] = pos[s:s + step]
    g.create_dataset("position/step", data=np.arange(f, dtype="i8") * spf)
    t = g.create_dataset("position/time", data=np.arange(f, dtype="f8") * dt)
    t.attrs["unit"] = "ps"
    box["edges/step"] = g["position/step"]  # hard links, as MDAnalysis writes them
    box["edges/time"] = t
    stored = v.id.get_storage_size()
print(json.dumps({"stored_bytes": int(stored)}))
