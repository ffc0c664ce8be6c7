"""Opens a kerchunk reference file with fsspec's ReferenceFileSystem and zarr, and compares every
array with what h5py reads from the HDF5 file.

usage: kerchunk_check.py REFS.json FILE.h5md
Prints JSON: {"checked": [paths], "mismatch": [paths], "missing": [paths]}.
"""
import json
import sys
import warnings

warnings.filterwarnings("ignore")
import fsspec
import h5py
import numpy as np
import zarr

refs, path = sys.argv[1], sys.argv[2]
fs = fsspec.filesystem("reference", fo=refs)
root = zarr.open(fs.get_mapper(""), mode="r")
result = {"checked": [], "mismatch": [], "missing": []}


def visit(group, prefix):
    for name, obj in group.items():
        p = prefix + name
        if isinstance(obj, h5py.Group):
            visit(obj, p + "/")
        elif obj.dtype.kind in "fiu":
            try:
                z = root[p]
            except KeyError:
                result["missing"].append(p)
                continue
            ok = z.shape == obj.shape and np.array_equal(z[()], obj[()])
            (result["checked"] if ok else result["mismatch"]).append(p)
            if ok:
                for k, v in obj.attrs.items():
                    zv = z.attrs.get(k)
                    hv = v.tolist() if hasattr(v, "tolist") else v
                    hv = [x.decode() if isinstance(x, bytes) else x for x in hv] if isinstance(hv, list) else hv
                    if zv != hv:
                        result["mismatch"].append(p + "@" + k)


with h5py.File(path, "r") as f:
    visit(f, "")  # h5py's items() lists hard links under every name
print(json.dumps(result))
