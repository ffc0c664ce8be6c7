"""Checks a zarrmd TrajStream wrote with zarr-python: zarrtraj's layout, and values equal to the raw
float32 dumps written beside it (positions.bin [F,N,3], box.bin [F,3,3], steps.bin int64,
times.bin float64). With a quantize filter, values must equal numcodecs' own quantization of the
raw values. Exits 1 listing every problem."""
import sys

import numcodecs
import numpy as np
import zarr

path, raw = sys.argv[1], sys.argv[2]
g = zarr.open_consolidated(path, mode="r")
bad = []
if list(g["h5md"].attrs["version"]) != [1, 1]:
    bad.append("h5md version")
for k in ["author", "creator"]:
    if "name" not in g["h5md"][k].attrs:
        bad.append(f"h5md/{k} has no name")
groups = list(g["particles"].group_keys())
if len(groups) != 1:
    bad.append(f"particle groups {groups}")
t = g["particles"][groups[0]]
box = t["box"]
if box.attrs["dimension"] != 3 or list(box.attrs["boundary"]) != ["periodic"] * 3:
    bad.append(f"box attrs {dict(box.attrs)}")
pos = t["position/value"]
n = pos.shape[0]
want = np.fromfile(f"{raw}/positions.bin", dtype="<f4").reshape(pos.shape)
for f in pos.filters or []:
    want = f.encode(want).reshape(pos.shape)
if not np.array_equal(pos[...], want):
    bad.append("positions differ")
if pos.attrs.get("unit") != "Angstrom":
    bad.append(f"position unit {pos.attrs.get('unit')}")
steps = np.fromfile(f"{raw}/steps.bin", dtype="<i8")
times = np.fromfile(f"{raw}/times.bin", dtype="<f8")
for el in ["position", "velocity", "force", "box/edges"]:
    if not np.array_equal(t[el + "/step"][...], steps):
        bad.append(f"{el}/step differs")
    if not np.allclose(t[el + "/time"][...], times, rtol=0, atol=0):
        bad.append(f"{el}/time differs")
    if t[el + "/time"].attrs.get("unit") != "ps":
        bad.append(f"{el}/time unit")
edges = t["box/edges/value"]
if edges.shape != (n, 3, 3):
    bad.append(f"box shape {edges.shape}")
wbox = np.fromfile(f"{raw}/box.bin", dtype="<f4").reshape(n, 3, 3)
for f in edges.filters or []:
    wbox = f.encode(wbox).reshape(n, 3, 3)
if not np.array_equal(edges[...], wbox):
    bad.append("box differs")
for el in ["position", "velocity", "force", "box/edges"]:
    z = t[el + "/value"]
    for cfg in ([z.compressor.get_config()] if z.compressor else []) + [f.get_config() for f in z.filters or []]:
        numcodecs.get_codec(dict(cfg))
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
print(f"ok {n} frames, chunks {pos.chunks}, compressor {pos.compressor}, filters {pos.filters}")
