# Prints every observable below /observables of an H5MD file (h5py) or a zarrmd store (zarr) as
# JSON: per path the shape of one sample, time dependence, integer or not, units, the steps and
# times of the samples (fixed scalar step/time expanded with their offset) and the values flattened.
import json
import os
import sys

import numpy as np

path = sys.argv[1]
if os.path.isdir(path):
    import zarr
    root = zarr.open_group(path, mode="r")
    def is_group(n):
        return isinstance(n, zarr.hierarchy.Group)
else:
    import h5py
    root = h5py.File(path, "r")
    def is_group(n):
        return isinstance(n, h5py.Group)

def attr(node, name):
    v = node.attrs.get(name)
    if v is None:
        return None
    if isinstance(v, bytes):
        return v.decode()
    if isinstance(v, np.ndarray):
        v = v.tolist()
        return v[0] if len(v) == 1 else v
    return v.item() if hasattr(v, "item") else v

def expand(node, n):
    data = np.asarray(node[()])
    if data.ndim == 0:
        off = attr(node, "offset") or 0
        return [off + i * data.item() for i in range(n)]
    return data[:n].tolist()

out = {}
def visit(group, prefix):
    for name in group.keys():
        node = group[name]
        if not is_group(node):
            continue
        p = prefix + name
        if "value" in node.keys() and not is_group(node["value"]):
            value = np.asarray(node["value"][()])
            td = "step" in node.keys()
            n = value.shape[0] if td else 1
            out[p] = {
                "shape": list(value.shape[1:] if td else value.shape),
                "time_dependent": td,
                "integral": value.dtype.kind in "iu",
                "unit": attr(node["value"], "unit"),
                "samples": n,
                "steps": [int(s) for s in expand(node["step"], n)] if td else None,
                "times": [float(t) for t in expand(node["time"], n)] if td and "time" in node.keys() else None,
                "time_unit": attr(node["time"], "unit") if td and "time" in node.keys() else None,
                "values": [float(x) for x in value.ravel().tolist()],
            }
        else:
            visit(node, p + "/")

if "observables" in root:
    visit(root["observables"], "")
print(json.dumps(out))
