#!/usr/bin/python3
"""Writes the seed inputs and fixtures of the fuzz targets from the shared peer data.

Usage: make-seeds.py DATA_DIR OUT_DIR

DATA_DIR is the peer data directory (MANIFEST.md, mdanalysis/, zarrtraj/); OUT_DIR the test
resource directory of the fuzz targets' package (src/test/resources/io/trajstream/fuzz). Copies the
small real files and writes pieces derived from them with h5py, hdf5plugin, numcodecs, zarr and
MDAnalysis: the same 5-atom trajectory with each HDF5 filter, raw chunks with their filter
pipelines, Blosc frames of every codec and shuffle, consolidated Zarr metadata, GRO files.
Kerchunk reference seeds are written by the Java side (see README.md).
"""
import os
import shutil
import struct
import sys
import tempfile

import h5py
import hdf5plugin
import numcodecs
import numpy as np
import zarr

DATA, OUT = sys.argv[1], sys.argv[2]

# filter ids in the order the HDF5 filter target's header numbers them (HdfFilterFuzzTest.FILTER_IDS)
FILTER_IDS = [1, 2, 3, 32000, 32001, 32004, 32008, 32015]
# element types in the order the targets' headers number them (Seeds.DTYPES)
DTYPES = ["<f4", "<f8", "<i4", "<i8", ">f4", "|u1", "<u2", ">i8"]


def inputs(target, method):
    d = os.path.join(OUT, target + "Inputs", method)
    os.makedirs(d, exist_ok=True)
    return d


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def u24(n):
    return struct.pack("<I", n)[:3]


# ---- H5MD files -----------------------------------------------------------------------------
h5seeds = inputs("H5mdOpenFuzzTest", "openH5md")
for rel in ["zarrtraj/COORDINATES_SYNTHETIC_H5MD.h5md", "zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md",
            "zarrtraj/COORDINATES_MISSING_H5MD_GROUP_H5MD.h5md", "zarrtraj/COORDINATES_MISSING_TIME_DSET_H5MD.h5md",
            "mdanalysis/coordinates/test.h5md"]:
    shutil.copy(os.path.join(DATA, rel), os.path.join(h5seeds, "seed-" + os.path.basename(rel)))

src = h5py.File(os.path.join(DATA, "mdanalysis/coordinates/test.h5md"), "r")
pos = src["particles/trajectory/position/value"][()]
step = src["particles/trajectory/position/step"][()]
time = src["particles/trajectory/position/time"][()]
edges = src["particles/trajectory/box/edges/value"][()]

FILTERS = {
    "gzip-shuffle-fletcher32": dict(compression="gzip", compression_opts=4, shuffle=True, fletcher32=True),
    "lzf": dict(compression="lzf"),
    "blosc-lz4": hdf5plugin.Blosc(cname="lz4", clevel=5, shuffle=hdf5plugin.Blosc.SHUFFLE),
    "blosc-zstd-bitshuffle": hdf5plugin.Blosc(cname="zstd", clevel=3, shuffle=hdf5plugin.Blosc.BITSHUFFLE),
    "lz4": hdf5plugin.LZ4(),
    "zstd": hdf5plugin.Zstd(),
}


def h5md(path, filt, userblock=0, cycle=False, scalar_step=False, compact=False):
    with h5py.File(path, "w", userblock_size=userblock or None, libver="earliest") as f:
        h = f.create_group("h5md")
        h.attrs["version"] = np.array([1, 1])
        h.create_group("author").attrs["name"] = "fuzz seeds"
        h.create_group("creator").attrs.update({"name": "make-seeds", "version": "1"})
        t = f.create_group("particles/trajectory")
        box = t.create_group("box")
        box.attrs["dimension"] = 3
        box.attrs["boundary"] = np.array([b"periodic"] * 3)
        p = t.create_group("position")
        kw = filt if isinstance(filt, dict) else dict(filt) if filt is not None else {}
        if compact:
            dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
            dcpl.set_layout(h5py.h5d.COMPACT)
            space = h5py.h5s.create_simple(pos.shape)
            dsid = h5py.h5d.create(p.id, b"value", h5py.h5t.IEEE_F32LE, space, dcpl=dcpl)
            dsid.write(h5py.h5s.ALL, h5py.h5s.ALL, np.ascontiguousarray(pos, dtype="<f4"))
        else:
            p.create_dataset("value", data=pos, chunks=(1,) + pos.shape[1:] if kw else None, **kw)
        p["value"].attrs["unit"] = "Angstrom"
        if scalar_step:
            p["step"] = 1
            p["step"].attrs["offset"] = 0
            p["time"] = 1.0
            p["time"].attrs["offset"] = 0.0
        else:
            p["step"] = step
            p["time"] = time
        p["time"].attrs["unit"] = "ps"
        e = box.create_group("edges")
        e.create_dataset("value", data=edges, chunks=(1, 3, 3) if kw else None, **kw)
        e["step"] = p["step"]
        e["time"] = p["time"]
        if cycle:
            t["position/loop"] = t
        o = f.create_group("observables")
        o.create_dataset("lambda/value", data=np.arange(len(step), dtype="<f8"))
        o["lambda/step"] = p["step"]


derived = {}
for name, filt in FILTERS.items():
    if not h5py.h5z.filter_avail(filt.filter_id if hasattr(filt, "filter_id") else {"gzip": 1, "lzf": 32000}[filt["compression"]]):
        print("no HDF5 plugin for", name, "- skipped")
        continue
    path = os.path.join(h5seeds, "seed-filter-" + name + ".h5md")
    h5md(path, filt)
    derived[name] = path
h5md(os.path.join(h5seeds, "seed-userblock.h5md"), None, userblock=512)
h5md(os.path.join(h5seeds, "seed-scalar-step.h5md"), None, scalar_step=True)
h5md(os.path.join(h5seeds, "seed-compact.h5md"), None, compact=True)
h5md(os.path.join(h5seeds, "seed-hardlink-cycle.h5md"), None, cycle=True)

# the kerchunk target's fixture: one chunked, filtered file its seeds index
fixtures = os.path.join(OUT, "fixtures")
os.makedirs(fixtures, exist_ok=True)
shutil.copy(derived["gzip-shuffle-fletcher32"], os.path.join(fixtures, "traj.h5md"))

# ---- raw HDF5 chunks with their filter pipelines -----------------------------------------------
rng = np.random.default_rng(7)
walk = np.cumsum(rng.normal(size=3000)).astype("<f4")
chunk_seeds = inputs("HdfFilterFuzzTest", "decodeChunk")


def pipeline_header(ds, mask):
    dcpl = ds.id.get_create_plist()
    n = dcpl.get_nfilters()
    out = bytes([n])
    for i in range(n):
        code, flags, cd, name = dcpl.get_filter(i)
        out += bytes([FILTER_IDS.index(code), len(cd)]) + b"".join(struct.pack("<I", int(c) & 0xffffffff) for c in cd)
    dt = ds.dtype.str
    elems = int(np.prod(ds.chunks))
    return out + bytes([DTYPES.index(dt)]) + u24(elems) + bytes([mask])


for name, path in derived.items():
    with h5py.File(path, "r") as f:
        for dsname in ["particles/trajectory/position/value", "particles/trajectory/box/edges/value"]:
            ds = f[dsname]
            mask, raw = ds.id.read_direct_chunk((0,) * ds.ndim)
            tag = dsname.split("/")[-2]
            write(os.path.join(chunk_seeds, "seed-%s-%s" % (name, tag)), pipeline_header(ds, mask) + raw)
# doubles and integers through deflate + shuffle, and a chunk whose filters were skipped (mask)
with tempfile.TemporaryDirectory() as tmp:
    with h5py.File(os.path.join(tmp, "x.h5"), "w") as f:
        f.create_dataset("d", data=np.linspace(0, 1, 64), chunks=(64,), compression="gzip", shuffle=True)
        f.create_dataset("i", data=np.arange(100, dtype="<i8"), chunks=(100,), compression="lzf", fletcher32=True)
        for n in ["d", "i"]:
            ds = f[n]
            mask, raw = ds.id.read_direct_chunk((0,))
            write(os.path.join(chunk_seeds, "seed-" + n), pipeline_header(ds, mask) + raw)
        ds = f["d"]
        write(os.path.join(chunk_seeds, "seed-masked"), pipeline_header(ds, 0b11) + np.linspace(0, 1, 64).tobytes())


def bitshuffle_block(data, es):
    """One uncompressed bitshuffle block: row byte*8+bit holds that bit of every element."""
    bits = np.unpackbits(data.view(np.uint8).reshape(-1, es), axis=1, bitorder="little")
    return np.packbits(bits.T, axis=1, bitorder="little").tobytes()


# bitshuffle without compression (the HDF5 plugin is not always installed): 2 blocks of 64 floats + 3 rest
floats = walk[:131]
body = bitshuffle_block(floats[:64], 4) + bitshuffle_block(floats[64:128], 4) + floats[128:].tobytes()
head = bytes([1, FILTER_IDS.index(32008), 5]) + b"".join(struct.pack("<I", c) for c in [0, 3, 4, 64, 0])
write(os.path.join(chunk_seeds, "seed-bitshuffle"), head + bytes([DTYPES.index("<f4")]) + u24(131) + bytes([0]) + body)
# zstd: one zstd frame per chunk, as the HDF5 plugin writes it
head = bytes([1, FILTER_IDS.index(32015), 0, DTYPES.index("<f4")]) + u24(300) + bytes([0])
write(os.path.join(chunk_seeds, "seed-zstd"), head + numcodecs.Zstd(level=3).encode(walk[:300]))

# ---- Blosc frames ------------------------------------------------------------------------------
blosc_seeds = inputs("BloscFuzzTest", "decodeBloscChunk")
for cname in ["lz4", "lz4hc", "blosclz", "zstd", "zlib"]:
    for shuffle, sname in [(0, "noshuffle"), (1, "shuffle"), (2, "bitshuffle")]:
        for data, dname in [(walk[:600], "small"), (walk, "blocks")]:
            if dname == "blocks" and cname not in ("lz4", "zstd"):
                continue
            codec = numcodecs.Blosc(cname=cname, clevel=5, shuffle=shuffle, blocksize=1024 if dname == "blocks" else 0)
            frame = codec.encode(data)
            head = bytes([DTYPES.index("<f4")]) + u24(data.size)
            write(os.path.join(blosc_seeds, "seed-%s-%s-%s" % (cname, sname, dname)), head + frame)
ints = np.arange(500, dtype="<i8")
write(os.path.join(blosc_seeds, "seed-lz4-i8"), bytes([DTYPES.index("<i8")]) + u24(ints.size)
      + numcodecs.Blosc(cname="lz4", clevel=9, shuffle=1).encode(ints))
write(os.path.join(blosc_seeds, "seed-memcpy"), bytes([DTYPES.index("<f4")]) + u24(20)
      + numcodecs.Blosc(cname="lz4", clevel=0).encode(walk[:20]))
zs = os.path.join(DATA, "zarrtraj/COORDINATES_SYNTHETIC_ZARRMD.zarrmd/particles/trajectory/position/value/0.0.0")
with open(zs, "rb") as f:
    write(os.path.join(blosc_seeds, "seed-zarrtraj-position"), bytes([DTYPES.index("<f4")]) + u24(75) + f.read())

# ---- consolidated Zarr metadata ----------------------------------------------------------------
zseeds = inputs("ZarrMetadataFuzzTest", "openZarrmd")
for name in ["COORDINATES_SYNTHETIC_ZARRMD", "COORDINATES_VARIED_STEPS_ZARRMD",
             "COORDINATES_MISSING_H5MD_GROUP_ZARRMD", "COORDINATES_MISSING_TIME_DSET_ZARRMD"]:
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "s.zarrmd")
        shutil.copytree(os.path.join(DATA, "zarrtraj", name + ".zarrmd"), copy)
        for root, dirs, files in os.walk(copy):
            os.chmod(root, 0o755)
        zarr.consolidate_metadata(zarr.DirectoryStore(copy))
        shutil.copy(os.path.join(copy, ".zmetadata"), os.path.join(zseeds, "seed-" + name + ".zmetadata"))
# the Zarr target's fixture: the chunks of the synthetic store (metadata comes from the input)
zfix = os.path.join(fixtures, "synthetic.zarrmd")
shutil.rmtree(zfix, ignore_errors=True)
shutil.copytree(os.path.join(DATA, "zarrtraj/COORDINATES_SYNTHETIC_ZARRMD.zarrmd"), zfix,
                ignore=lambda d, names: [n for n in names if n.startswith(".z")])
for root, dirs, files in os.walk(zfix):
    os.chmod(root, 0o755)
    for n in files:
        os.chmod(os.path.join(root, n), 0o644)

# ---- selections --------------------------------------------------------------------------------
sel_seeds = inputs("SelectionFuzzTest", "parseAndApply")
for i, text in enumerate(["all", "index 0:99", "index 3 7 9", "bynum 1:100", "name CA", "name H*", "resname SOL",
                          "resid 1:10", "resnum 2 to 4", "protein", "backbone", "segid SYSTEM", "type O H",
                          "not protein and (name CA or name N)", "name [CH]? and not name [!C]*", "resid 1 - 3 or index 5",
                          "(all and not (bynum 2:4 or (resname LEU and backbone)))", "around 5 protein"]):
    write(os.path.join(sel_seeds, "seed-%02d" % i), text.encode())

# ---- topologies --------------------------------------------------------------------------------
pdb_seeds = inputs("PdbFuzzTest", "readPdb")
gro_seeds = inputs("GroFuzzTest", "readGro")
shutil.copy(os.path.join(DATA, "mdanalysis/coordinates/test_topology.pdb"), os.path.join(pdb_seeds, "seed-test_topology.pdb"))
with open(os.path.join(DATA, "mdanalysis/cobrotoxin.pdb"), "rb") as f:
    lines = f.read().split(b"\n")
atoms = [l for l in lines if l.startswith(b"ATOM") or l.startswith(b"HETATM")]
head = lines[:4] + atoms[:60] + [b"TER", b"ENDMDL", b"END", b""]
write(os.path.join(pdb_seeds, "seed-cobrotoxin-head.pdb"), b"\n".join(head))
water = [l for l in atoms if b"SOL" in l[17:21]][:9]
write(os.path.join(pdb_seeds, "seed-cobrotoxin-water.pdb"), b"\n".join(lines[:4] + water + [b"END", b""]))
import MDAnalysis as mda
import warnings
warnings.simplefilter("ignore")
for name in ["seed-test_topology", "seed-cobrotoxin-head", "seed-cobrotoxin-water"]:
    u = mda.Universe(os.path.join(pdb_seeds, name + ".pdb"))
    u.atoms.write(os.path.join(gro_seeds, name + ".gro"))
