"""Writes Zarr v2 arrays with zarr-python, one per codec/filter/dtype case, plus the values each
must read as (raw C-order bytes of the array read back by zarr-python) and a manifest."""
import json
import sys

import numcodecs
import numpy as np
import zarr

out = sys.argv[1]
root = zarr.open_group(zarr.DirectoryStore(out), mode="w")
rng = np.random.default_rng(42)
cases = []


def values(dtype, shape):
    dt = np.dtype(dtype)
    n = int(np.prod(shape))
    if dt.kind == "f":
        v = (rng.standard_normal(n) * 50).astype(dt)
    elif dt.kind == "b":
        v = rng.integers(0, 2, n).astype(dt)
    elif dt.kind == "u":
        v = rng.integers(0, min(np.iinfo(dt).max, 2**40), n, dtype=np.uint64).astype(dt)
    else:
        info = np.iinfo(dt)
        v = rng.integers(max(info.min, -2**40), min(info.max, 2**40), n, dtype=np.int64).astype(dt)
    return v.reshape(shape)


def add(name, dtype, compressor, filters=None, order="C", sep=".", shape=(37, 11, 3), chunks=(8, 4, 3), fill=0):
    data = values(dtype, shape)
    z = root.create_dataset(name, shape=shape, chunks=chunks, dtype=dtype, compressor=compressor,
                            filters=filters, order=order, dimension_separator=sep, fill_value=fill)
    z[...] = data
    back = z[...]
    with open(f"{out}/{name}.bin", "wb") as f:
        f.write(np.ascontiguousarray(back).astype(np.dtype(dtype).newbyteorder("<")).tobytes())
    cases.append({"name": name, "dtype": np.dtype(dtype).str, "shape": list(shape)})


for cname in ["lz4", "zstd", "blosclz", "zlib"]:
    for shuffle, sname in [(0, "noshuffle"), (1, "shuffle"), (2, "bitshuffle")]:
        add(f"blosc_{cname}_{sname}", "<f4", numcodecs.Blosc(cname=cname, clevel=5, shuffle=shuffle))
add("blosc_lz4_f8_auto", "<f8", numcodecs.Blosc(cname="lz4", clevel=9, shuffle=-1))
add("blosc_lz4_b1_auto", "|b1", numcodecs.Blosc(cname="lz4", clevel=5, shuffle=-1))
add("zstd", "<f4", numcodecs.Zstd(level=3))
add("zlib", "<f8", numcodecs.Zlib(level=4))
add("gzip", "<i4", numcodecs.GZip(level=4))
add("lz4", "<f4", numcodecs.LZ4())
add("none", "<u2", None)
add("quantize_f4", "<f4", numcodecs.Blosc(), filters=[numcodecs.Quantize(digits=3, dtype="<f4")])
add("quantize_f8_as_f4", "<f8", numcodecs.Zstd(), filters=[numcodecs.Quantize(digits=2, dtype="<f8", astype="<f4")])
add("delta_i8", "<i8", numcodecs.Zlib(), filters=[numcodecs.Delta(dtype="<i8")])
add("delta_i4_as_i2", "<i4", None, filters=[numcodecs.Delta(dtype="<i4", astype="<i4")])
add("shuffle_f8", "<f8", numcodecs.Zlib(), filters=[numcodecs.Shuffle(elementsize=8)])
add("order_f", "<f4", numcodecs.Blosc(), order="F")
add("slash_sep", "<i2", numcodecs.Zstd(), sep="/")
add("big_endian_f8", ">f8", numcodecs.Blosc(cname="zstd", shuffle=1))
add("big_endian_i4", ">i4", numcodecs.GZip())
add("u1", "|u1", numcodecs.LZ4())
add("u4", "<u4", numcodecs.Zstd())
add("u8", "<u8", numcodecs.Zstd())
add("i2", "<i2", numcodecs.Blosc(cname="blosclz"))
# Missing chunks read as the fill value: write only a corner.
z = root.create_dataset("sparse_fill", shape=(20, 6), chunks=(5, 3), dtype="<f8", fill_value=-7.5,
                        compressor=numcodecs.Zstd())
z[0:3, 0:2] = 1.25
with open(f"{out}/sparse_fill.bin", "wb") as f:
    f.write(z[...].astype("<f8").tobytes())
cases.append({"name": "sparse_fill", "dtype": "<f8", "shape": [20, 6]})
zarr.consolidate_metadata(zarr.DirectoryStore(out))
with open(f"{out}/cases.json", "w") as f:
    json.dump(cases, f)
