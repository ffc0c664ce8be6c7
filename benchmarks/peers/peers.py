"""The Python peers' side of the comparison: reads the JSON that PeerRun printed (file paths and
TrajStream's seconds), times the same work with MDAnalysis, h5py and zarr-python on the same files
(best of N after a warm-up), and prints a markdown table of the ratios.

usage: peers.py TRAJSTREAM.json REPEATS
"""
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import zarr  # noqa: E402
import MDAnalysis as mda  # noqa: E402
from MDAnalysis.analysis import rms  # noqa: E402


def best_of(fn, repeats):
    fn()  # warm-up
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def universe(path):
    u = mda.Universe(path)
    # unit masses: MDAnalysis's RMSD wants masses even for unweighted fits; weights stay None
    u.add_TopologyAttr("masses", np.ones(u.atoms.n_atoms))
    return u


def mda_iterate(path):
    u = universe(path)
    s = 0.0
    for ts in u.trajectory:
        s += float(ts.positions[0, 0])
    return s


def h5py_bulk(path):
    with h5py.File(path, "r") as f:
        g = next(iter(f["particles"].values()))
        return g["position/value"][()]


def zarr_read(path):
    root = zarr.open_group(path, mode="r")
    g = next(iter(root["particles"].values()))
    return g["position/value"][:]


def mda_rmsd(path):
    u = universe(path)
    return rms.RMSD(u, u, select="all", ref_frame=0).run().results.rmsd


def main():
    info = json.load(open(sys.argv[1]))
    repeats = int(sys.argv[2])
    ts = info["seconds"]
    h5, zr = info["h5md"], info["zarrmd"]
    peer = {
        "mda_iterate": best_of(lambda: mda_iterate(h5), repeats),
        "h5py_bulk": best_of(lambda: h5py_bulk(h5), repeats),
        "zarr_read": best_of(lambda: zarr_read(zr), repeats),
        "mda_rmsd": best_of(lambda: mda_rmsd(h5), repeats),
    }
    mb = info["atoms"] * info["frames"] * 12 / 1e6
    threads = sorted({int(k.rsplit("_t", 1)[1]) for k in ts})
    rows = []
    for t in threads:
        rows += [
            ("read all positions, H5MD", f"TrajStream, {t} thread(s)", ts[f"read_h5md_t{t}"], "MDAnalysis H5MDReader iteration", peer["mda_iterate"]),
            ("read all positions, H5MD", f"TrajStream, {t} thread(s)", ts[f"read_h5md_t{t}"], "h5py bulk read", peer["h5py_bulk"]),
            ("read all positions, zarrmd", f"TrajStream, {t} thread(s)", ts[f"read_zarrmd_t{t}"], "zarr-python read", peer["zarr_read"]),
            ("RMSD to frame 0, H5MD", f"TrajStream, {t} thread(s)", ts[f"rmsd_h5md_t{t}"], "MDAnalysis rms.RMSD", peer["mda_rmsd"]),
        ]
    print(f"{info['atoms']} atoms x {info['frames']} frames ({mb:.1f} MB of float32 positions), "
          f"{info['chunk_frames']} frames per chunk, {info['compressor']}, local disk; best of {repeats} after a warm-up")
    print()
    print("| task | TrajStream | s | peer | s | peer time / TrajStream time |")
    print("|---|---|---:|---|---:|---:|")
    for task, who, t_ts, peer_name, t_peer in rows:
        print(f"| {task} | {who} | {t_ts:.3f} | {peer_name} | {t_peer:.3f} | {t_peer / t_ts:.2f} |")
    print()
    print("Ratios above 1: TrajStream is faster. Python tools run single-threaded.")


if __name__ == "__main__":
    main()
