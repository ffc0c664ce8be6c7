"""Reads arrays TrajStream wrote and compares them with the values it meant to write (raw
little-endian C-order bytes beside each array). Quantized arrays must equal numcodecs' own encoding
of those values. Exits 1 listing every mismatch."""
import json
import sys

import numcodecs
import numpy as np
import zarr

out = sys.argv[1]
cases = json.load(open(f"{out}/cases.json"))
root = zarr.open_consolidated(zarr.DirectoryStore(out), mode="r")
plain = zarr.open_group(zarr.DirectoryStore(out), mode="r")
bad = []
for c in cases:
    name = c["name"]
    z = root[name]
    assert plain[name].shape == z.shape, name
    want = np.frombuffer(open(f"{out}/{name}.bin", "rb").read(), dtype=np.dtype(c["dtype"]).newbyteorder("<"))
    want = want.reshape(c["shape"])
    for f in z.filters or []:
        if f.codec_id == "quantize":
            want = f.encode(want.astype(f.dtype)).astype(z.dtype).reshape(c["shape"])
    got = z[...]
    if got.dtype != np.dtype(c["dtype"]):
        bad.append(f"{name}: dtype {got.dtype} != {c['dtype']}")
    elif not np.array_equal(got, want, equal_nan=got.dtype.kind == "f"):
        bad.append(f"{name}: values differ, first at {np.argwhere(got != want)[:3].tolist()}")
    # zarr-python must also accept every codec configuration we wrote.
    for cfg in ([z.compressor.get_config()] if z.compressor else []) + [f.get_config() for f in z.filters or []]:
        numcodecs.get_codec(dict(cfg))
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
print(f"ok {len(cases)}")
