"""Writes H5MD test files with MDAnalysis's H5MDWriter and h5py, plus what h5py reads back.

usage: make_interop.py OUTDIR
For every file NAME.h5md it writes NAME.ref.json (steps, times, atoms, box per frame as
MDAnalysis dimensions, particle group) and NAME.<field>.f32 (h5py's values as little-endian
float32, frame-major).
"""
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")
import h5py
import numpy as np

OUT = sys.argv[1]
N, F = 50, 40
rng = np.random.default_rng(7)
POS = (rng.random((F, N, 3)) * 30).astype("f4")
VEL = rng.standard_normal((F, N, 3)).astype("f4")
FRC = (rng.standard_normal((F, N, 3)) * 100).astype("f4")
DIMS = np.array([[30 + 0.1 * i, 31 + 0.1 * i, 32 + 0.1 * i, 80 + 0.1 * i, 85, 95] for i in range(F)], dtype="f4")


def triclinic_vectors(d):
    from MDAnalysis.lib.mdamath import triclinic_vectors as tv
    return tv(d).astype("f4")


def triclinic_box(v):
    from MDAnalysis.lib.mdamath import triclinic_box as tb
    return tb(*v.astype("f8"))


def reference(name, path, group="trajectory", fields=("position", "velocity", "force")):
    with h5py.File(path, "r") as f:
        g = f["particles"][group]
        ref = {"group": group}
        first = g[fields[0]]
        step = first["step"]
        n = first["value"].shape[0]
        if step.shape == ():
            off = step.attrs.get("offset", 0)
            ref["steps"] = [int(off + i * step[()]) for i in range(n)]
        else:
            ref["steps"] = [int(s) for s in step[:n]]
        if "time" in first:
            t = first["time"]
            if t.shape == ():
                off = t.attrs.get("offset", 0.0)
                ref["times"] = [float(off + i * t[()]) for i in range(n)]
            else:
                ref["times"] = [float(x) for x in t[:n]]
        ref["atoms"] = int(first["value"].shape[1])
        ref["frames"] = n
        ref["fields"] = list(fields)
        for fld in fields:
            g[fld]["value"][()].astype("<f4").tofile(os.path.join(OUT, f"{name}.{fld}.f32"))
        boxes = None
        if "box" in g and "edges" in g["box"]:
            e = g["box"]["edges"]
            if isinstance(e, h5py.Dataset):
                v = e[()]
                dims = triclinic_box(v) if v.shape == (3, 3) else np.array([*v, 90, 90, 90])
                boxes = [[float(x) for x in dims]] * n
            else:
                vals = e["value"][()]
                boxes = []
                for v in vals:
                    dims = triclinic_box(v) if v.shape == (3, 3) else np.array([*v, 90, 90, 90])
                    boxes.append([float(x) for x in dims])
        ref["box"] = boxes
        ref["boundary"] = [x.decode() if isinstance(x, bytes) else str(x) for x in g["box"].attrs.get("boundary", [])] if "box" in g else []
    with open(os.path.join(OUT, name + ".ref.json"), "w") as fh:
        json.dump(ref, fh)


def mda(name, n=N, f=F, **kw):
    import MDAnalysis as mda
    from MDAnalysis.coordinates.memory import MemoryReader
    from MDAnalysis.coordinates.H5MD import H5MDWriter
    if (n, f) == (N, F):
        pos, vel, frc, dims = POS, VEL, FRC, DIMS
    else:
        r = np.random.default_rng(11)
        pos = (r.random((f, n, 3)) * 30).astype("f4")
        vel = r.standard_normal((f, n, 3)).astype("f4")
        frc = r.standard_normal((f, n, 3)).astype("f4")
        dims = np.array([[30 + 0.01 * i, 31, 32, 90, 90, 90] for i in range(f)], dtype="f4")
    u = mda.Universe.empty(n, trajectory=True, velocities=True, forces=True)
    u.load_new(pos.copy(), format=MemoryReader, velocities=vel.copy(), forces=frc.copy(), dimensions=dims.copy(), dt=2.0)
    path = os.path.join(OUT, name + ".h5md")
    with H5MDWriter(path, n, n_frames=f, positions=True, velocities=True, forces=True, timeunit="ps",
                    lengthunit="nm", velocityunit="nm/ps", forceunit="kJ/(mol*nm)", **kw) as w:
        for ts in u.trajectory:
            w.write(u.atoms)
    reference(name, path)


def h(name, libver="earliest", userblock=0, box="triclinic", fixed_step=False, groups=("trajectory",), **dkw):
    path = os.path.join(OUT, name + ".h5md")
    kwargs = {"libver": libver}
    if userblock:
        kwargs["userblock_size"] = userblock
    with h5py.File(path, "w", **kwargs) as f:
        h = f.create_group("h5md")
        h.attrs["version"] = np.array([1, 1])
        f.create_group("h5md/author").attrs["name"] = "tests"
        c = f.create_group("h5md/creator")
        c.attrs["name"] = "h5py"
        c.attrs["version"] = h5py.__version__
        for gi, gname in enumerate(groups):
            g = f.create_group(f"particles/{gname}")
            scale = 1 + gi
            if fixed_step:
                step = g.create_dataset("position/step", data=5)
                step.attrs["offset"] = 100
                time = g.create_dataset("position/time", data=0.5)
                time.attrs["offset"] = 10.0
                time.attrs["unit"] = "ps"
            else:
                step = g.create_dataset("position/step", data=np.arange(F, dtype="i8") * 10, maxshape=(None,), chunks=(16,))
                time = g.create_dataset("position/time", data=np.arange(F, dtype="f8") * 2.0, maxshape=(None,), chunks=(16,))
                time.attrs["unit"] = "ps"
            for fld, arr, unit in (("position", POS, "nm"), ("velocity", VEL, "nm ps-1"), ("force", FRC, "kJ mol-1 nm-1")):
                kw = dict(dkw)
                if libver == "latest":
                    # exercise the three version-4 chunk indexes
                    if fld == "position":
                        kw.update(maxshape=(None, N, 3), chunks=(10, N, 3))
                    elif fld == "velocity":
                        kw.update(chunks=(7, N, 3))
                    else:
                        kw.update(chunks=(F, N, 3))
                v = g.create_dataset(f"{fld}/value", data=arr * scale, **kw)
                v.attrs["unit"] = unit
                if fld != "position":
                    g[f"{fld}/step"] = step  # hard links
                    g[f"{fld}/time"] = time
            b = g.create_group("box")
            b.attrs["dimension"] = 3
            if box == "none":
                b.attrs["boundary"] = np.array([b"none"] * 3)
                continue
            b.attrs["boundary"] = np.array([b"periodic"] * 3)
            if box == "triclinic":
                vecs = np.array([triclinic_vectors(d) for d in DIMS])
                e = b.create_dataset("edges/value", data=vecs / 10, chunks=(8, 3, 3))
                b["edges/step"] = step
                b["edges/time"] = time
            elif box == "cuboid":
                e = b.create_dataset("edges/value", data=DIMS[:, :3] / 10)
                b["edges/step"] = step
                b["edges/time"] = time
            elif box == "fixed-cuboid":
                e = b.create_dataset("edges", data=np.array([3.0, 3.1, 3.2], dtype="f8"))
            elif box == "fixed-triclinic":
                e = b.create_dataset("edges", data=triclinic_vectors(DIMS[3]) / 10)
            e.attrs["unit"] = "nm"
        obs = f.create_group("observables/nested/energy")
        obs.create_dataset("value", data=np.arange(F, dtype="f8"))
        obs["step"] = step
    reference(name, path, group=groups[-1])


def direct(name, filter_id, opts, encode):
    """A dataset whose chunks we encode ourselves (filters h5py has no plugin for here)."""
    path = os.path.join(OUT, name + ".h5md")
    h(name)  # plain layout first, then replace position/value
    with h5py.File(path, "a") as f:
        g = f["particles/trajectory"]
        unit = g["position/value"].attrs["unit"]
        del g["position/value"]
        d = g.create_dataset("position/value", shape=POS.shape, dtype="f4", chunks=(10, N, 3),
                             compression=filter_id, compression_opts=opts, allow_unknown_filter=True)
        d.attrs["unit"] = unit
        for i in range(0, F, 10):
            d.id.write_direct_chunk((i, 0, 0), encode(np.ascontiguousarray(POS[i:i + 10])))
    reference(name, path, fields=("velocity", "force"))
    np.ascontiguousarray(POS).astype("<f4").tofile(os.path.join(OUT, f"{name}.position.f32"))
    ref = json.load(open(os.path.join(OUT, name + ".ref.json")))
    ref["fields"] = ["position", "velocity", "force"]
    json.dump(ref, open(os.path.join(OUT, name + ".ref.json"), "w"))


def damaged(name, mode):
    """Position chunk 1 (frames 10-19) damaged: 'short' (gzip, inflates 400 bytes short), 'bomb' (gzip,
    inflates to 64 MiB for a 6 KB chunk) or 'short_plain' (no filter, 400 bytes short)."""
    import zlib
    path = os.path.join(OUT, name + ".h5md")
    h(name)
    with h5py.File(path, "a") as f:
        g = f["particles/trajectory"]
        unit = g["position/value"].attrs["unit"]
        del g["position/value"]
        kw = {} if mode == "short_plain" else {"compression": "gzip"}
        d = g.create_dataset("position/value", shape=POS.shape, dtype="f4", chunks=(10, N, 3), **kw)
        d.attrs["unit"] = unit
        for i in range(0, F, 10):
            raw = np.ascontiguousarray(POS[i:i + 10]).tobytes()
            if i == 10:
                raw = bytes(64 << 20) if mode == "bomb" else raw[:-400]
            d.id.write_direct_chunk((i, 0, 0), raw if mode == "short_plain" else zlib.compress(raw, 6))
    reference(name, path, fields=("velocity", "force"))


def bitshuffle_lz4(a):
    """Bitshuffle + LZ4 as the HDF5 bitshuffle filter stores it, from its published layout."""
    import numcodecs
    raw = a.tobytes()
    es = a.dtype.itemsize
    n = len(raw) // es
    block = max(128, (8192 // es) // 8 * 8)
    out = bytearray(len(raw).to_bytes(8, "big") + (block * es).to_bytes(4, "big"))
    lz4 = numcodecs.LZ4()
    done = 0
    while done + 8 <= n:
        m = min(block, n - done)
        m -= m % 8
        blk = np.frombuffer(raw[done * es:(done + m) * es], dtype="u1").reshape(m, es)
        bits = np.unpackbits(blk, axis=1, bitorder="little").reshape(m, es, 8)  # [elem, byte, bit]
        rows = bits.transpose(1, 2, 0).reshape(es * 8, m)  # row = byte*8+bit
        packed = np.packbits(rows, axis=1, bitorder="little").tobytes()
        comp = lz4.encode(packed)[4:]  # numcodecs prefixes the size; the filter stores the raw block
        out += len(comp).to_bytes(4, "big") + comp
        done += m
    out += raw[done * es:]
    return bytes(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    which = set(sys.argv[2:])
    todo = {
        "mda_chunk1": lambda: mda("mda_chunk1", chunks=(1, N, 3)),
        "mda_chunk10_gzip1": lambda: mda("mda_chunk10_gzip1", chunks=(10, N, 3), compression="gzip", compression_opts=1),
        "mda_gzip9": lambda: mda("mda_gzip9", chunks=(10, N, 3), compression="gzip", compression_opts=9),
        "mda_lzf": lambda: mda("mda_lzf", chunks=(10, N, 3), compression="lzf"),
        "mda_contiguous": lambda: mda("mda_contiguous", chunks=False),
        "mda_100_frames": lambda: mda("mda_100_frames", n=1000, f=100),
        "mda_300_frames": lambda: mda("mda_300_frames", n=100, f=300),
        "mda_interleaved": lambda: mda("mda_interleaved", n=6000, f=30),
        "mda_100_frames_chunk10": lambda: mda("mda_100_frames_chunk10", n=1000, f=100, chunks=(10, 1000, 3), compression="gzip", compression_opts=1),
        "h5_shuffle_gzip": lambda: h("h5_shuffle_gzip", chunks=(10, N, 3), shuffle=True, compression="gzip", compression_opts=4),
        "h5_fletcher32": lambda: h("h5_fletcher32", chunks=(10, N, 3), fletcher32=True),
        "h5_shuffle_fletcher_gzip": lambda: h("h5_shuffle_fletcher_gzip", chunks=(4, 20, 3), shuffle=True, fletcher32=True, compression="gzip"),
        "h5_latest": lambda: h("h5_latest", libver="latest", compression="gzip", compression_opts=2),
        "h5_userblock": lambda: h("h5_userblock", userblock=512, chunks=(10, N, 3), compression="gzip"),
        "h5_userblock_contiguous": lambda: h("h5_userblock_contiguous", userblock=512),
        "h5_cuboid": lambda: h("h5_cuboid", box="cuboid", chunks=(10, N, 3)),
        "h5_fixed_cuboid": lambda: h("h5_fixed_cuboid", box="fixed-cuboid", fixed_step=True),
        "h5_fixed_triclinic": lambda: h("h5_fixed_triclinic", box="fixed-triclinic"),
        "h5_no_box": lambda: h("h5_no_box", box="none"),
        "h5_two_groups": lambda: h("h5_two_groups", groups=("solvent", "protein"), chunks=(10, N, 3)),
        "h5_blosc": lambda: h("h5_blosc", chunks=(10, N, 3), **__import__("hdf5plugin").Blosc(cname="lz4", clevel=5, shuffle=1)),
        "h5_blosc_zstd": lambda: h("h5_blosc_zstd", chunks=(10, N, 3), **__import__("hdf5plugin").Blosc(cname="zstd", clevel=3, shuffle=2)),
        "h5_lz4": lambda: h("h5_lz4", chunks=(10, N, 3), **__import__("hdf5plugin").LZ4()),
        "direct_zstd": lambda: direct("direct_zstd", 32015, (3,), lambda a: __import__("numcodecs").Zstd(3).encode(a)),
        "direct_bitshuffle_lz4": lambda: direct("direct_bitshuffle_lz4", 32008, (0, 0, 4, 0, 2), bitshuffle_lz4),
        "direct_unknown_filter": lambda: direct("direct_unknown_filter", 32099, (1,), lambda a: a.tobytes()),
        "damaged_gzip_short": lambda: damaged("damaged_gzip_short", "short"),
        "damaged_gzip_bomb": lambda: damaged("damaged_gzip_bomb", "bomb"),
        "damaged_plain_short": lambda: damaged("damaged_plain_short", "short_plain"),
    }
    try:
        import hdf5plugin  # noqa: F401  (Debian python3-hdf5plugin: blosc and lz4 filters for h5py)
        plugins = True
    except ImportError:
        plugins = False
    made = []
    for name, fn in todo.items():
        if which and name not in which:
            continue
        if not plugins and name in ("h5_blosc", "h5_blosc_zstd", "h5_lz4"):
            continue
        fn()
        made.append(name)
    print(json.dumps(made))


main()
